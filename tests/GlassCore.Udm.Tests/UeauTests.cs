// TS 29.503 §5.4 Nudm_UEAU over HTTP/2 with tokens, the UE side computed independently (UeSim): how the UDM steps the
// SQN through the UDR (TS 33.102 §6.3.2, one compare-and-set PATCH once it knows the subscriber), re-synchronisation
// from AUTS (§6.3.5), SUCI de-concealment errors (TS 29.503 Table 6.3.3.2.3.1-3) and bad requests as ProblemDetails.
using System.Text.Json;
using GlassCore.Security;
using GlassCore.TestSupport;

namespace GlassCore.Udm.Tests;

public sealed class UeauTests : IAsyncLifetime
{
    private const string K = "465B5CE8B199B49FAA5F0A2EE238A6BC", Opc = "E8ED289DEBA952E4283B54E88E6183CA";
    private const string K2 = "000102030405060708090A0B0C0D0E0F";
    private readonly HomeNetwork _hn = new();
    private static readonly SqnFreshnessPolicy Policy = new();

    public ValueTask InitializeAsync() => _hn.InitializeAsync();

    public ValueTask DisposeAsync() => _hn.DisposeAsync();

    private static string Gad(string supiOrSuci) => $"/nudm-ueau/v1/{supiOrSuci}/security-information/generate-auth-data";

    private async Task<(int Status, JsonElement Body)> GenerateAsync(string supiOrSuci, string? extra = null, bool schemaValidRequest = true)
    {
        string body = $"{{\"servingNetworkName\":\"{HomeNetwork.Snn}\",\"ausfInstanceId\":\"{HomeNetwork.AusfId}\"{extra}}}";
        if (schemaValidRequest)
        {
            OpenApiSchemas.AssertValid(body, "TS29503_Nudm_UEAU.yaml", "AuthenticationInfoRequest");
        }
        var (st, text, resp) = await _hn.Send(HttpMethod.Post, Gad(supiOrSuci), body, _hn.Token("UDM", "nudm-ueau"));
        if (st == 200)
        {
            OpenApiSchemas.AssertValid(text, "TS29503_Nudm_UEAU.yaml", "AuthenticationInfoResult");
        }
        else
        {
            Assert.Equal("application/problem+json", resp.Content.Headers.ContentType?.MediaType);
            OpenApiSchemas.AssertValid(text, "TS29571_CommonData.yaml", "ProblemDetails");
        }
        return (st, SbiTestHost.Json(text));
    }

    private static UeResult Ue(JsonElement result, string k = K)
    {
        JsonElement av = result.GetProperty("authenticationVector");
        return UeSim.Answer(k, Opc, av.GetProperty("rand").GetString()!, av.GetProperty("autn").GetString()!, HomeNetwork.Snn);
    }

    [Fact]
    public async Task SqnStep_FirstReadsThenPatches_ThenOnePatchPerAuthentication()
    {
        const string Supi = "imsi-999700000000101";
        Assert.True(await _hn.ProvisionAsync(Supi, K, Opc));
        _hn.TakeUdrRequests();
        ulong expected = 0x20;
        for (int i = 0; i < 3; i++)
        {
            var (st, result) = await GenerateAsync(Supi);
            Assert.Equal(200, st);
            UeResult ue = Ue(result);
            Assert.True(ue.MacOk);
            expected = Policy.Next(expected);
            Assert.Equal(expected, ue.Sqn);
            Dictionary<string, int> udr = _hn.TakeUdrRequests();
            // The first authentication reads the subscription; the next ones only compare-and-set the SQN.
            Assert.Equal(i == 0 ? 1 : 0, udr.GetValueOrDefault("GET authentication-subscription"));
            Assert.Equal(1, udr.GetValueOrDefault("PATCH authentication-subscription"));
        }
        Assert.Equal((long)expected, (await _hn.Store.GetAsync(Supi, CancellationToken.None))!.Sqn);
    }

