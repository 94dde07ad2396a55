// Nnssf_NSSelection Get (TS 29.531 §5.2.2.2) over HTTP/2: allowed and rejected NSSAI for registration, NSI for a PDU
// session, the answers checked against the OpenAPI schema and bad queries answered with ProblemDetails.
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Server;
using GlassCore.TestSupport;
using Microsoft.AspNetCore.Builder;

namespace GlassCore.Nssf.Tests;

public sealed class NsSelectionTests : IAsyncLifetime
{
    private const string Yaml = "TS29531_Nnssf_NSSelection.yaml";
    private const string AmfId = "5a1b2c3d-0000-4000-8000-00000000a0f1";
    private readonly HttpClient _http = SbiHttpClientFactory.Create();
    private WebApplication _app = null!;
    private Uri _base = null!;

    public async ValueTask InitializeAsync()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        _base = new Uri($"http://127.0.0.1:{port}/");
        var nssf = new NsSelectionProcessor(new NssfOptions
        {
            Slices = [new SupportedSliceOptions { Sst = 1, NsiId = "10" }, new SupportedSliceOptions { Sst = 1, Sd = "010203", NsiId = "11" }],
            NrfUri = "http://127.0.0.1:7777/nnrf-nfm/v1/nf-instances",
        });
        _app = SbiServer.Create(new SbiServerOptions { Listen = _base, MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.None });
        NssfEndpoints.Map(_app, nssf);
        SbiServer.MapFallback(_app);
        await _app.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _http.Dispose();
    }

    private async Task<(HttpStatusCode Status, string Body)> Get(string query)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, "nnssf-nsselection/v2/network-slice-information?" + query))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using HttpResponseMessage rsp = await _http.SendAsync(req, TestContext.Current.CancellationToken);
        return (rsp.StatusCode, await rsp.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static string Q(string json) => Uri.EscapeDataString(json);

    [Fact]
    public async Task Registration_RequestedIntersectSubscribedIntersectSupported_RestRejected()
    {
        string reg = """{"subscribedNssai":[{"subscribedSnssai":{"sst":1},"defaultIndication":true},{"subscribedSnssai":{"sst":1,"sd":"010203"}},{"subscribedSnssai":{"sst":2}}],"requestedNssai":[{"sst":1,"sd":"010203"},{"sst":2},{"sst":3}]}""";
        OpenApiSchemas.AssertValid(reg, Yaml, "SliceInfoForRegistration");
        var r = await Get($"nf-type=AMF&nf-id={AmfId}&slice-info-request-for-registration={Q(reg)}");
        Assert.Equal(HttpStatusCode.OK, r.Status);
        OpenApiSchemas.AssertValid(r.Body, Yaml, "AuthorizedNetworkSliceInfo");
        using JsonDocument d = JsonDocument.Parse(r.Body);
        JsonElement allowed = d.RootElement.GetProperty("allowedNssaiList").EnumerateArray().Single();
        Assert.Equal("3GPP_ACCESS", allowed.GetProperty("accessType").GetString());
        JsonElement only = allowed.GetProperty("allowedSnssaiList").EnumerateArray().Single().GetProperty("allowedSnssai");
        Assert.Equal((1, "010203"), (only.GetProperty("sst").GetInt32(), only.GetProperty("sd").GetString()));
        // SST 2 is subscribed but not supported here; SST 3 is not subscribed.
        Assert.Equal([2, 3], d.RootElement.GetProperty("rejectedNssaiInPlmn").EnumerateArray().Select(e => e.GetProperty("sst").GetInt32()));
    }

    [Fact]
    public async Task Registration_NothingRequested_DefaultSubscribedSlices()
    {
        string reg = """{"subscribedNssai":[{"subscribedSnssai":{"sst":1},"defaultIndication":true},{"subscribedSnssai":{"sst":1,"sd":"010203"},"defaultIndication":false}]}""";
        var r = await Get($"nf-type=AMF&nf-id={AmfId}&slice-info-request-for-registration={Q(reg)}");
        OpenApiSchemas.AssertValid(r.Body, Yaml, "AuthorizedNetworkSliceInfo");
        using JsonDocument d = JsonDocument.Parse(r.Body);
        JsonElement only = d.RootElement.GetProperty("allowedNssaiList")[0].GetProperty("allowedSnssaiList").EnumerateArray().Single().GetProperty("allowedSnssai");
        Assert.Equal(1, only.GetProperty("sst").GetInt32());
        Assert.False(only.TryGetProperty("sd", out _));
        Assert.False(d.RootElement.TryGetProperty("rejectedNssaiInPlmn", out _));
    }

    [Fact]
    public async Task PduSession_SupportedSlice_NsiInformation_UnsupportedSlice403()
    {
        string pdu = """{"sNssai":{"sst":1,"sd":"010203"},"roamingIndication":"NON_ROAMING"}""";
        OpenApiSchemas.AssertValid(pdu, Yaml, "SliceInfoForPDUSession");
        var r = await Get($"nf-type=AMF&nf-id={AmfId}&slice-info-request-for-pdu-session={Q(pdu)}");
        Assert.Equal(HttpStatusCode.OK, r.Status);
        OpenApiSchemas.AssertValid(r.Body, Yaml, "AuthorizedNetworkSliceInfo");
        using (JsonDocument d = JsonDocument.Parse(r.Body))
        {
            Assert.Equal("11", d.RootElement.GetProperty("nsiInformation").GetProperty("nsiId").GetString());
            Assert.Equal("http://127.0.0.1:7777/nnrf-nfm/v1/nf-instances", d.RootElement.GetProperty("nsiInformation").GetProperty("nrfId").GetString());
        }
        var no = await Get($"nf-type=AMF&nf-id={AmfId}&slice-info-request-for-pdu-session={Q("""{"sNssai":{"sst":4},"roamingIndication":"NON_ROAMING"}""")}");
        Assert.Equal(HttpStatusCode.Forbidden, no.Status);
        OpenApiSchemas.AssertValid(no.Body, "TS29571_CommonData.yaml", "ProblemDetails");
        using JsonDocument p = JsonDocument.Parse(no.Body);
        Assert.Equal("SNSSAI_NOT_SUPPORTED", p.RootElement.GetProperty("cause").GetString());
    }

    [Theory]
    [InlineData("nf-id=" + AmfId + "&slice-info-request-for-registration=%7B%7D", "nf-type")]
    [InlineData("nf-type=AMF&nf-id=abc&slice-info-request-for-registration=%7B%7D", "nf-id")]
    [InlineData("nf-type=AMF&nf-id=" + AmfId, "slice-info-request-for-registration")]
    [InlineData("nf-type=AMF&nf-id=" + AmfId + "&slice-info-request-for-registration=%7Bbroken", "slice-info-request-for-registration")]
    [InlineData("nf-type=AMF&nf-id=" + AmfId + "&slice-info-request-for-pdu-session=%7B%22sNssai%22%3A%7B%22sst%22%3A1%7D%7D", "slice-info-request-for-pdu-session")]
    public async Task BadQuery_InvalidQueryParam(string query, string param)
    {
        var r = await Get(query);
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        OpenApiSchemas.AssertValid(r.Body, "TS29571_CommonData.yaml", "ProblemDetails");
        using JsonDocument d = JsonDocument.Parse(r.Body);
        Assert.Equal("INVALID_QUERY_PARAM", d.RootElement.GetProperty("cause").GetString());
        Assert.Equal(param, d.RootElement.GetProperty("invalidParams")[0].GetProperty("param").GetString());
    }
}
