// TS 29.509 §5.2.2.2.2 5g-aka-confirmation and its failure paths (TS 33.501 §6.1.3.2 steps 9-12): a RES* that is not
// hex, a second confirmation, a deleted or expired context, the failure reported to the UDM, and a UDM that does not answer.
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;
using GlassCore.TestSupport;

namespace GlassCore.Ausf.Tests;

[Collection("ausf")]
public sealed class ConfirmationTests(AusfFixture f)
{
    private const string Auth = "/nausf-auth/v1/ue-authentications";

    private async Task<(JsonElement Ctx, string Href, string Location)> StartAsync(string supi)
    {
        var (st, text, resp) = await f.Hn.Send(HttpMethod.Post, Auth, $"{{\"supiOrSuci\":\"{supi}\",\"servingNetworkName\":\"{HomeNetwork.Snn}\"}}", f.Hn.Token("AUSF", "nausf-auth"));
        Assert.True(st == 201, text);
        JsonElement ctx = SbiTestHost.Json(text);
        return (ctx, ctx.GetProperty("_links").GetProperty("5g-aka").GetProperty("href").GetString()!, resp.Headers.Location!.ToString());
    }

    private Task<(int Status, string Body, HttpResponseMessage Response)> Put(string href, string body) =>
        f.Hn.Send(HttpMethod.Put, href, body, f.Hn.Token("AUSF", "nausf-auth"));

    private static string ResStar(JsonElement ctx)
    {
        JsonElement av = ctx.GetProperty("5gAuthData");
        UeResult ue = UeSim.Answer(AusfFixture.K1, AusfFixture.Opc1, av.GetProperty("rand").GetString()!, av.GetProperty("autn").GetString()!, HomeNetwork.Snn);
        return Convert.ToHexString(ue.ResStar);
    }

    [Theory]
    [InlineData("{\"resStar\":\"00\"}", "MANDATORY_IE_INCORRECT")]
    [InlineData("{\"resStar\":\"ZZ112233445566778899AABBCCDDEEFF\"}", "MANDATORY_IE_INCORRECT")]
    [InlineData("{}", "MANDATORY_IE_MISSING")]
    [InlineData("{\"resStar\":", "INVALID_MSG_FORMAT")]
    public async Task MalformedConfirmation_400_ContextSurvives(string body, string cause)
    {
        var (ctx, href, _) = await StartAsync("imsi-999700000000001");
        var (st, text, resp) = await Put(href, body);
        Assert.Equal(400, st);
        Assert.Equal("application/problem+json", resp.Content.Headers.ContentType?.MediaType);
        OpenApiSchemas.AssertValid(text, "TS29571_CommonData.yaml", "ProblemDetails");
        Assert.Equal(cause, SbiTestHost.Json(text).GetProperty("cause").GetString());
        // A bad request does not use up the challenge: the right RES* still confirms.
        (st, text, _) = await Put(href, $"{{\"resStar\":\"{ResStar(ctx)}\"}}");
        Assert.Equal(200, st);
        Assert.Equal("AUTHENTICATION_SUCCESS", SbiTestHost.Json(text).GetProperty("authResult").GetString());
    }

    [Fact]
    public async Task WrongResStar_FailureReportedToTheUdm_ContextGone()
    {
        var (_, href, _) = await StartAsync("imsi-999700000000002");
        var (st, text, _) = await Put(href, "{\"resStar\":\"00112233445566778899AABBCCDDEEFF\"}");
        Assert.Equal(200, st);
        Assert.Equal("AUTHENTICATION_FAILURE", SbiTestHost.Json(text).GetProperty("authResult").GetString());
        // TS 33.501 §6.1.3.2 step 12 / TS 29.503 §5.4.2.3: the UDM stored the failed outcome in the UDR.
        (st, text, _) = await f.Hn.Send(HttpMethod.Get, "/nudr-dr/v2/subscription-data/imsi-999700000000002/authentication-data/authentication-status", null, f.Hn.Token("UDR", "nudr-dr"));
        Assert.Equal(200, st);
        JsonElement evt = SbiTestHost.Json(text);
        Assert.False(evt.GetProperty("success").GetBoolean());
        Assert.Equal(HomeNetwork.AusfId, evt.GetProperty("nfInstanceId").GetString());
        // One answer per challenge: the context is gone, whatever RES* comes next.
        (st, text, _) = await Put(href, "{\"resStar\":\"00112233445566778899AABBCCDDEEFF\"}");
        Assert.Equal(404, st);
        Assert.Equal("CONTEXT_NOT_FOUND", SbiTestHost.Json(text).GetProperty("cause").GetString());
    }

