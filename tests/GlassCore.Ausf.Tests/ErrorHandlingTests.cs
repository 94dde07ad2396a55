// TS 29.500 §5.2.7 / TS 29.509 / TS 29.503 error answers: each bad request gets its status and a ProblemDetails with
// the 3GPP cause (validated against TS 29.571 ProblemDetails), and the NF keeps serving afterwards.
using System.Security.Cryptography;
using GlassCore.Sbi.Security;
using GlassCore.TestSupport;

namespace GlassCore.Ausf.Tests;

[Collection("ausf")]
public sealed class ErrorHandlingTests(AusfFixture f)
{
    private const string Auth = "/nausf-auth/v1/ue-authentications";
    private const string Snn = HomeNetwork.Snn;

    private async Task AssertProblem(string path, string? body, string? token, int status, string? cause, HttpMethod? method = null)
    {
        var (st, text, resp) = await f.Hn.Send(method ?? HttpMethod.Post, path, body, token);
        Assert.True(st == status, $"{status} expected, got {st}: {text}");
        Assert.Equal("application/problem+json", resp.Content.Headers.ContentType?.MediaType);
        OpenApiSchemas.AssertValid(text, "TS29571_CommonData.yaml", "ProblemDetails");
        if (cause is not null)
        {
            Assert.Equal(cause, SbiTestHost.Json(text).GetProperty("cause").GetString());
        }
        Assert.Equal(status, SbiTestHost.Json(text).GetProperty("status").GetInt32());
    }

    private async Task StillServes(string token)
    {
        var (st, text, _) = await f.Hn.Send(HttpMethod.Post, Auth, $"{{\"supiOrSuci\":\"imsi-999700000000001\",\"servingNetworkName\":\"{Snn}\"}}", token);
        Assert.True(st == 201, text);
    }

    [Fact]
    public async Task MalformedJson_400_InvalidMsgFormat()
    {
        string token = f.Hn.Token("AUSF", "nausf-auth");
        await AssertProblem(Auth, "{\"supiOrSuci\": \"imsi-9", token, 400, "INVALID_MSG_FORMAT");
        await AssertProblem(Auth, "not json at all", token, 400, "INVALID_MSG_FORMAT");
        await StillServes(token);
    }

    [Fact]
    public async Task WrongType_400_MandatoryIeIncorrect()
    {
        string token = f.Hn.Token("AUSF", "nausf-auth");
        await AssertProblem(Auth, "{\"supiOrSuci\":\"imsi-999700000000001\",\"servingNetworkName\":5}", token, 400, "MANDATORY_IE_INCORRECT");
        await AssertProblem(Auth, "{\"supiOrSuci\":\"imsi-999700000000001\",\"servingNetworkName\":\"not a serving network name\"}", token, 400, "MANDATORY_IE_INCORRECT");
        await AssertProblem(Auth, $"{{\"supiOrSuci\":\"msisdn-12345\",\"servingNetworkName\":\"{Snn}\"}}", token, 400, "MANDATORY_IE_INCORRECT");
        await StillServes(token);
    }

    [Fact]
    public async Task MissingMandatoryField_400_MandatoryIeMissing()
    {
        string token = f.Hn.Token("AUSF", "nausf-auth");
        await AssertProblem(Auth, $"{{\"servingNetworkName\":\"{Snn}\",\"unknownMember\":[1,2]}}", token, 400, "MANDATORY_IE_MISSING");
        string udm = f.Hn.Token("UDM", "nudm-ueau");
        await AssertProblem("/nudm-ueau/v1/imsi-999700000000001/security-information/generate-auth-data", $"{{\"servingNetworkName\":\"{Snn}\"}}", udm, 400, "MANDATORY_IE_MISSING");
        await StillServes(token);
    }

    [Fact]
    public async Task UnknownSupi_404_UserNotFound()
    {
        string token = f.Hn.Token("AUSF", "nausf-auth");
        await AssertProblem(Auth, $"{{\"supiOrSuci\":\"imsi-001019999999999\",\"servingNetworkName\":\"{Snn}\"}}", token, 404, "USER_NOT_FOUND");
        string sdm = f.Hn.Token("UDM", "nudm-sdm");
        await AssertProblem("/nudm-sdm/v2/imsi-001019999999999/am-data", null, sdm, 404, "USER_NOT_FOUND", HttpMethod.Get);
        await StillServes(token);
    }

