// TS 29.510 over HTTP/2 against the NRF alone: NFRegister errors, heartbeats and the SUSPENDED state, Nnrf_NFDiscovery
// with its validityPeriod and the consumer's cache, Nnrf_AccessToken scopes and what a producer's validator makes of them.
using System.Security.Cryptography;
using GlassCore.Sbi;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Security;
using GlassCore.TestSupport;

namespace GlassCore.Nrf.Tests;

[Collection("nrf")]
public sealed class NrfServiceTests(NrfFixture nrf)
{
    private static string ProfileJson(string id, string nfType = "UDM", string service = "nudm-ueau") =>
        $"{{\"nfInstanceId\":\"{id}\",\"nfType\":\"{nfType}\",\"nfStatus\":\"REGISTERED\",\"ipv4Addresses\":[\"127.0.0.40\"]," +
        $"\"nfServices\":[{{\"serviceInstanceId\":\"s0\",\"serviceName\":\"{service}\",\"versions\":[{{\"apiVersionInUri\":\"v1\",\"apiFullVersion\":\"1.0.0\"}}],\"scheme\":\"http\",\"nfServiceStatus\":\"REGISTERED\"}}]}}";

    [Fact]
    public async Task Register_New201_Again200_WithHeartBeatTimer()
    {
        const string Id = "7e57e57e-0000-4000-8000-000000000101";
        var (st, text, resp) = await nrf.Send(HttpMethod.Put, "/nnrf-nfm/v1/nf-instances/" + Id, ProfileJson(Id));
        Assert.Equal(201, st);
        Assert.EndsWith("/nnrf-nfm/v1/nf-instances/" + Id, resp.Headers.Location!.ToString(), StringComparison.Ordinal);
        OpenApiSchemas.AssertValid(text, "TS29510_Nnrf_NFManagement.yaml", "NFProfile");
        Assert.Equal(new NrfOptions().HeartBeatTimer, SbiTestHost.Json(text).GetProperty("heartBeatTimer").GetInt32());
        (st, _, _) = await nrf.Send(HttpMethod.Put, "/nnrf-nfm/v1/nf-instances/" + Id, ProfileJson(Id));
        Assert.Equal(200, st);
        (st, _, _) = await nrf.Send(HttpMethod.Delete, "/nnrf-nfm/v1/nf-instances/" + Id, null);
        Assert.Equal(204, st);
    }

    [Theory]
    // the id in the URI is no UUID; the body names another instance; no address at all; nfType missing; not JSON
    [InlineData("not-a-uuid", "{\"nfInstanceId\":\"not-a-uuid\",\"nfType\":\"UDM\",\"nfStatus\":\"REGISTERED\",\"ipv4Addresses\":[\"1.2.3.4\"]}", "MANDATORY_IE_INCORRECT")]
    [InlineData("7e57e57e-0000-4000-8000-000000000102", "{\"nfInstanceId\":\"7e57e57e-0000-4000-8000-000000000999\",\"nfType\":\"UDM\",\"nfStatus\":\"REGISTERED\",\"ipv4Addresses\":[\"1.2.3.4\"]}", "MANDATORY_IE_INCORRECT")]
    [InlineData("7e57e57e-0000-4000-8000-000000000103", "{\"nfInstanceId\":\"7e57e57e-0000-4000-8000-000000000103\",\"nfType\":\"UDM\",\"nfStatus\":\"REGISTERED\"}", "MANDATORY_IE_MISSING")]
    [InlineData("7e57e57e-0000-4000-8000-000000000104", "{\"nfInstanceId\":\"7e57e57e-0000-4000-8000-000000000104\",\"nfStatus\":\"REGISTERED\",\"ipv4Addresses\":[\"1.2.3.4\"]}", "MANDATORY_IE_MISSING")]
    [InlineData("7e57e57e-0000-4000-8000-000000000105", "{\"nfInstanceId\":", "INVALID_MSG_FORMAT")]
    public async Task Register_BadProfile_400_WithCause(string id, string body, string cause)
    {
        var (st, text, resp) = await nrf.Send(HttpMethod.Put, "/nnrf-nfm/v1/nf-instances/" + id, body);
        Assert.Equal(400, st);
        Assert.Equal("application/problem+json", resp.Content.Headers.ContentType?.MediaType);
        OpenApiSchemas.AssertValid(text, "TS29571_CommonData.yaml", "ProblemDetails");
        Assert.Equal(cause, SbiTestHost.Json(text).GetProperty("cause").GetString());
        (st, _, _) = await nrf.Send(HttpMethod.Get, "/nnrf-nfm/v1/nf-instances/" + id, null);
        Assert.Equal(404, st);
    }

