// The session-management NFs hosted by `glasscore up` (CoreHost): the SMF finds the UDM and the PCF through the NRF with
// OAuth2 tokens, reads the demo subscriber's sm-data from the UDR and sets up the N4 session on a PFCP peer standing in
// for the UPF; the NSSF answers with the configured slices (TS 23.502 §4.3.2.2.1, TS 29.531).
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using GlassCore.Cli.Up;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.Pfcp;
using GlassCore.Pfcp.Transport;
using GlassCore.Sbi;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;

namespace GlassCore.Cli.Tests;

public sealed class SessionCoreTests : IAsyncLifetime
{
    private const string AmfId = "5a1b2c3d-0000-4000-8000-00000000a0f2";
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "gc-sess-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = SbiHttpClientFactory.Create();
    private readonly List<PfcpMessage> _n4 = [];
    private PfcpNode _upf = null!;
    private CoreHost _host = null!;
    private NrfClient _nrf = null!;
    private Uri _base = null!;

    private sealed class Upf(List<PfcpMessage> log) : IPfcpRequestHandler
    {
        public ValueTask<PfcpMessage?> HandleAsync(PfcpMessage request, IPEndPoint peer, CancellationToken cancellationToken)
        {
            lock (log)
            {
                log.Add(request);
            }
            PfcpMessage? r = request switch
            {
                AssociationSetupRequest => new AssociationSetupResponse { NodeId = NodeId.FromAddress(IPAddress.Loopback), Cause = new Cause(PfcpCause.RequestAccepted), RecoveryTimeStamp = PfcpTimeStamp.FromTime(DateTime.UtcNow) },
                SessionEstablishmentRequest e => Established(e),
                _ => null,
            };
            return ValueTask.FromResult(r);
        }

        private static SessionEstablishmentResponse Established(SessionEstablishmentRequest e)
        {
            var r = new SessionEstablishmentResponse { Seid = e.CpFSeid!.Seid, NodeId = NodeId.FromAddress(IPAddress.Loopback), Cause = new Cause(PfcpCause.RequestAccepted), UpFSeid = new FSeid(77, IPAddress.Loopback) };
            var created = new CreatedPdr();
            created.Add(PfcpIeType.PdrId, new PdrId(1));
            created.Add(PfcpIeType.FTeid, FTeid.Of(0x1234, IPAddress.Loopback));
            r.Add(PfcpIeType.CreatedPdr, created);
            return r;
        }
    }

