// End-to-end 5G-AKA and EAP-AKA' (TS 33.501 §6.1.3) through AUSF → UDM → UDR over HTTP/2 with OAuth2 tokens, every
// body checked against the 3GPP OpenAPI schemas, the UE side computed independently (UeSim).
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using GlassCore.Security;
using GlassCore.TestSupport;

namespace GlassCore.Ausf.Tests;

[Collection("ausf")]
public sealed class AuthenticationTests(AusfFixture f)
{
    private const string Snn = HomeNetwork.Snn;
    private const string K1 = AusfFixture.K1;
    private const string Opc1 = AusfFixture.Opc1;

    private async Task<(JsonElement Ctx, string Location)> StartAsync(string supiOrSuci, string? resyncJson = null)
    {
        string? token = f.Hn.Token("AUSF", "nausf-auth");
        string body = $"{{\"supiOrSuci\":\"{supiOrSuci}\",\"servingNetworkName\":\"{Snn}\"{resyncJson}}}";
        OpenApiSchemas.AssertValid(body, "TS29509_Nausf_UEAuthentication.yaml", "AuthenticationInfo");
        var (status, text, resp) = await f.Hn.Send(HttpMethod.Post, "/nausf-auth/v1/ue-authentications", body, token);
        Assert.True(status == 201, text);
        OpenApiSchemas.AssertValid(text, "TS29509_Nausf_UEAuthentication.yaml", "UEAuthenticationCtx");
        return (SbiTestHost.Json(text), resp.Headers.Location!.ToString());
    }

    private async Task<(int Status, JsonElement Body)> ConfirmAsync(JsonElement ctx, byte[] resStar)
    {
        string? token = f.Hn.Token("AUSF", "nausf-auth");
        string href = ctx.GetProperty("_links").GetProperty("5g-aka").GetProperty("href").GetString()!;
        string body = $"{{\"resStar\":\"{Convert.ToHexString(resStar)}\"}}";
        OpenApiSchemas.AssertValid(body, "TS29509_Nausf_UEAuthentication.yaml", "ConfirmationData");
        var (status, text, _) = await f.Hn.Send(HttpMethod.Put, href, body, token);
        if (status == 200)
        {
            OpenApiSchemas.AssertValid(text, "TS29509_Nausf_UEAuthentication.yaml", "ConfirmationDataResponse");
        }
        return (status, SbiTestHost.Json(text));
    }

    [Fact]
    public async Task FiveGAka_Supi_UeVerifiesAutn_ResStarConfirms_KseafMatchesUe()
    {
        var (ctx, location) = await StartAsync("imsi-999700000000001");
        Assert.StartsWith("/nausf-auth/v1/ue-authentications/", location, StringComparison.Ordinal);
        Assert.Equal("5G_AKA", ctx.GetProperty("authType").GetString());
        JsonElement av = ctx.GetProperty("5gAuthData");
        UeResult ue = UeSim.Answer(K1, Opc1, av.GetProperty("rand").GetString()!, av.GetProperty("autn").GetString()!, Snn);
        Assert.True(ue.MacOk, "MAC-A in AUTN must verify with the subscriber's K/OPc");
        // HXRES* = SHA-256(RAND || XRES*) lower 128 bits (TS 33.501 Annex A.5): the SEAF's check of RES*.
        byte[] hres = new byte[16];
        KeyHierarchy.HxresStar(Convert.FromHexString(av.GetProperty("rand").GetString()!), ue.ResStar, hres);
        Assert.Equal(Convert.ToHexString(hres), av.GetProperty("hxresStar").GetString());

        var (status, result) = await ConfirmAsync(ctx, ue.ResStar);
        Assert.Equal(200, status);
        Assert.Equal("AUTHENTICATION_SUCCESS", result.GetProperty("authResult").GetString());
        Assert.Equal("imsi-999700000000001", result.GetProperty("supi").GetString());
        Assert.Equal(Convert.ToHexString(ue.Kseaf), result.GetProperty("kseaf").GetString());

        // The AUSF reported the result to the UDM, which stored it in the UDR (Nudm_UEAU_ResultConfirmation).
        string? udrToken = f.Hn.Token("UDR", "nudr-dr");
        var (st, text, _) = await f.Hn.Send(HttpMethod.Get, "/nudr-dr/v2/subscription-data/imsi-999700000000001/authentication-data/authentication-status", null, udrToken);
        Assert.Equal(200, st);
        OpenApiSchemas.AssertValid(text, "TS29503_Nudm_UEAU.yaml", "AuthEvent");
        Assert.True(SbiTestHost.Json(text).GetProperty("success").GetBoolean());

        // A confirmed context is gone: a second confirmation is CONTEXT_NOT_FOUND.
        var (again, problem) = await ConfirmAsync(ctx, ue.ResStar);
        Assert.Equal(404, again);
        Assert.Equal("CONTEXT_NOT_FOUND", problem.GetProperty("cause").GetString());
    }