    [Fact]
    public async Task MissedHeartbeats_Suspended_NotDiscovered_HeartbeatRestores()
    {
        const string Id = "7e57e57e-0000-4000-8000-000000000106";
        const string Disc = "/nnrf-disc/v1/nf-instances?target-nf-type=UDM&requester-nf-type=AUSF&service-names=nudm-uecm";
        Assert.Equal(201, (await nrf.Send(HttpMethod.Put, "/nnrf-nfm/v1/nf-instances/" + Id, ProfileJson(Id, service: "nudm-uecm"))).Status);
        Assert.Contains(Id, (await nrf.Send(HttpMethod.Get, Disc, null)).Body, StringComparison.Ordinal);

        // TS 29.510 §5.2.2.3.2: no heartbeat for longer than the timer (times the grace factor) → SUSPENDED.
        var options = new NrfOptions();
        nrf.Time.Advance(TimeSpan.FromSeconds(options.HeartBeatTimer * options.HeartbeatGraceFactor + 1));
        var (_, text, _) = await nrf.Send(HttpMethod.Get, "/nnrf-nfm/v1/nf-instances/" + Id, null);
        Assert.Equal("SUSPENDED", SbiTestHost.Json(text).GetProperty("nfStatus").GetString());
        Assert.DoesNotContain(Id, (await nrf.Send(HttpMethod.Get, Disc, null)).Body, StringComparison.Ordinal);

        // A heartbeat (PATCH nfStatus REGISTERED) brings it back: 200 with the profile, since the status changed.
        var (st, _, _) = await nrf.Send(HttpMethod.Patch, "/nnrf-nfm/v1/nf-instances/" + Id,
            "[{\"op\":\"replace\",\"path\":\"/nfStatus\",\"value\":\"REGISTERED\"}]", "application/json-patch+json");
        Assert.True(st is 200 or 204, st.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(Id, (await nrf.Send(HttpMethod.Get, Disc, null)).Body, StringComparison.Ordinal);
        Assert.Equal(204, (await nrf.Send(HttpMethod.Delete, "/nnrf-nfm/v1/nf-instances/" + Id, null)).Status);
        // A heartbeat for an instance the NRF does not know is a 404.
        (st, _, _) = await nrf.Send(HttpMethod.Patch, "/nnrf-nfm/v1/nf-instances/" + Id,
            "[{\"op\":\"replace\",\"path\":\"/nfStatus\",\"value\":\"REGISTERED\"}]", "application/json-patch+json");
        Assert.Equal(404, st);
    }

    [Fact]
    public async Task Discovery_FindsTheRegisteredNf_WithValidityPeriod_MissingParam400()
    {
        const string Id = "7e57e57e-0000-4000-8000-000000000107";
        Assert.Equal(201, (await nrf.Send(HttpMethod.Put, "/nnrf-nfm/v1/nf-instances/" + Id, ProfileJson(Id, "AUSF", "nausf-auth"))).Status);
        var (st, text, _) = await nrf.Send(HttpMethod.Get, "/nnrf-disc/v1/nf-instances?target-nf-type=AUSF&requester-nf-type=AMF&service-names=nausf-auth", null);
        Assert.Equal(200, st);
        OpenApiSchemas.AssertValid(text, "TS29510_Nnrf_NFDiscovery.yaml", "SearchResult");
        var result = SbiTestHost.Json(text);
        Assert.Equal(new NrfOptions().DiscoveryValidityPeriod, result.GetProperty("validityPeriod").GetInt32());
        var ausf = Assert.Single(result.GetProperty("nfInstances").EnumerateArray());
        Assert.Equal(Id, ausf.GetProperty("nfInstanceId").GetString());
        OpenApiSchemas.AssertValid(ausf.GetRawText(), "TS29510_Nnrf_NFManagement.yaml", "NFProfile");
        // A service the AUSF does not offer finds nothing; a missing mandatory query parameter is a 400.
        (_, text, _) = await nrf.Send(HttpMethod.Get, "/nnrf-disc/v1/nf-instances?target-nf-type=AUSF&requester-nf-type=AMF&service-names=nausf-sorprotection", null);
        Assert.Empty(SbiTestHost.Json(text).GetProperty("nfInstances").EnumerateArray());
        (st, text, _) = await nrf.Send(HttpMethod.Get, "/nnrf-disc/v1/nf-instances?target-nf-type=AUSF", null);
        Assert.Equal(400, st);
        Assert.Equal("MANDATORY_QUERY_PARAM_MISSING", SbiTestHost.Json(text).GetProperty("cause").GetString());
        Assert.Equal(204, (await nrf.Send(HttpMethod.Delete, "/nnrf-nfm/v1/nf-instances/" + Id, null)).Status);
    }

    [Fact]
    public async Task ConsumerCache_AnswersWithinValidityPeriod_AsksAgainAfter()
    {
        const string Id = "7e57e57e-0000-4000-8000-000000000108";
        using NrfClient client = nrf.Client(NrfFixture.AmfId, "AMF");
        Assert.Equal(201, (await nrf.Send(HttpMethod.Put, "/nnrf-nfm/v1/nf-instances/" + Id, ProfileJson(Id, "UDM", "nudm-sdm"))).Status);
        var first = await client.ResolveServiceAsync("UDM", "nudm-sdm", null, CancellationToken.None);
        Assert.True(first.IsOk, first.Problem?.Detail);
        // The NF goes away: the cached result still answers while its validityPeriod lasts (TS 29.510 §6.2.3.2.3.1) …
        Assert.Equal(204, (await nrf.Send(HttpMethod.Delete, "/nnrf-nfm/v1/nf-instances/" + Id, null)).Status);
        Assert.True((await client.ResolveServiceAsync("UDM", "nudm-sdm", null, CancellationToken.None)).IsOk);
        // … and not after it: the NRF is asked again and knows no such NF.
        nrf.Time.Advance(TimeSpan.FromSeconds(new NrfOptions().DiscoveryValidityPeriod + 1));
        var after = await client.ResolveServiceAsync("UDM", "nudm-sdm", null, CancellationToken.None);
        Assert.False(after.IsOk);
        Assert.Equal("TARGET_NF_NOT_FOUND", after.Problem!.Cause);
    }

    [Fact]
    public async Task ConsumerCache_ResolvedUri_IsReused_ThenFollowsTheNewResultAfterValidity()
    {
        const string Id = "7e57e57e-0000-4000-8000-000000000113";
        string moved = ProfileJson(Id, "UDM", "nudm-uecm").Replace("127.0.0.40", "127.0.0.43", StringComparison.Ordinal);
        using NrfClient client = nrf.Client(NrfFixture.AmfId, "AMF");
        Assert.Equal(201, (await nrf.Send(HttpMethod.Put, "/nnrf-nfm/v1/nf-instances/" + Id, ProfileJson(Id, "UDM", "nudm-uecm"))).Status);
        var first = await client.ResolveServiceAsync("UDM", "nudm-uecm", null, CancellationToken.None);
        var again = await client.ResolveServiceAsync("UDM", "nudm-uecm", "imsi-999700000000001", CancellationToken.None);
        Assert.Equal("127.0.0.40", first.Value?.Host);
        // One discovery result, one URI: the second call (narrowed by SUPI, answered from the same result) reuses it.
        Assert.Same(first.Value, again.Value);
        // The NF moves: within the validityPeriod the cached answer stands; after it the new address is resolved, not
        // the URI remembered from the old result.
        Assert.Equal(200, (await nrf.Send(HttpMethod.Put, "/nnrf-nfm/v1/nf-instances/" + Id, moved)).Status);
        Assert.Equal("127.0.0.40", (await client.ResolveServiceAsync("UDM", "nudm-uecm", null, CancellationToken.None)).Value?.Host);
        nrf.Time.Advance(TimeSpan.FromSeconds(new NrfOptions().DiscoveryValidityPeriod + 1));
        // Registered again after the jump (the fake clock also ran past the heartbeat timer).
        Assert.Equal(200, (await nrf.Send(HttpMethod.Put, "/nnrf-nfm/v1/nf-instances/" + Id, moved)).Status);
        var after = await client.ResolveServiceAsync("UDM", "nudm-uecm", null, CancellationToken.None);
        Assert.True(after.IsOk, after.Problem?.Detail);
        Assert.Equal("127.0.0.43", after.Value!.Host);
        Assert.Equal(204, (await nrf.Send(HttpMethod.Delete, "/nnrf-nfm/v1/nf-instances/" + Id, null)).Status);
    }

    [Fact]
    public async Task ConsumerCache_PerSupiQueries_StayWithinTheCapacity_AndStillAnswer()
    {
        const string Id = "7e57e57e-0000-4000-8000-000000000109";
        Assert.Equal(201, (await nrf.Send(HttpMethod.Put, "/nnrf-nfm/v1/nf-instances/" + Id, ProfileJson(Id, "UDM", "nudm-ueau"))).Status);
        using var client = new NrfClient(nrf.Host.Http, nrf.Host.Base, new SbiClientOptions(), nrf.Time, discoveryCacheCapacity: 4) { NfInstanceId = NrfFixture.AmfId, NfType = "AUSF" };
        for (int i = 0; i < 10; i++)
        {
            // The AUSF's query names the SUPI: every subscriber is a query of its own.
            var r = await client.ResolveServiceAsync("UDM", "nudm-ueau", $"imsi-99970000000{i:D4}", CancellationToken.None);
            Assert.True(r.IsOk, r.Problem?.Detail);
            Assert.InRange(client.DiscoveryCacheCount, 1, 4);
        }
        Assert.Equal(204, (await nrf.Send(HttpMethod.Delete, "/nnrf-nfm/v1/nf-instances/" + Id, null)).Status);
    }

    [Fact]
    public async Task ConsumerCache_PerSupiQuery_NoInstanceHasSupiRanges_OneDiscoveryServesEverySubscriber()
    {
        const string Id = "7e57e57e-0000-4000-8000-000000000110";
        Assert.Equal(201, (await nrf.Send(HttpMethod.Put, "/nnrf-nfm/v1/nf-instances/" + Id, ProfileJson(Id, "UDM", "nudm-ueau"))).Status);
        using var client = new NrfClient(nrf.Host.Http, nrf.Host.Base, new SbiClientOptions(), nrf.Time) { NfInstanceId = NrfFixture.AmfId, NfType = "AUSF" };
        Assert.True((await client.ResolveServiceAsync("UDM", "nudm-ueau", "imsi-999700000000001", CancellationToken.None)).IsOk);
        // Gone from the NRF: a SUPI never asked about still resolves, so it was answered from the one cached discovery.
        Assert.Equal(204, (await nrf.Send(HttpMethod.Delete, "/nnrf-nfm/v1/nf-instances/" + Id, null)).Status);
        for (int i = 2; i < 10; i++)
        {
            var r = await client.ResolveServiceAsync("UDM", "nudm-ueau", $"imsi-99970000000000{i}", CancellationToken.None);
            Assert.True(r.IsOk, r.Problem?.Detail);
        }
        Assert.Equal(1, client.DiscoveryCacheCount);
    }

    [Fact]
    public async Task ConsumerCache_PerSupiQuery_InstancesWithSupiRanges_TheNrfPicksByRange()
    {
        const string Low = "7e57e57e-0000-4000-8000-000000000111";
        const string High = "7e57e57e-0000-4000-8000-000000000112";
        static string Ranged(string id, string address, string start, string end) =>
            $"{{\"nfInstanceId\":\"{id}\",\"nfType\":\"UDM\",\"nfStatus\":\"REGISTERED\",\"ipv4Addresses\":[\"{address}\"]," +
            $"\"udmInfo\":{{\"supiRanges\":[{{\"start\":\"{start}\",\"end\":\"{end}\"}}]}}," +
            "\"nfServices\":[{\"serviceInstanceId\":\"s0\",\"serviceName\":\"nudm-ueau\",\"versions\":[{\"apiVersionInUri\":\"v1\",\"apiFullVersion\":\"1.0.0\"}],\"scheme\":\"http\",\"nfServiceStatus\":\"REGISTERED\"}]}";
        Assert.Equal(201, (await nrf.Send(HttpMethod.Put, "/nnrf-nfm/v1/nf-instances/" + Low, Ranged(Low, "127.0.0.41", "999710000000000", "999714999999999"))).Status);
        Assert.Equal(201, (await nrf.Send(HttpMethod.Put, "/nnrf-nfm/v1/nf-instances/" + High, Ranged(High, "127.0.0.42", "999715000000000", "999719999999999"))).Status);
        using var client = new NrfClient(nrf.Host.Http, nrf.Host.Base, new SbiClientOptions(), nrf.Time) { NfInstanceId = NrfFixture.AmfId, NfType = "AUSF" };
        var high = await client.ResolveServiceAsync("UDM", "nudm-ueau", "imsi-999716000000001", CancellationToken.None);
        var low = await client.ResolveServiceAsync("UDM", "nudm-ueau", "imsi-999711000000001", CancellationToken.None);
        Assert.Equal("127.0.0.42", high.Value?.Host);
        Assert.Equal("127.0.0.41", low.Value?.Host);
        Assert.Equal(204, (await nrf.Send(HttpMethod.Delete, "/nnrf-nfm/v1/nf-instances/" + Low, null)).Status);
        Assert.Equal(204, (await nrf.Send(HttpMethod.Delete, "/nnrf-nfm/v1/nf-instances/" + High, null)).Status);
    }

    private Task<(int Status, string Body, HttpResponseMessage Response)> TokenRequest(string form) =>
        nrf.Send(HttpMethod.Post, "/oauth2/token", form, "application/x-www-form-urlencoded");

    [Fact]
    public async Task AccessToken_SchemaValid_RefusesUnregisteredClients_AndScopesOfOtherNfTypes()
    {
        var (st, text, resp) = await TokenRequest($"grant_type=client_credentials&nfInstanceId={NrfFixture.AmfId}&nfType=AMF&targetNfType=UDM&scope=nudm-sdm");
        Assert.Equal(200, st);
        OpenApiSchemas.AssertValid(text, "TS29510_Nnrf_AccessToken.yaml", "AccessTokenRsp");
        Assert.Equal("no-store", resp.Headers.CacheControl?.ToString());
        (st, text, _) = await TokenRequest("grant_type=client_credentials&nfInstanceId=11111111-2222-4333-8444-555555555555&targetNfType=UDM&scope=nudm-sdm");
        Assert.Equal(400, st);
        OpenApiSchemas.AssertValid(text, "TS29510_Nnrf_AccessToken.yaml", "AccessTokenErr");
        Assert.Equal("invalid_client", SbiTestHost.Json(text).GetProperty("error").GetString());
        // A UDM service name asked of the AUSF: invalid_scope; another grant: unsupported_grant_type; nfType lying: invalid_client.
        (_, text, _) = await TokenRequest($"grant_type=client_credentials&nfInstanceId={NrfFixture.AmfId}&targetNfType=AUSF&scope=nudm-sdm");
        Assert.Equal("invalid_scope", SbiTestHost.Json(text).GetProperty("error").GetString());
        (_, text, _) = await TokenRequest($"grant_type=password&nfInstanceId={NrfFixture.AmfId}&targetNfType=UDM&scope=nudm-sdm");
        Assert.Equal("unsupported_grant_type", SbiTestHost.Json(text).GetProperty("error").GetString());
        (_, text, _) = await TokenRequest($"grant_type=client_credentials&nfInstanceId={NrfFixture.AmfId}&nfType=SMF&targetNfType=UDM&scope=nudm-sdm");
        Assert.Equal("invalid_client", SbiTestHost.Json(text).GetProperty("error").GetString());
        (st, text, _) = await nrf.Send(HttpMethod.Post, "/oauth2/token", "{\"grant_type\":\"client_credentials\"}");
        Assert.Equal(400, st);
        Assert.Equal("invalid_request", SbiTestHost.Json(text).GetProperty("error").GetString());
    }

    [Fact]
    public async Task AccessToken_ProducerValidator_ScopeAudienceSignatureExpiry()
    {
        using NrfClient client = nrf.Client(NrfFixture.AmfId, "AMF");
        string token = (await client.GetTokenAsync("UDM", "nudm-sdm nudm-uecm", CancellationToken.None))!;
        // The consumer reuses its token for the same target and scope.
        Assert.Same(token, await client.GetTokenAsync("UDM", "nudm-sdm nudm-uecm", CancellationToken.None));
        using ECDsa pub = ECDsa.Create(nrf.Host.NrfKey.ExportParameters(false));
        var udm = new AccessTokenValidator(pub, "UDM", "7e57e57e-0000-4000-8000-000000000109", nrf.Time);
        Assert.Equal(TokenCheck.Valid, await udm.CheckAsync("Bearer " + token, "nudm-sdm"));
        Assert.Equal(TokenCheck.Valid, await udm.CheckAsync("Bearer " + token, "nudm-uecm"));
        // A valid token without the service in its scope: 403 insufficient_scope, not 401.
        Assert.Equal(TokenCheck.InsufficientScope, await udm.CheckAsync("Bearer " + token, "nudm-ueau"));
        // Another audience (an AUSF), a token signed by another key, no token: invalid.
        var ausf = new AccessTokenValidator(pub, "AUSF", "7e57e57e-0000-4000-8000-000000000110", nrf.Time);
        Assert.Equal(TokenCheck.Invalid, await ausf.CheckAsync("Bearer " + token, "nudm-sdm"));
        using ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string forged = new AccessTokenIssuer(other, "nrf").Issue(NrfFixture.AmfId, "UDM", "nudm-sdm", TimeSpan.FromHours(1));
        Assert.Equal(TokenCheck.Invalid, await udm.CheckAsync("Bearer " + forged, "nudm-sdm"));
        Assert.Equal(TokenCheck.Invalid, await udm.CheckAsync(null, "nudm-sdm"));
        Assert.Equal(TokenCheck.Invalid, await udm.CheckAsync("Basic " + token, "nudm-sdm"));
        // Past its expiry (the NRF's token lifetime) the same token, verified before, is refused.
        nrf.Time.Advance(new NrfOptions().TokenLifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(TokenCheck.Invalid, await udm.CheckAsync("Bearer " + token, "nudm-sdm"));
    }
}