    [Fact]
    public async Task SqnMovedByAnotherUdm_409_ReadsAgain_NeverReusesAnSqn()
    {
        const string Supi = "imsi-999700000000102";
        Assert.True(await _hn.ProvisionAsync(Supi, K, Opc));
        Assert.Equal(200, (await GenerateAsync(Supi)).Status);
        // Another UDM (or process) hands out SQNs meanwhile: the UDR holds a later SQN than this UDM remembers.
        Assert.Equal(Udr.Storage.SqnUpdate.Updated, await _hn.Store.SetSqnAsync(Supi, 0x1000, CancellationToken.None));
        _hn.TakeUdrRequests();
        var (st, result) = await GenerateAsync(Supi);
        Assert.Equal(200, st);
        Assert.Equal(Policy.Next(0x1000), Ue(result).Sqn);
        Dictionary<string, int> udr = _hn.TakeUdrRequests();
        Assert.Equal(2, udr["PATCH authentication-subscription"]); // the stale test failed (409), then the fresh one
        Assert.Equal(1, udr["GET authentication-subscription"]);
    }

    [Fact]
    public async Task CachedSubscription_ReprovisionedKeys409_ReadsAgain_ExpiresAfterItsLifetime_AndAfterAFailedAuthentication()
    {
        const string Supi = "imsi-999700000000103";
        Assert.True(await _hn.ProvisionAsync(Supi, K, Opc));
        Assert.Equal(200, (await GenerateAsync(Supi)).Status);
        // Re-provisioned with a new K: the PATCH tests the remembered K, gets 409, and the UDM reads K2 at once.
        var rec = Udr.Storage.SubscriberStore.ToRecord((await _hn.Store.GetAsync(Supi, CancellationToken.None))!);
        rec.K = K2;
        Assert.True(await _hn.Store.UpdateAsync(rec, CancellationToken.None));
        _hn.TakeUdrRequests();
        var (_, r1) = await GenerateAsync(Supi);
        Assert.True(Ue(r1, K2).MacOk);
        Assert.False(Ue(r1, K).MacOk);
        Dictionary<string, int> udr = _hn.TakeUdrRequests();
        Assert.Equal(2, udr["PATCH authentication-subscription"]);
        Assert.Equal(1, udr["GET authentication-subscription"]);

        // Past the lifetime the UDM reads again without any reason.
        _hn.Time.Advance(_hn.CacheLifetime);
        Assert.True(Ue((await GenerateAsync(Supi)).Body, K2).MacOk);
        Assert.Equal(1, _hn.TakeUdrRequests().GetValueOrDefault("GET authentication-subscription"));

        // The AUSF reports an authentication as failed (TS 29.503 §5.4.2.3): the UDM reads afresh next time.
        string evt = $"{{\"nfInstanceId\":\"{HomeNetwork.AusfId}\",\"success\":false,\"timeStamp\":\"2026-11-29T09:00:00Z\",\"authType\":\"5G_AKA\",\"servingNetworkName\":\"{HomeNetwork.Snn}\"}}";
        OpenApiSchemas.AssertValid(evt, "TS29503_Nudm_UEAU.yaml", "AuthEvent");
        var (st, _, resp) = await _hn.Send(HttpMethod.Post, $"/nudm-ueau/v1/{Supi}/auth-events", evt, _hn.Token("UDM", "nudm-ueau"));
        Assert.Equal(201, st);
        Assert.StartsWith($"/nudm-ueau/v1/{Supi}/auth-events/", resp.Headers.Location!.ToString(), StringComparison.Ordinal);
        _hn.TakeUdrRequests();
        Assert.True(Ue((await GenerateAsync(Supi)).Body, K2).MacOk);
        Assert.Equal(1, _hn.TakeUdrRequests().GetValueOrDefault("GET authentication-subscription"));
    }

