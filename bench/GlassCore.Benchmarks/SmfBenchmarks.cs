// PDU session establishments through the SMF, end to end on loopback: Create SM Context over HTTP/2 (multipart with the
// N1 establishment request, TS 29.502 §5.2.2.2) → subscription, address, N4 session establishment over UDP to a PFCP
// peer (TS 29.244 §7.5.2) → 201 and N1N2MessageTransfer; then Release SM Context (N4 deletion). One operation is one
// establishment plus its release; Concurrency establishments run at once, as many AMF requests would.
using System.Net;
using BenchmarkDotNet.Attributes;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.Pfcp;
using GlassCore.Pfcp.Transport;
using GlassCore.Sbi;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;
using GlassCore.Smf;
using GlassCore.Smf.Consumers;
using GlassCore.Smf.N4;
using Microsoft.AspNetCore.Builder;

namespace GlassCore.Benchmarks;

[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "BenchmarkDotNet calls GlobalCleanup, which disposes them")]
public class SmfBenchmarks
{
    private const int Concurrency = 64;
    private WebApplication _app = null!;
    private N4Client _n4 = null!;
    private PfcpNode _upf = null!;
    private HttpClient _http = null!;
    private Uri _base = null!;
    private byte[] _n1 = null!;
    private long _round;

    /// <summary>Answers association and session requests like a UPF that allocates the UL F-TEID.</summary>
    private sealed class UpfResponder : IPfcpRequestHandler
    {
        private long _seid;

        public ValueTask<PfcpMessage?> HandleAsync(PfcpMessage request, IPEndPoint peer, CancellationToken cancellationToken)
        {
            PfcpMessage? r = request switch
            {
                AssociationSetupRequest => new AssociationSetupResponse { NodeId = NodeId.FromAddress(IPAddress.Loopback), Cause = new Cause(PfcpCause.RequestAccepted), RecoveryTimeStamp = PfcpTimeStamp.FromTime(DateTime.UtcNow) },
                SessionEstablishmentRequest e => Established(e),
                SessionDeletionRequest => new SessionDeletionResponse { Seid = 1, Cause = new Cause(PfcpCause.RequestAccepted) },
                _ => null,
            };
            return ValueTask.FromResult(r);
        }

        private SessionEstablishmentResponse Established(SessionEstablishmentRequest e)
        {
            ulong up = (ulong)Interlocked.Increment(ref _seid);
            var r = new SessionEstablishmentResponse { Seid = e.CpFSeid!.Seid, NodeId = NodeId.FromAddress(IPAddress.Loopback), Cause = new Cause(PfcpCause.RequestAccepted), UpFSeid = new FSeid(up, IPAddress.Loopback) };
            var created = new CreatedPdr();
            created.Add(PfcpIeType.PdrId, new PdrId(1));
            created.Add(PfcpIeType.FTeid, FTeid.Of((uint)up, IPAddress.Loopback));
            r.Add(PfcpIeType.CreatedPdr, created);
            return r;
        }
    }

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

    [GlobalSetup]
    public void Setup()
    {
        _upf = new PfcpNode(new PfcpNodeOptions { LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 0), NodeId = NodeId.FromAddress(IPAddress.Loopback) }, new UpfResponder());
        _upf.Start();
        var options = new SmfOptions
        {
            PfcpLocal = new IPEndPoint(IPAddress.Loopback, 0),
            Dnns = [new DnnSliceOptions { Dnn = "internet", Sst = 1, Ipv4Pool = "10.0.0.0/8", Ipv6Pool = null }],
            Upfs = [new UpfOptions { Address = "127.0.0.1", Port = _upf.LocalEndPoint.Port }],
        };
        _n4 = new N4Client(options);
        _n4.Start();
        var smf = new PduSessionProcessor(options, _n4, new Subscription(), null, new Amf());
        using (var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            _base = new Uri($"http://127.0.0.1:{((IPEndPoint)l.LocalEndpoint).Port}/");
        }
        _app = SbiServer.Create(new SbiServerOptions { Listen = _base, MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.None });
        SmfEndpoints.Map(_app, smf);
        _app.StartAsync().GetAwaiter().GetResult();
        _http = SbiHttpClientFactory.Create();
        _n1 = new PduSessionEstablishmentRequest
        {
            PduSessionId = 1,
            ProcedureTransactionId = 1,
            IntegrityProtectionMaximumDataRate = new OctetString(new byte[] { 0xFF, 0xFF }),
            PduSessionType = new HalfOctet(1),
        }.ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _n4.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _upf.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _http.Dispose();
    }

    private async Task OneAsync(int i)
    {
        var data = new SmContextCreateData
        {
            Supi = $"imsi-99970{i:D10}",
            PduSessionId = 1,
            Dnn = "internet",
            SNssai = new Snssai { Sst = 1 },
            ServingNfId = "5a1b2c3d-0000-4000-8000-00000000a0f1",
            ServingNetwork = new GlassCore.Sbi.Models.PlmnId { Mcc = "999", Mnc = "70" },
            N1SmMsg = new RefToBinaryData { ContentId = "n1" },
            AnType = "3GPP_ACCESS",
            SmContextStatusUri = "http://127.0.0.1:9/status",
        };
        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, "nsmf-pdusession/v1/sm-contexts"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = SbiMultipart.ToContent(data, SessionJsonContext.Default.SmContextCreateData, [new BinaryPart("n1", SbiMultipart.NasMediaType, _n1)]),
        };
        using HttpResponseMessage created = await _http.SendAsync(create);
        if (created.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"create: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }
        using var release = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, created.Headers.Location!.ToString().TrimStart('/') + "/release"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using HttpResponseMessage released = await _http.SendAsync(release);
        if (released.StatusCode != HttpStatusCode.NoContent)
        {
            throw new InvalidOperationException($"release: {(int)released.StatusCode}");
        }
    }

    [Benchmark(OperationsPerInvoke = Concurrency)]
    public Task EstablishAndRelease()
    {
        long round = Interlocked.Increment(ref _round);
        var tasks = new Task[Concurrency];
        for (int i = 0; i < Concurrency; i++)
        {
            tasks[i] = OneAsync((int)(round % 1000 * Concurrency + i));
        }
        return Task.WhenAll(tasks);
    }
}