    [Fact]
    public async Task DeletedContext_204_ThenConfirmation404()
    {
        var (ctx, href, _) = await StartAsync("imsi-999700000000001");
        var (st, _, _) = await f.Hn.Send(HttpMethod.Delete, href, null, f.Hn.Token("AUSF", "nausf-auth"));
        Assert.Equal(204, st);
        (st, _, _) = await f.Hn.Send(HttpMethod.Delete, href, null, f.Hn.Token("AUSF", "nausf-auth"));
        Assert.Equal(404, st);
        (st, _, _) = await Put(href, $"{{\"resStar\":\"{ResStar(ctx)}\"}}");
        Assert.Equal(404, st);
    }

    [Fact]
    public async Task UdmUnreachable_504_TargetNfNotReachable()
    {
        // A UDM address nothing listens on: the AUSF answers with the TS 29.500 cause, it does not hang or throw.
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            port = ((IPEndPoint)l.LocalEndpoint).Port;
        }
        using HttpClient http = SbiHttpClientFactory.Create();
        var udm = new UdmUeauClient(new SbiClient(http, new SbiClientOptions { MaxRetries = 1 }, null),
            (_, _) => Task.FromResult(Sbi.Result<Uri>.Ok(new Uri($"http://127.0.0.1:{port}/"))));
        var ausf = new UeAuthenticationProcessor(udm, HomeNetwork.AusfId);
        var r = await ausf.AuthenticateAsync(new AuthenticationInfo { SupiOrSuci = "imsi-999700000000001", ServingNetworkName = HomeNetwork.Snn }, TestContext.Current.CancellationToken);
        Assert.False(r.IsOk);
        Assert.Equal(504, r.Problem!.Status);
        Assert.Equal("TARGET_NF_NOT_REACHABLE", r.Problem.Cause);
        Assert.Equal(0, ausf.ActiveContexts);
    }

    [Fact]
    public async Task ExpiredContext_404_ContextNotFound()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using HttpClient http = SbiHttpClientFactory.Create();
        var udm = new UdmUeauClient(new SbiClient(http, new SbiClientOptions(), new LocalTokenSource(f.Hn.Host.NrfKey, HomeNetwork.AusfId)),
            (_, _) => Task.FromResult(Sbi.Result<Uri>.Ok(f.Hn.Host.Base)));
        var ausf = new UeAuthenticationProcessor(udm, HomeNetwork.AusfId, time);
        var r = await ausf.AuthenticateAsync(new AuthenticationInfo { SupiOrSuci = "imsi-999700000000001", ServingNetworkName = HomeNetwork.Snn }, TestContext.Current.CancellationToken);
        Assert.True(r.IsOk, r.Problem?.Detail);
        string id = r.Location!.Split('/')[^1];
        // The SEAF answered after the context's lifetime (the UE's T3560 retransmissions are long over).
        time.Advance(ausf.ContextLifetime + TimeSpan.FromSeconds(1));
        var c = await ausf.Confirm5gAkaAsync(id, new ConfirmationData { ResStar = ResStar(SbiTestHost.Json(JsonSerializer.Serialize(r.Value!, Sbi.SbiJsonContext.Default.UEAuthenticationCtx))) }, TestContext.Current.CancellationToken);
        Assert.False(c.IsOk);
        Assert.Equal(404, c.Problem!.Status);
        Assert.Equal("CONTEXT_NOT_FOUND", c.Problem.Cause);
    }
}