    [Fact]
    public async Task Resynchronisation_NextSqnFollowsSqnMs_WrongMacS403()
    {
        const string Supi = "imsi-999700000000104";
        Assert.True(await _hn.ProvisionAsync(Supi, K, Opc));
        var (_, first) = await GenerateAsync(Supi);
        string rand = first.GetProperty("authenticationVector").GetProperty("rand").GetString()!;
        // The USIM has seen SQN_MS far ahead (TS 33.102 §6.3.5): it answers with AUTS; the UDM resets SQN_HE from it.
        const ulong SqnMs = 0x5000;
        byte[] auts = UeSim.Auts(K, Opc, rand, SqnMs);
        _hn.TakeUdrRequests();
        var (st, result) = await GenerateAsync(Supi, $",\"resynchronizationInfo\":{{\"rand\":\"{rand}\",\"auts\":\"{Convert.ToHexString(auts)}\"}}");
        Assert.Equal(200, st);
        UeResult ue = Ue(result);
        Assert.True(ue.MacOk);
        Assert.True(Policy.Seq(ue.Sqn) > Policy.Seq(SqnMs), "the new SQN is fresh for the USIM");
        // A resynchronisation always reads the current K and SQN from the UDR.
        Assert.Equal(1, _hn.TakeUdrRequests().GetValueOrDefault("GET authentication-subscription"));

        auts[^1] ^= 1; // MAC-S no longer verifies
        var (bad, problem) = await GenerateAsync(Supi, $",\"resynchronizationInfo\":{{\"rand\":\"{rand}\",\"auts\":\"{Convert.ToHexString(auts)}\"}}");
        Assert.Equal(403, bad);
        Assert.Equal("AUTHENTICATION_REJECTED", problem.GetProperty("cause").GetString());
        var (wrongLength, p2) = await GenerateAsync(Supi, $",\"resynchronizationInfo\":{{\"rand\":\"{rand}\",\"auts\":\"00\"}}", schemaValidRequest: false);
        Assert.Equal(400, wrongLength);
        Assert.Equal("OPTIONAL_IE_INCORRECT", p2.GetProperty("cause").GetString());
    }

    [Fact]
    public async Task Suci_ProfileAAndB_Deconcealed_ErrorsMapToTheirCauses()
    {
        const string Supi = "imsi-999700000000105";
        Assert.True(await _hn.ProvisionAsync(Supi, K, Opc));
        var (a, ra) = await GenerateAsync(_hn.ConcealA(Supi));
        Assert.Equal(200, a);
        Assert.Equal(Supi, ra.GetProperty("supi").GetString());
        var (b, rb) = await GenerateAsync(_hn.ConcealB(Supi));
        Assert.Equal(200, b);
        Assert.Equal(Supi, rb.GetProperty("supi").GetString());

        string valid = _hn.ConcealA(Supi);
        string[] f = valid.Split('-');
        // A key id the home network does not have; an output whose MAC does not verify: the UE cannot be identified.
        f[6] = "77";
        Assert.Equal((403, "AUTHENTICATION_REJECTED"), await Cause(string.Join('-', f)));
        f = valid.Split('-');
        f[7] = f[7][..^2] + (f[7][^2..] == "00" ? "01" : "00");
        Assert.Equal((403, "AUTHENTICATION_REJECTED"), await Cause(string.Join('-', f)));
        // A protection scheme the UDM does not implement; a malformed SUCI; neither SUPI nor SUCI.
        Assert.Equal((501, "UNSUPPORTED_PROTECTION_SCHEME"), await Cause("suci-0-999-70-0000-9-1-00"));
        Assert.Equal((400, "MANDATORY_IE_INCORRECT"), await Cause("suci-0-999-70"));
        Assert.Equal((400, "MANDATORY_IE_INCORRECT"), await Cause("msisdn-4915112345678"));
        // A well-formed SUCI of a subscriber the UDR does not have.
        Assert.Equal((404, "USER_NOT_FOUND"), await Cause(_hn.ConcealA("imsi-999709999999999")));
    }

    private async Task<(int, string?)> Cause(string supiOrSuci)
    {
        var (st, body) = await GenerateAsync(supiOrSuci);
        return (st, body.GetProperty("cause").GetString());
    }