    [Fact]
    public async Task FiveGAka_WrongResStar_AuthenticationFailure_NoKseaf()
    {
        var (ctx, _) = await StartAsync("imsi-999700000000002");
        byte[] wrong = new byte[16];
        RandomNumberGenerator.Fill(wrong);
        var (status, result) = await ConfirmAsync(ctx, wrong);
        Assert.Equal(200, status);
        Assert.Equal("AUTHENTICATION_FAILURE", result.GetProperty("authResult").GetString());
        Assert.False(result.TryGetProperty("kseaf", out _));
        Assert.False(result.TryGetProperty("supi", out _));
    }

    [Fact]
    public async Task FiveGAka_NullSchemeSuci_ResolvesToSupi()
    {
        var (ctx, _) = await StartAsync("suci-0-208-93-0000-0-0-0000000003");
        JsonElement av = ctx.GetProperty("5gAuthData");
        UeResult ue = UeSim.Answer("8BAF473F2F8FD09487CCCBD7097C6862", "8E27B6AF0E692E750F32667A3B14605D", av.GetProperty("rand").GetString()!, av.GetProperty("autn").GetString()!, Snn);
        Assert.True(ue.MacOk);
        var (_, result) = await ConfirmAsync(ctx, ue.ResStar);
        Assert.Equal("imsi-208930000000003", result.GetProperty("supi").GetString());
    }

    [Theory]
    [InlineData(1, ProtectionScheme.ProfileA)]
    [InlineData(2, ProtectionScheme.ProfileB)]
    public async Task FiveGAka_EciesSuci_DeconcealedWithHomeNetworkKey(int keyId, ProtectionScheme scheme)
    {
        // The UE conceals with the home network's public key of that id.
        byte[] pub = scheme == ProtectionScheme.ProfileA ? f.Hn.ProfileAPublicKey : f.Hn.ProfileBPublicKey;
        string suci = SuciConcealer.Conceal("imsi-999700000000002", scheme, (byte)keyId, pub).ToString();
        Assert.StartsWith($"suci-0-999-70-0000-{(int)scheme}-{keyId}-", suci, StringComparison.Ordinal);
        var (ctx, _) = await StartAsync(suci);
        JsonElement av = ctx.GetProperty("5gAuthData");
        UeResult ue = UeSim.Answer(K1, Opc1, av.GetProperty("rand").GetString()!, av.GetProperty("autn").GetString()!, Snn);
        var (_, result) = await ConfirmAsync(ctx, ue.ResStar);
        Assert.Equal("imsi-999700000000002", result.GetProperty("supi").GetString());
        // The same SUCI with one flipped output byte no longer opens (ECIES MAC): AUTHENTICATION_REJECTED.
        char last = suci[^1] == '0' ? '1' : '0';
        string? token = f.Hn.Token("AUSF", "nausf-auth");
        var (st, text, _) = await f.Hn.Send(HttpMethod.Post, "/nausf-auth/v1/ue-authentications",
            $"{{\"supiOrSuci\":\"{suci[..^1] + last}\",\"servingNetworkName\":\"{Snn}\"}}", token);
        Assert.Equal(403, st);
        Assert.Equal("AUTHENTICATION_REJECTED", SbiTestHost.Json(text).GetProperty("cause").GetString());
    }

    [Fact]
    public async Task FiveGAka_Resynchronisation_NextSqnFollowsSqnMs()
    {
        var (ctx, _) = await StartAsync("imsi-999700000000101");
        JsonElement av = ctx.GetProperty("5gAuthData");
        string rand = av.GetProperty("rand").GetString()!;
        const string K = "465B5CE8B199B49FAA5F0A2EE238A6BC", Opc = "CD63CB71954A9F4E48A5994E37A02BAF";
        // The USIM has seen a much higher SQN (SEQ 5000, IND 3) and answers Synch failure with AUTS (TS 33.102 §6.3.5).
        var policy = new SqnFreshnessPolicy();
        ulong sqnMs = policy.Compose(5000, 3);
        byte[] auts = UeSim.Auts(K, Opc, rand, sqnMs);
        var (ctx2, _) = await StartAsync("imsi-999700000000101", $",\"resynchronizationInfo\":{{\"rand\":\"{rand}\",\"auts\":\"{Convert.ToHexString(auts)}\"}}");
        JsonElement av2 = ctx2.GetProperty("5gAuthData");
        UeResult ue = UeSim.Answer(K, Opc, av2.GetProperty("rand").GetString()!, av2.GetProperty("autn").GetString()!, Snn);
        Assert.True(ue.MacOk);
        Assert.Equal(5001UL, policy.Seq(ue.Sqn));

        // A forged AUTS (MAC-S wrong) is rejected and does not move the SQN.
        auts[^1] ^= 1;
        string? token = f.Hn.Token("AUSF", "nausf-auth");
        var (status, text, _) = await f.Hn.Send(HttpMethod.Post, "/nausf-auth/v1/ue-authentications",
            $"{{\"supiOrSuci\":\"imsi-999700000000101\",\"servingNetworkName\":\"{Snn}\",\"resynchronizationInfo\":{{\"rand\":\"{rand}\",\"auts\":\"{Convert.ToHexString(auts)}\"}}}}", token);
        Assert.Equal(403, status);
        Assert.Equal("AUTHENTICATION_REJECTED", SbiTestHost.Json(text).GetProperty("cause").GetString());
    }

