// Npcf_SMPolicyControl (TS 29.512 §4.2.2-§4.2.5) and Npcf_AMPolicyControl (TS 29.507 §4.2.2, §4.2.4) over HTTP/2,
// every body checked against the OpenAPI schemas; malformed requests get ProblemDetails with the cause.
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Server;
using GlassCore.TestSupport;
using Microsoft.AspNetCore.Builder;

namespace GlassCore.Pcf.Tests;

public sealed class PolicyControlTests : IAsyncLifetime
{
    private const string Sm = "TS29512_Npcf_SMPolicyControl.yaml";
    private const string Am = "TS29507_Npcf_AMPolicyControl.yaml";
    private readonly HttpClient _http = SbiHttpClientFactory.Create();
    private WebApplication _app = null!;
    private Uri _base = null!;
    private SmPolicyProcessor _sm = null!;

    public async ValueTask InitializeAsync()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        _base = new Uri($"http://127.0.0.1:{port}/");
        _sm = new SmPolicyProcessor(new PcfOptions
        {
            SessionPolicies =
            [
                new SessionPolicyOptions { Dnn = "internet", Sst = 1, FiveQi = 8, ArpPriorityLevel = 7, SessionAmbrUplink = "100 Mbps", SessionAmbrDownlink = "300 Mbps" },
                new SessionPolicyOptions { Dnn = "*", Sst = 2, FiveQi = 5, ArpPriorityLevel = 1, PreemptCap = "MAY_PREEMPT", PreemptVuln = "NOT_PREEMPTABLE" },
            ],
        });
        _app = SbiServer.Create(new SbiServerOptions { Listen = _base, MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.None });
        PcfEndpoints.Map(_app, _sm, new AmPolicyProcessor());
        SbiServer.MapFallback(_app);
        await _app.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _http.Dispose();
    }

    private async Task<(HttpStatusCode Status, string Body, string? Location, string? Type)> Send(HttpMethod method, string path, string? json)
    {
        using var req = new HttpRequestMessage(method, new Uri(_base, path)) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        if (json is not null)
        {
            req.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using HttpResponseMessage rsp = await _http.SendAsync(req, TestContext.Current.CancellationToken);
        return (rsp.StatusCode, await rsp.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), rsp.Headers.Location?.ToString(), rsp.Content.Headers.ContentType?.MediaType);
    }

    private static string Context(string dnn, int sst, string extra = "") =>
        $$"""{"supi":"imsi-999700000000001","pduSessionId":5,"pduSessionType":"IPV4","dnn":"{{dnn}}","notificationUri":"http://127.0.0.1:9/cb","sliceInfo":{"sst":{{sst}}},"subsSessAmbr":{"uplink":"1 Gbps","downlink":"2 Gbps"},"subsDefQos":{"5qi":9,"arp":{"priorityLevel":8,"preemptCap":"NOT_PREEMPT","preemptVuln":"PREEMPTABLE"},"priorityLevel":8}{{extra}}}""";

    [Fact]
    public async Task SmPolicy_CreateUpdateDelete_ConfiguredQosAndAmbr()
    {
        string ctx = Context("internet", 1);
        OpenApiSchemas.AssertValid(ctx, Sm, "SmPolicyContextData");
        var created = await Send(HttpMethod.Post, "npcf-smpolicycontrol/v1/sm-policies", ctx);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        OpenApiSchemas.AssertValid(created.Body, Sm, "SmPolicyDecision");
        Assert.StartsWith("/npcf-smpolicycontrol/v1/sm-policies/", created.Location, StringComparison.Ordinal);
        using (JsonDocument d = JsonDocument.Parse(created.Body))
        {
            JsonElement rule = d.RootElement.GetProperty("sessRules").EnumerateObject().Single().Value;
            Assert.Equal("100 Mbps", rule.GetProperty("authSessAmbr").GetProperty("uplink").GetString());
            Assert.Equal(8, rule.GetProperty("authDefQos").GetProperty("5qi").GetInt32());
            Assert.Equal(7, rule.GetProperty("authDefQos").GetProperty("arp").GetProperty("priorityLevel").GetInt32());
        }

        var updated = await Send(HttpMethod.Post, created.Location!.TrimStart('/') + "/update", """{"ipv4Address":"10.45.0.2"}""");
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        OpenApiSchemas.AssertValid(updated.Body, Sm, "SmPolicyDecision");

        var deleted = await Send(HttpMethod.Post, created.Location!.TrimStart('/') + "/delete", "{}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(0, _sm.Count);
        var again = await Send(HttpMethod.Post, created.Location!.TrimStart('/') + "/delete", "{}");
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        OpenApiSchemas.AssertValid(again.Body, "TS29571_CommonData.yaml", "ProblemDetails");
    }

    [Fact]
    public async Task SmPolicy_WildcardDnnPolicy_AndUnconfiguredSliceFallsBackToTheSubscription()
    {
        var slice2 = await Send(HttpMethod.Post, "npcf-smpolicycontrol/v1/sm-policies", Context("anything", 2));
        using (JsonDocument d = JsonDocument.Parse(slice2.Body))
        {
            JsonElement rule = d.RootElement.GetProperty("sessRules").EnumerateObject().Single().Value;
            Assert.Equal(5, rule.GetProperty("authDefQos").GetProperty("5qi").GetInt32());
            Assert.Equal("MAY_PREEMPT", rule.GetProperty("authDefQos").GetProperty("arp").GetProperty("preemptCap").GetString());
            Assert.Equal("1 Gbps", rule.GetProperty("authSessAmbr").GetProperty("uplink").GetString());
        }
        var slice3 = await Send(HttpMethod.Post, "npcf-smpolicycontrol/v1/sm-policies", Context("internet", 3));
        OpenApiSchemas.AssertValid(slice3.Body, Sm, "SmPolicyDecision");
        using JsonDocument d3 = JsonDocument.Parse(slice3.Body);
        JsonElement r3 = d3.RootElement.GetProperty("sessRules").EnumerateObject().Single().Value;
        Assert.Equal(9, r3.GetProperty("authDefQos").GetProperty("5qi").GetInt32());
        Assert.Equal("2 Gbps", r3.GetProperty("authSessAmbr").GetProperty("downlink").GetString());
    }

    [Theory]
    [InlineData("""{"supi":"imsi-1"}""", HttpStatusCode.BadRequest, "MANDATORY_IE_MISSING")]
    [InlineData("""{"supi":"imsi-1","pduSessionId":"x","pduSessionType":"IPV4","dnn":"a","notificationUri":"http://a/","sliceInfo":{"sst":1}}""", HttpStatusCode.BadRequest, "MANDATORY_IE_INCORRECT")]
    [InlineData("""{"supi":"bob","pduSessionId":1,"pduSessionType":"IPV4","dnn":"a","notificationUri":"http://a/","sliceInfo":{"sst":1}}""", HttpStatusCode.BadRequest, "USER_UNKNOWN")]
    [InlineData("""{"supi":"imsi-1","pduSessionId":1,"pduSessionType":"PPP","dnn":"a","notificationUri":"http://a/","sliceInfo":{"sst":1}}""", HttpStatusCode.BadRequest, "MANDATORY_IE_INCORRECT")]
    [InlineData("""{"supi":"imsi-1","pduSessionId":1,"pduSessionType":"IPV4","dnn":"a","notificationUri":"not a uri","sliceInfo":{"sst":1}}""", HttpStatusCode.BadRequest, "MANDATORY_IE_INCORRECT")]
    [InlineData("""{"supi":""", HttpStatusCode.BadRequest, "INVALID_MSG_FORMAT")]
    public async Task SmPolicy_BadCreate_ProblemDetails(string body, HttpStatusCode status, string cause)
    {
        var r = await Send(HttpMethod.Post, "npcf-smpolicycontrol/v1/sm-policies", body);
        Assert.Equal(status, r.Status);
        Assert.Equal("application/problem+json", r.Type);
        OpenApiSchemas.AssertValid(r.Body, "TS29571_CommonData.yaml", "ProblemDetails");
        using JsonDocument d = JsonDocument.Parse(r.Body);
        Assert.Equal(cause, d.RootElement.GetProperty("cause").GetString());
        Assert.Equal(0, _sm.Count);
    }

    [Fact]
    public async Task AmPolicy_CreateGetDelete()
    {
        const string req = """{"notificationUri":"http://127.0.0.1:9/am","supi":"imsi-999700000000001","suppFeat":"0","accessType":"3GPP_ACCESS","ratType":"NR","servingPlmn":{"mcc":"999","mnc":"70"}}""";
        OpenApiSchemas.AssertValid(req, Am, "PolicyAssociationRequest");
        var created = await Send(HttpMethod.Post, "npcf-am-policy-control/v1/policies", req);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        OpenApiSchemas.AssertValid(created.Body, Am, "PolicyAssociation");
        Assert.StartsWith("/npcf-am-policy-control/v1/policies/", created.Location, StringComparison.Ordinal);
        var got = await Send(HttpMethod.Get, created.Location!.TrimStart('/'), null);
        Assert.Equal(HttpStatusCode.OK, got.Status);
        OpenApiSchemas.AssertValid(got.Body, Am, "PolicyAssociation");
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Delete, created.Location!.TrimStart('/'), null)).Status);
        var gone = await Send(HttpMethod.Delete, created.Location!.TrimStart('/'), null);
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        using JsonDocument d = JsonDocument.Parse(gone.Body);
        Assert.Equal("CONTEXT_NOT_FOUND", d.RootElement.GetProperty("cause").GetString());
    }

    [Fact]
    public async Task AmPolicy_MissingSuppFeat_MandatoryIeMissing()
    {
        var r = await Send(HttpMethod.Post, "npcf-am-policy-control/v1/policies", """{"notificationUri":"http://a/","supi":"imsi-1"}""");
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        using JsonDocument d = JsonDocument.Parse(r.Body);
        Assert.Equal("MANDATORY_IE_MISSING", d.RootElement.GetProperty("cause").GetString());
    }
}