    public async ValueTask InitializeAsync()
    {
        _upf = new PfcpNode(new PfcpNodeOptions { LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 0), NodeId = NodeId.FromAddress(IPAddress.Loopback) }, new Upf(_n4));
        _upf.Start();
        _base = new Uri($"http://127.0.0.1:{CoreFixture.FreePort()}/");
        var config = new UpConfig { DataDir = _dataDir, LogLevel = "none" };
        config.Sbi.Listen = _base.ToString().TrimEnd('/');
        config.Sbi.RequestTimeoutSeconds = 60;
        config.Smf.PfcpListen = "127.0.0.1:0";
        config.Smf.Upfs = [new GlassCore.Smf.UpfOptions { Address = "127.0.0.1", Port = _upf.LocalEndPoint.Port }];
        config.Validated();
        // No AMF (N2 on 38412 is shared by every usrsctp process here) and no UPF: the test plays the UPF on N4.
        _host = await CoreHost.StartAsync(config, [.. CoreHost.AllNfs.Where(n => n is not ("amf" or "upf"))], CancellationToken.None);
        _nrf = new NrfClient(_http, _base, new SbiClientOptions()) { NfInstanceId = AmfId, NfType = "AMF" };
        var r = await _nrf.RegisterAsync(new NFProfile { NfInstanceId = AmfId, NfType = "AMF", NfStatus = "REGISTERED", Ipv4Addresses = ["127.0.0.9"] }, CancellationToken.None);
        Assert.True(r.IsOk, r.Problem?.Detail);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        await _host.DisposeAsync();
        await _upf.DisposeAsync();
        _nrf.Dispose();
        _http.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<(HttpStatusCode Status, string Json, IReadOnlyList<BinaryPart> Parts)> Create(string supi, int sst, string? sd, string dnn)
    {
        string? token = await _nrf.GetTokenAsync("SMF", "nsmf-pdusession", CancellationToken.None);
        byte[] n1 = new PduSessionEstablishmentRequest
        {
            PduSessionId = 1,
            ProcedureTransactionId = 1,
            IntegrityProtectionMaximumDataRate = new OctetString(new byte[] { 0xFF, 0xFF }),
            PduSessionType = new HalfOctet(1),
        }.ToArray();
        var data = new SmContextCreateData
        {
            Supi = supi,
            PduSessionId = 1,
            Dnn = dnn,
            SNssai = new Snssai { Sst = sst, Sd = sd },
            ServingNfId = AmfId,
            ServingNetwork = new GlassCore.Sbi.Models.PlmnId { Mcc = "999", Mnc = "70" },
            N1SmMsg = new RefToBinaryData { ContentId = "n1" },
            AnType = "3GPP_ACCESS",
            SmContextStatusUri = "http://127.0.0.9/status",
        };
        using var req = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, "nsmf-pdusession/v1/sm-contexts"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = SbiMultipart.ToContent(data, SessionJsonContext.Default.SmContextCreateData, [new BinaryPart("n1", SbiMultipart.NasMediaType, n1)]),
        };
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using HttpResponseMessage rsp = await _http.SendAsync(req, TestContext.Current.CancellationToken);
        string type = rsp.Content.Headers.ContentType?.ToString() ?? "";
        Stream body = await rsp.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        if (type.StartsWith("multipart/related", StringComparison.Ordinal))
        {
            Result<SbiMessage<SmContextError>> m = await SbiMultipart.ReadAsync(type, body, SessionJsonContext.Default.SmContextError, TestContext.Current.CancellationToken);
            Assert.True(m.IsOk, m.Problem?.Detail);
            return (rsp.StatusCode, JsonSerializer.Serialize(m.Value!.Json, SessionJsonContext.Default.SmContextError), m.Value.Parts);
        }
        return (rsp.StatusCode, await new StreamReader(body).ReadToEndAsync(TestContext.Current.CancellationToken), []);
    }

    [Fact]
    public async Task DemoSubscriber_SessionThroughNrfUdmUdrAndPcf_N4SessionOnTheUpf()
    {
        var created = await Create("imsi-999700000000001", 1, null, "internet");
        Assert.True(created.Status == HttpStatusCode.Created, created.Json);
        SessionEstablishmentRequest est;
        lock (_n4)
        {
            est = Assert.Single(_n4.OfType<SessionEstablishmentRequest>());
        }
        Assert.Equal(IPAddress.Parse("10.45.0.2"), est.CreatePdrs.Single(p => p.PdrId!.RuleId == 2).Pdi!.UeIpAddresses.Single().IPv4);
        Assert.Equal(1, _host.Smf!.Count);
    }

    [Fact]
    public async Task DemoSubscriber_UnsubscribedSlice_RejectedWithCause33_NoN4Session()
    {
        // The SMF serves internet in SST 1 SD 010203, but this subscriber's only slice is SST 1 without SD.
        var r = await Create("imsi-999700000000001", 1, "010203", "internet");
        Assert.Equal(HttpStatusCode.Forbidden, r.Status);
        Assert.Contains("SNSSAI_DENIED", r.Json, StringComparison.Ordinal);
        Assert.True(NasMessage.TryDecode(r.Parts.Single().Data, out NasMessage? m, out _));
        Assert.Equal(33, Assert.IsType<PduSessionEstablishmentReject>(m).Cause.Octet);
        lock (_n4)
        {
            Assert.DoesNotContain(_n4, x => x is SessionEstablishmentRequest);
        }
    }

    [Fact]
    public async Task Nssf_WithToken_AllowsTheSubscribedSlice()
    {
        string? token = await _nrf.GetTokenAsync("NSSF", "nnssf-nsselection", CancellationToken.None);
        string reg = Uri.EscapeDataString("""{"subscribedNssai":[{"subscribedSnssai":{"sst":1},"defaultIndication":true}]}""");
        using var req = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, $"nnssf-nsselection/v2/network-slice-information?nf-type=AMF&nf-id={AmfId}&slice-info-request-for-registration={reg}"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using HttpResponseMessage rsp = await _http.SendAsync(req, TestContext.Current.CancellationToken);
        string body = await rsp.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(rsp.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(1, CoreFixture.Json(body).GetProperty("allowedNssaiList")[0].GetProperty("allowedSnssaiList")[0].GetProperty("allowedSnssai").GetProperty("sst").GetInt32());
    }
}