    [Fact]
    public async Task EapAkaPrime_ChallengeResponse_EapSuccess_KseafMatchesUe()
    {
        const string Supi = "imsi-999700000000103", K = "9E5944AEA94B81165C82FBF9F32DB751", Opc = "A64A507AE1A2A98BB88EB4210135DC87";
        var (ctx, _) = await StartAsync(Supi);
        Assert.Equal("EAP_AKA_PRIME", ctx.GetProperty("authType").GetString());
        byte[] req = Convert.FromBase64String(ctx.GetProperty("5gAuthData").GetString()!);
        // EAP-Request (1) / AKA' (50) / Challenge (1); AT_RAND at 8, AT_AUTN at 28 (RFC 9048 §3).
        Assert.Equal(1, req[0]);
        Assert.Equal(50, req[4]);
        Assert.Equal(1, req[5]);
        Assert.Equal(1, req[8]);
        Assert.Equal(2, req[28]);
        string rand = Convert.ToHexString(req, 12, 16), autn = Convert.ToHexString(req, 32, 16);
        UeResult ue = UeSim.Answer(K, Opc, rand, autn, Snn);
        Assert.True(ue.MacOk);
        byte[] kEncr = new byte[16], kAut = new byte[32], kRe = new byte[32], msk = new byte[64], emsk = new byte[64];
        EapAkaPrimeKeys.Derive(ue.CkPrime, ue.IkPrime, Supi[5..], kEncr, kAut, kRe, msk, emsk);
        // The request's AT_MAC verifies with the UE's K_aut.
        int macAt = req.Length - 20;
        Assert.Equal(11, req[macAt]);
        byte[] zeroed = (byte[])req.Clone();
        Array.Clear(zeroed, macAt + 4, 16);
        Assert.Equal(Convert.ToHexString(HMACSHA256.HashData(kAut, zeroed)[..16]), Convert.ToHexString(req, macAt + 4, 16));

        // EAP-Response/AKA'-Challenge: AT_RES (RES 64 bits) + AT_MAC.
        byte[] resp = new byte[8 + 12 + 20];
        resp[0] = 2;
        resp[1] = req[1];
        BinaryPrimitives.WriteUInt16BigEndian(resp.AsSpan(2), (ushort)resp.Length);
        resp[4] = 50;
        resp[5] = 1;
        resp[8] = 3;
        resp[9] = 3;
        BinaryPrimitives.WriteUInt16BigEndian(resp.AsSpan(10), 64);
        ue.Res.CopyTo(resp, 12);
        resp[20] = 11;
        resp[21] = 5;
        HMACSHA256.HashData(kAut, resp).AsSpan(0, 16).CopyTo(resp.AsSpan(24));

        string? token = f.Hn.Token("AUSF", "nausf-auth");
        string href = ctx.GetProperty("_links").GetProperty("eap-session").GetProperty("href").GetString()!;
        string body = $"{{\"eapPayload\":\"{Convert.ToBase64String(resp)}\"}}";
        OpenApiSchemas.AssertValid(body, "TS29509_Nausf_UEAuthentication.yaml", "EapSession");
        var (status, text, _) = await f.Hn.Send(HttpMethod.Post, href, body, token);
        Assert.Equal(200, status);
        OpenApiSchemas.AssertValid(text, "TS29509_Nausf_UEAuthentication.yaml", "EapSession");
        JsonElement result = SbiTestHost.Json(text);
        Assert.Equal("AUTHENTICATION_SUCCESS", result.GetProperty("authResult").GetString());
        Assert.Equal(3, Convert.FromBase64String(result.GetProperty("eapPayload").GetString()!)[0]);
        byte[] kausf = new byte[32], kseaf = new byte[32];
        EapAkaPrimeKeys.Kausf(emsk, kausf);
        KeyHierarchy.Kseaf(kausf, Snn, kseaf);
        Assert.Equal(Convert.ToHexString(kseaf), result.GetProperty("kSeaf").GetString());
    }
}
