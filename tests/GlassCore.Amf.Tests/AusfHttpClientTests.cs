// TS 29.509 §5.2.2.2.2 and §6.1.6.2: the AMF's Nausf_UEAuthentication consumer against canned producer replies.
using System.Net;
using System.Text;
using System.Text.Json;
using GlassCore.Amf.Sbi;
using GlassCore.Sbi.Client;

namespace GlassCore.Amf.Tests;

public sealed class AusfHttpClientTests
{
    private sealed class StubHandler(Func<HttpRequestMessage, string, (HttpStatusCode, string, string)> answer) : HttpMessageHandler
    {
        public List<(HttpMethod Method, Uri Uri, JsonDocument Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string body = request.Content is null ? "{}" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((request.Method, request.RequestUri!, JsonDocument.Parse(body)));
            var (status, type, json) = answer(request, body);
            return new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, type) };
        }
    }

    private static (AusfHttpClient Client, StubHandler Stub) Make(Func<HttpRequestMessage, string, (HttpStatusCode, string, string)> answer)
    {
        var stub = new StubHandler(answer);
        var sbi = new SbiClient(new HttpClient(stub), new SbiClientOptions { MaxRetries = 0 }, null);
        return (new AusfHttpClient(sbi, new Uri("http://ausf.test:8000/")), stub);
    }

    [Fact]
    public async Task Authenticate_Created_ChallengeAndAbsoluteConfirmationUri()
    {
        string rand = new('1', 32), autn = new('2', 32), hxres = new('3', 32);
        var (client, stub) = Make((_, _) => (HttpStatusCode.Created, "application/3gppHal+json",
            "{\"authType\":\"5G_AKA\",\"5gAuthData\":{\"rand\":\"" + rand + "\",\"hxresStar\":\"" + hxres + "\",\"autn\":\"" + autn
            + "\"},\"_links\":{\"5g-aka\":{\"href\":\"/nausf-auth/v1/ue-authentications/ctx1/5g-aka-confirmation\"}}}"));

        var r = await client.AuthenticateAsync("suci-0-001-01-0000-0-0-0000000001", "5G:mnc001.mcc001.3gppnetwork.org",
            new ResynchronisationInfo(new byte[16], new byte[14]), TestContext.Current.CancellationToken);

        Assert.True(r.IsOk);
        Assert.Equal(Convert.FromHexString(rand), r.Value!.Rand);
        Assert.Equal(Convert.FromHexString(hxres), r.Value.HxresStar);
        Assert.Equal("http://ausf.test:8000/nausf-auth/v1/ue-authentications/ctx1/5g-aka-confirmation", r.Value.ConfirmationUri);
        var (method, uri, body) = stub.Requests.Single();
        Assert.Equal(HttpMethod.Post, method);
        Assert.Equal("/nausf-auth/v1/ue-authentications", uri.AbsolutePath);
        Assert.Equal("suci-0-001-01-0000-0-0-0000000001", body.RootElement.GetProperty("supiOrSuci").GetString());
        Assert.Equal(28, body.RootElement.GetProperty("resynchronizationInfo").GetProperty("auts").GetString()!.Length);
    }

    [Fact]
    public async Task Authenticate_NotFound_ProblemWithCause()
    {
        var (client, _) = Make((_, _) => (HttpStatusCode.NotFound, "application/problem+json", """{"status":404,"cause":"USER_NOT_FOUND"}"""));

        var r = await client.AuthenticateAsync("suci-x", "5G:mnc001.mcc001.3gppnetwork.org", null, TestContext.Current.CancellationToken);

        Assert.False(r.IsOk);
        Assert.Equal(404, r.Problem!.Status);
        Assert.Equal("USER_NOT_FOUND", r.Problem.Cause);
    }

    [Fact]
    public async Task Authenticate_BadAuthData_ProblemNotException()
    {
        var (client, _) = Make((_, _) => (HttpStatusCode.Created, "application/json",
            """{"authType":"5G_AKA","5gAuthData":{"rand":"zz","hxresStar":"00","autn":"00"},"_links":{"5g-aka":{"href":"/x"}}}"""));

        var r = await client.AuthenticateAsync("suci-x", "sn", null, TestContext.Current.CancellationToken);

        Assert.Equal("INVALID_5G_AUTH_DATA", r.Problem!.Cause);
    }

    [Fact]
    public async Task Confirm_Success_SupiAndKseaf()
    {
        string kseaf = new('a', 64);
        var (client, stub) = Make((_, _) => (HttpStatusCode.OK, "application/json",
            "{\"authResult\":\"AUTHENTICATION_SUCCESS\",\"supi\":\"imsi-001010000000001\",\"kseaf\":\"" + kseaf + "\"}"));

        var r = await client.ConfirmAsync("http://ausf.test:8000/nausf-auth/v1/ue-authentications/ctx1/5g-aka-confirmation", new byte[16], TestContext.Current.CancellationToken);

        Assert.True(r.Value!.Success);
        Assert.Equal("imsi-001010000000001", r.Value.Supi);
        Assert.Equal(Convert.FromHexString(kseaf), r.Value.Kseaf);
        Assert.Equal(HttpMethod.Put, stub.Requests.Single().Method);
        Assert.Equal(32, stub.Requests.Single().Body.RootElement.GetProperty("resStar").GetString()!.Length);
    }

    [Fact]
    public async Task Confirm_Failure_NotSuccessWithoutKey()
    {
        var (client, _) = Make((_, _) => (HttpStatusCode.OK, "application/json", """{"authResult":"AUTHENTICATION_FAILURE"}"""));

        var r = await client.ConfirmAsync("http://ausf.test/c", new byte[16], TestContext.Current.CancellationToken);

        Assert.False(r.Value!.Success);
        Assert.Null(r.Value.Kseaf);
    }
}