    [Fact]
    public async Task BadRequests_ProblemDetailsWithCause_UdmKeepsServing()
    {
        const string Supi = "imsi-999700000000106";
        Assert.True(await _hn.ProvisionAsync(Supi, K, Opc));
        string token = _hn.Token("UDM", "nudm-ueau");
        async Task<(int, string?)> Post(string path, string body)
        {
            var (st, text, resp) = await _hn.Send(HttpMethod.Post, path, body, token);
            Assert.Equal("application/problem+json", resp.Content.Headers.ContentType?.MediaType);
            OpenApiSchemas.AssertValid(text, "TS29571_CommonData.yaml", "ProblemDetails");
            return (st, SbiTestHost.Json(text).GetProperty("cause").GetString());
        }
        Assert.Equal((400, "MANDATORY_IE_INCORRECT"), await Post(Gad(Supi), "{\"servingNetworkName\":\"5G:mnc70.mcc999.3gppnetwork.org\",\"ausfInstanceId\":\"x\"}"));
        Assert.Equal((400, "MANDATORY_IE_MISSING"), await Post(Gad(Supi), "{\"ausfInstanceId\":\"x\"}"));
        Assert.Equal((400, "MANDATORY_IE_INCORRECT"), await Post(Gad(Supi), "{\"servingNetworkName\":7,\"ausfInstanceId\":\"x\"}"));
        Assert.Equal((400, "INVALID_MSG_FORMAT"), await Post(Gad(Supi), "{\"servingNetworkName\":"));
        Assert.Equal((404, "USER_NOT_FOUND"), await Post(Gad("imsi-999709999999998"), $"{{\"servingNetworkName\":\"{HomeNetwork.Snn}\",\"ausfInstanceId\":\"x\"}}"));
        Assert.Equal((400, "MANDATORY_IE_INCORRECT"), await Post("/nudm-ueau/v1/suci-0-999-70-0000-0-0-0000000107/auth-events",
            $"{{\"nfInstanceId\":\"x\",\"success\":true,\"timeStamp\":\"2026-11-29T09:00:00Z\",\"authType\":\"5G_AKA\",\"servingNetworkName\":\"{HomeNetwork.Snn}\"}}"));
        Assert.Equal((404, "USER_NOT_FOUND"), await Post("/nudm-ueau/v1/imsi-999709999999998/auth-events",
            $"{{\"nfInstanceId\":\"x\",\"success\":true,\"timeStamp\":\"2026-11-29T09:00:00Z\",\"authType\":\"5G_AKA\",\"servingNetworkName\":\"{HomeNetwork.Snn}\"}}"));
        // Without a token, or with the AUSF's scope: 401 and 403, before any processing.
        var (st, _, _) = await _hn.Send(HttpMethod.Post, Gad(Supi), $"{{\"servingNetworkName\":\"{HomeNetwork.Snn}\",\"ausfInstanceId\":\"x\"}}", null);
        Assert.Equal(401, st);
        (st, _, _) = await _hn.Send(HttpMethod.Post, Gad(Supi), $"{{\"servingNetworkName\":\"{HomeNetwork.Snn}\",\"ausfInstanceId\":\"x\"}}", _hn.Token("UDM", "nudm-sdm"));
        Assert.Equal(403, st);
        var (ok, result) = await GenerateAsync(Supi);
        Assert.Equal(200, ok);
        Assert.True(Ue(result).MacOk);
    }

    [Fact]
    public void CacheOff_RemembersNothing()
    {
        var cache = new AuthenticationSubscriptionCache(TimeSpan.Zero);
        cache.Set("imsi-001010000000001", new AuthenticationSubscriptionCache.Entry(new byte[16], new byte[16], new byte[2], "5G_AKA", 0x20, DateTimeOffset.UtcNow));
        Assert.Null(cache.TryGet("imsi-001010000000001"));
        Assert.Equal(0, cache.Count);
    }
}