    [Fact]
    public async Task SuciWithUnknownHomeNetworkKeyId_403_AuthenticationRejected()
    {
        string token = f.Hn.Token("AUSF", "nausf-auth");
        // Profile A (scheme 1) with key id 77, which the home network does not have.
        string suci = "suci-0-999-70-0000-1-77-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(45)).ToLowerInvariant();
        await AssertProblem(Auth, $"{{\"supiOrSuci\":\"{suci}\",\"servingNetworkName\":\"{Snn}\"}}", token, 403, "AUTHENTICATION_REJECTED");
        await AssertProblem(Auth, $"{{\"supiOrSuci\":\"suci-0-999-70-0000-9-1-00\",\"servingNetworkName\":\"{Snn}\"}}", token, 501, "UNSUPPORTED_PROTECTION_SCHEME");
        await StillServes(token);
    }

    [Fact]
    public async Task NoOrForgedToken_401_WrongScope_403()
    {
        string body = $"{{\"supiOrSuci\":\"imsi-999700000000001\",\"servingNetworkName\":\"{Snn}\"}}";
        await AssertProblem(Auth, body, null, 401, "ACCESS_TOKEN_DENIED");
        string token = f.Hn.Token("AUSF", "nausf-auth");
        // Flip one signature character: the signature no longer verifies.
        string forged = token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..];
        await AssertProblem(Auth, body, forged, 401, "ACCESS_TOKEN_DENIED");
        // A token for the UDM (audience UDM) is no good at the AUSF.
        string udmToken = f.Hn.Token("UDM", "nudm-sdm");
        await AssertProblem(Auth, body, udmToken, 401, "ACCESS_TOKEN_DENIED");
        // Right audience, wrong service: nudm-sdm scope on a nudm-ueau resource is 403 insufficient_scope.
        var (st, _, resp) = await f.Hn.Send(HttpMethod.Post, "/nudm-ueau/v1/imsi-999700000000001/security-information/generate-auth-data",
            $"{{\"servingNetworkName\":\"{Snn}\",\"ausfInstanceId\":\"{HomeNetwork.AmfId}\"}}", udmToken);
        Assert.Equal(403, st);
        Assert.Contains("insufficient_scope", resp.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await StillServes(token);
    }

    [Fact]
    public async Task ExpiredToken_401()
    {
        // Sign a token with the NRF's own key but an expiry in the past.
        ECDsa key = f.Hn.Host.NrfKey;
        var past = new FixedTime(DateTimeOffset.UtcNow.AddHours(-2));
        string expired = new AccessTokenIssuer(key, "nrf-under-test", past).Issue(HomeNetwork.AmfId, "AUSF", "nausf-auth", TimeSpan.FromMinutes(30));
        await AssertProblem(Auth, $"{{\"supiOrSuci\":\"imsi-999700000000001\",\"servingNetworkName\":\"{Snn}\"}}", expired, 401, "ACCESS_TOKEN_DENIED");
        // The same key with a live expiry is accepted: only the expiry made the difference.
        string live = new AccessTokenIssuer(key, "nrf-under-test").Issue(HomeNetwork.AmfId, "AUSF", "nausf-auth", TimeSpan.FromMinutes(30));
        await StillServes(live);
    }

    [Fact]
    public async Task UnknownResource_404_And_UnknownAuthContext_404()
    {
        await AssertProblem("/nothing/here", null, null, 404, "RESOURCE_URI_STRUCTURE_NOT_FOUND", HttpMethod.Get);
        string token = f.Hn.Token("AUSF", "nausf-auth");
        await AssertProblem(Auth + "/0123/5g-aka-confirmation", "{\"resStar\":\"00112233445566778899AABBCCDDEEFF\"}", token, 404, "CONTEXT_NOT_FOUND", HttpMethod.Put);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
