// The SMF and GlassCore's own UPF composed on loopback for the PDU session benchmarks: Nsmf_PDUSession over HTTP/2
// (TS 29.502 §5.2.2.2 Create, §5.2.2.3 Update), N4 over UDP to the real UPF's PFCP server (TS 29.244 §7.5.2 establishment
// with CHOOSE, §7.5.4 modification with the gNB's tunnel, §7.5.6 deletion). The UDM and the AMF are in-process answers;
// there is no PCF (the SMF then uses the subscribed QoS). The UPF's packet path is off (no TUN): its PFCP side still
// compiles and publishes every session's rules into the forwarding tables, which is the per-session cost that matters here.
using System.Net;
using GlassCore.Asn1;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.Ngap;
using GlassCore.Sbi;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;
using GlassCore.Smf;
using GlassCore.Smf.Consumers;
using GlassCore.Smf.N2;
using GlassCore.Smf.N4;
using Microsoft.AspNetCore.Builder;

namespace GlassCore.Benchmarks;

internal sealed class SmfRig : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly N4Client _n4;
    private readonly Upf.Upf _upf;
    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly byte[] _n1;
    private readonly byte[] _n2;

    private sealed class Subscription : ISmSubscriptionSource
    {
        private static readonly List<SessionManagementSubscriptionData> s_data =
        [
            new SessionManagementSubscriptionData
            {
                SingleNssai = new Snssai { Sst = 1 },
                DnnConfigurations = new Dictionary<string, DnnConfiguration>
                {
                    ["internet"] = new DnnConfiguration
                    {
                        PduSessionTypes = new PduSessionTypes { DefaultSessionType = "IPV4" },
                        SscModes = new SscModes { DefaultSscMode = "SSC_MODE_1" },
                        SessionAmbr = new Ambr { Uplink = "1 Gbps", Downlink = "1 Gbps" },
                    },
                },
            },
        ];

        public Task<Result<List<SessionManagementSubscriptionData>>> GetSmDataAsync(string supi, Snssai snssai, string dnn, CancellationToken ct) =>
            Task.FromResult(Result<List<SessionManagementSubscriptionData>>.Ok(s_data));
    }

    private sealed class Amf : INamfCommunication
    {
        public Task<Result<N1N2MessageTransferRspData>> N1N2MessageTransferAsync(string supi, N1N2MessageTransferReqData data, IReadOnlyCollection<BinaryPart> parts, CancellationToken ct) =>
            Task.FromResult(Result<N1N2MessageTransferRspData>.Ok(new N1N2MessageTransferRspData { Cause = "N1_N2_TRANSFER_INITIATED" }));
    }

    private SmfRig(WebApplication app, N4Client n4, Upf.Upf upf, Uri baseUri)
    {
        _app = app;
        _n4 = n4;
        _upf = upf;
        _base = baseUri;
        _http = SbiHttpClientFactory.Create();
        _n1 = new PduSessionEstablishmentRequest
        {
            PduSessionId = 1,
            ProcedureTransactionId = 1,
            IntegrityProtectionMaximumDataRate = new OctetString(new byte[] { 0xFF, 0xFF }),
            PduSessionType = new HalfOctet(1),
        }.ToArray();
        // The gNB's answer to the N2 setup request: its DL tunnel (TS 38.413 §9.3.4.2).
        _n2 = Per.Encode(new PduSessionResourceSetupResponseTransfer
        {
            DlQosFlowPerTnlInformation = new QosFlowPerTnlInformation
            {
                UpTransportLayerInformation = N2SmInfo.Tunnel(new GtpTunnelEndpoint(IPAddress.Loopback, 0x00C0FFEE)),
                AssociatedQosFlowList = [new AssociatedQosFlowItem { QosFlowIdentifier = 1 }],
            },
        });
    }

    /// <summary>Sessions the UPF holds now.</summary>
    public int UpfSessions => _upf.Handler.SessionCount;

    public static async Task<SmfRig> StartAsync()
    {
        // A free port of our own (the UPF's default 8805 may be taken by a running core); its node ID is 127.0.0.1.
        var upf = new Upf.Upf(new Upf.UpfOptions { Pfcp = new IPEndPoint(IPAddress.Loopback, 0), N3Address = IPAddress.Loopback, EnableDataPath = false });
        upf.Start();
        var options = new SmfOptions
        {
            PfcpLocal = new IPEndPoint(IPAddress.Loopback, 0),
            Dnns = [new DnnSliceOptions { Dnn = "internet", Sst = 1, Ipv4Pool = "10.0.0.0/8", Ipv6Pool = null }],
            Upfs = [new UpfOptions { Address = "127.0.0.1", Port = upf.Node.LocalEndPoint.Port }],
        };
        var n4 = new N4Client(options);
        n4.Start();
        var smf = new PduSessionProcessor(options, n4, new Subscription(), null, new Amf());
        Uri baseUri;
        using (var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            baseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)l.LocalEndpoint).Port}/");
        }
        WebApplication app = SbiServer.Create(new SbiServerOptions { Listen = baseUri, MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.None });
        SmfEndpoints.Map(app, smf);
        await app.StartAsync().ConfigureAwait(false);
        await n4.AssociateAllAsync(CancellationToken.None).ConfigureAwait(false);
        return new SmfRig(app, n4, upf, baseUri);
    }

    /// <summary>One PDU session established: Create SM Context (→ N4 establishment), then Update SM Context with the
    /// gNB's PDU Session Resource Setup Response Transfer (→ N4 modification). Returns the SM context's path.</summary>
    public async Task<string> EstablishAsync(long ue, CancellationToken ct = default)
    {
        var data = new SmContextCreateData
        {
            Supi = "imsi-99970" + ue.ToString("D10", System.Globalization.CultureInfo.InvariantCulture),
            PduSessionId = 1,
            Dnn = "internet",
            SNssai = new Snssai { Sst = 1 },
            ServingNfId = "5a1b2c3d-0000-4000-8000-00000000a0f1",
            ServingNetwork = new GlassCore.Sbi.Models.PlmnId { Mcc = "999", Mnc = "70" },
            N1SmMsg = new RefToBinaryData { ContentId = "n1" },
            AnType = "3GPP_ACCESS",
            SmContextStatusUri = "http://127.0.0.1:9/status",
        };
        string location;
        using (var create = Post("nsmf-pdusession/v1/sm-contexts", SbiMultipart.ToContent(data, SessionJsonContext.Default.SmContextCreateData, [new BinaryPart("n1", SbiMultipart.NasMediaType, _n1)])))
        using (HttpResponseMessage created = await _http.SendAsync(create, ct).ConfigureAwait(false))
        {
            if (created.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"create: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}");
            }
            location = created.Headers.Location!.ToString().TrimStart('/');
        }
        var update = new SmContextUpdateData { N2SmInfo = new RefToBinaryData { ContentId = "n2" }, N2SmInfoType = "PDU_RES_SETUP_RSP" };
        using (var modify = Post(location + "/modify", SbiMultipart.ToContent(update, SessionJsonContext.Default.SmContextUpdateData, [new BinaryPart("n2", SbiMultipart.NgapMediaType, _n2)])))
        using (HttpResponseMessage updated = await _http.SendAsync(modify, ct).ConfigureAwait(false))
        {
            if (updated.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"update: {(int)updated.StatusCode} {await updated.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}");
            }
        }
        return location;
    }

    /// <summary>Release SM Context (→ N4 deletion).</summary>
    public async Task ReleaseAsync(string location, CancellationToken ct = default)
    {
        using HttpRequestMessage release = Post(location + "/release", null);
        using HttpResponseMessage released = await _http.SendAsync(release, ct).ConfigureAwait(false);
        if (released.StatusCode != HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"release: {(int)released.StatusCode}");
        }
    }

    private HttpRequestMessage Post(string path, HttpContent? content) => new(HttpMethod.Post, new Uri(_base, path))
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Content = content,
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _n4.DisposeAsync().ConfigureAwait(false);
        await _upf.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }
}
