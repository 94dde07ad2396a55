// TS 29.509 §5.2.2 Nausf_UEAuthentication Authenticate: 5G-AKA (TS 33.501 §6.1.3.2: HXRES* to the SEAF, RES* check,
// KSEAF on success) and EAP-AKA' (§6.1.3.1, RFC 9048). Authentication contexts live in memory until confirmed or expired.
using System.Collections.Concurrent;
using System.Security.Cryptography;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;
using GlassCore.Security;

namespace GlassCore.Ausf;

public sealed class UeAuthenticationProcessor(UdmUeauClient udm, string ausfInstanceId, TimeProvider? time = null)
{
    public const string ApiRoot = "/nausf-auth/v1";
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, AuthContext> _contexts = new(StringComparer.Ordinal);

    /// <summary>How long a challenge waits for the SEAF's confirmation (the UE's T3560 × 5 retransmissions is 30 s).</summary>
    public TimeSpan ContextLifetime { get; set; } = TimeSpan.FromSeconds(60);

    private sealed class AuthContext
    {
        public required string Supi { get; init; }
        public required string SupiOrSuci { get; init; }
        public required string ServingNetworkName { get; init; }
        public required string AuthType { get; init; }
        public required DateTimeOffset Expires { get; init; }
        public byte[] XresStar { get; init; } = [];
        public byte[] Kausf { get; init; } = [];
        // EAP-AKA'
        public byte[] Xres { get; init; } = [];
        public byte[] Rand { get; init; } = [];
        public byte[] KAut { get; init; } = [];
        public byte[] Emsk { get; init; } = [];
        public byte Identifier { get; init; }
        public int Rounds { get; init; }
        public int Done;
    }

    public int ActiveContexts => _contexts.Count;

    public async Task<Result<UEAuthenticationCtx>> AuthenticateAsync(AuthenticationInfo info, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(info);
        return await StartAsync(info.SupiOrSuci, info.ServingNetworkName, info.ResynchronizationInfo, 0, ct).ConfigureAwait(false);
    }

    private async Task<Result<UEAuthenticationCtx>> StartAsync(string supiOrSuci, string snn, ResynchronizationInfo? resync, int rounds, CancellationToken ct)
    {
        Purge();
        Result<AuthenticationInfoResult> r = await udm.GenerateAuthDataAsync(supiOrSuci,
            new AuthenticationInfoRequest { ServingNetworkName = snn, AusfInstanceId = ausfInstanceId, ResynchronizationInfo = resync }, ct).ConfigureAwait(false);
        if (!r.IsOk)
        {
            return r.Problem!;
        }
        AuthenticationInfoResult result = r.Value!;
        AuthenticationVector? av = result.AuthenticationVector;
        if (av is null || result.Supi is null)
        {
            return Problems.UpstreamServerError("the UDM returned no authentication vector or SUPI");
        }
        string id = Guid.NewGuid().ToString("N");
        DateTimeOffset expires = _time.GetUtcNow() + ContextLifetime;
        byte[] rand = Convert.FromHexString(av.Rand);
        byte[] autn = Convert.FromHexString(av.Autn);

        if (av.AvType == AvTypes.FiveGHeAka && av.XresStar is not null && av.Kausf is not null)
        {
            byte[] xresStar = Convert.FromHexString(av.XresStar);
            byte[] hxresStar = new byte[16];
            KeyHierarchy.HxresStar(rand, xresStar, hxresStar);
            _contexts[id] = new AuthContext
            {
                Supi = result.Supi,
                SupiOrSuci = supiOrSuci,
                ServingNetworkName = snn,
                AuthType = AuthTypes.FiveGAka,
                Expires = expires,
                XresStar = xresStar,
                Kausf = Convert.FromHexString(av.Kausf),
            };
            var data = new Av5gAka { Rand = av.Rand, HxresStar = Convert.ToHexString(hxresStar), Autn = av.Autn };
            return Result<UEAuthenticationCtx>.Created(new UEAuthenticationCtx
            {
                AuthType = AuthTypes.FiveGAka,
                FiveGAuthData = System.Text.Json.JsonSerializer.SerializeToElement(data, SbiJsonContext.Default.Av5gAka),
                Links = new Dictionary<string, LinkValue>(StringComparer.Ordinal) { ["5g-aka"] = new LinkValue { Href = $"{ApiRoot}/ue-authentications/{id}/5g-aka-confirmation" } },
                ServingNetworkName = snn,
            }, $"{ApiRoot}/ue-authentications/{id}");
        }
        if (av.AvType == AvTypes.EapAkaPrime && av.Xres is not null && av.CkPrime is not null && av.IkPrime is not null)
        {
            byte[] kEncr = new byte[EapAkaPrimeKeys.KEncrLength];
            byte[] kAut = new byte[EapAkaPrimeKeys.KAutLength];
            byte[] kRe = new byte[EapAkaPrimeKeys.KReLength];
            byte[] msk = new byte[EapAkaPrimeKeys.MskLength];
            byte[] emsk = new byte[EapAkaPrimeKeys.EmskLength];
            // TS 33.501 §6.1.3.1: the identity in the key derivation is the SUPI (its IMSI digits, the permanent identity).
            EapAkaPrimeKeys.Derive(Convert.FromHexString(av.CkPrime), Convert.FromHexString(av.IkPrime), EapAkaPrimePacket.KeyIdentity(result.Supi), kEncr, kAut, kRe, msk, emsk);
            byte identifier = (byte)RandomNumberGenerator.GetInt32(256);
            byte[] challenge = EapAkaPrimePacket.BuildChallenge(identifier, rand, autn, snn, kAut);
            _contexts[id] = new AuthContext
            {
                Supi = result.Supi,
                SupiOrSuci = supiOrSuci,
                ServingNetworkName = snn,
                AuthType = AuthTypes.EapAkaPrime,
                Expires = expires,
                Xres = Convert.FromHexString(av.Xres),
                Rand = rand,
                KAut = kAut,
                Emsk = emsk,
                Identifier = identifier,
                Rounds = rounds,
            };
            return Result<UEAuthenticationCtx>.Created(new UEAuthenticationCtx
            {
                AuthType = AuthTypes.EapAkaPrime,
                FiveGAuthData = System.Text.Json.JsonSerializer.SerializeToElement(Convert.ToBase64String(challenge), SbiJsonContext.Default.String),
                Links = new Dictionary<string, LinkValue>(StringComparer.Ordinal) { ["eap-session"] = new LinkValue { Href = $"{ApiRoot}/ue-authentications/{id}/eap-session" } },
                ServingNetworkName = snn,
            }, $"{ApiRoot}/ue-authentications/{id}");
        }
        return Problems.UpstreamServerError("the UDM returned an incomplete authentication vector");
    }

    /// <summary>TS 33.501 §6.1.3.2 steps 9-11: compare HRES*-verified RES* with XRES*; derive KSEAF on success.</summary>
    public async Task<Result<ConfirmationDataResponse>> Confirm5gAkaAsync(string authCtxId, ConfirmationData data, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!_contexts.TryGetValue(authCtxId, out AuthContext? ctx) || ctx.AuthType != AuthTypes.FiveGAka || ctx.Expires < _time.GetUtcNow())
        {
            return Problems.ContextNotFound("no 5G-AKA authentication context " + authCtxId);
        }
        byte[]? resStar = TryHex(data.ResStar, 16);
        if (resStar is null)
        {
            return Problems.MandatoryIeIncorrect("resStar must be 32 hex digits", "/resStar");
        }
        if (Interlocked.Exchange(ref ctx.Done, 1) != 0)
        {
            return Problems.ContextNotFound("authentication context already confirmed");
        }
        _contexts.TryRemove(authCtxId, out _);
        bool ok = CryptographicOperations.FixedTimeEquals(resStar, ctx.XresStar);
        await ReportAsync(ctx, ok, ct).ConfigureAwait(false);
        if (!ok)
        {
            return Result<ConfirmationDataResponse>.Ok(new ConfirmationDataResponse { AuthResult = AuthResults.Failure });
        }
        byte[] kseaf = new byte[32];
        KeyHierarchy.Kseaf(ctx.Kausf, ctx.ServingNetworkName, kseaf);
        CryptographicOperations.ZeroMemory(ctx.Kausf);
        return Result<ConfirmationDataResponse>.Ok(new ConfirmationDataResponse { AuthResult = AuthResults.Success, Supi = ctx.Supi, Kseaf = Convert.ToHexString(kseaf) });
    }

    /// <summary>TS 29.509 §5.2.2.2.3 / TS 33.501 §6.1.3.1: one EAP round: check AT_MAC and RES, answer EAP-Success / Failure.</summary>
    public async Task<Result<EapSession>> EapSessionAsync(string authCtxId, EapSession session, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!_contexts.TryGetValue(authCtxId, out AuthContext? ctx) || ctx.AuthType != AuthTypes.EapAkaPrime || ctx.Expires < _time.GetUtcNow())
        {
            return Problems.ContextNotFound("no EAP-AKA' authentication context " + authCtxId);
        }
        byte[] packet;
        try
        {
            packet = Convert.FromBase64String(session.EapPayload);
        }
        catch (FormatException)
        {
            return Problems.MandatoryIeIncorrect("eapPayload is not base64", "/eapPayload");
        }
        if (!EapAkaPrimePacket.TryParse(packet, out EapAkaPrimeMessage resp, out string error) || resp.Code != EapAkaPrimePacket.CodeResponse
            || resp.Identifier != ctx.Identifier)
        {
            return Problems.MandatoryIeIncorrect("eapPayload: " + (error.Length > 0 ? error : "not the response to the request"), "/eapPayload");
        }
        if (Interlocked.Exchange(ref ctx.Done, 1) != 0)
        {
            return Problems.ContextNotFound("authentication context already completed");
        }
        _contexts.TryRemove(authCtxId, out _);
        if (resp.Subtype == EapAkaPrimePacket.SubtypeSynchronizationFailure && resp.Auts is not null && ctx.Rounds == 0)
        {
            // RFC 9048 / TS 33.501 §6.1.3.3: the UE saw a stale SQN; ask the UDM to resynchronise and send a new challenge.
            return await ResyncAsync(ctx, resp, ct).ConfigureAwait(false);
        }
        bool ok = resp.Subtype == EapAkaPrimePacket.SubtypeChallenge && resp.Res is not null && resp.MacOffset > 0 && EapAkaPrimePacket.MacValid(packet, resp.MacOffset, ctx.KAut)
            && CryptographicOperations.FixedTimeEquals(resp.Res, ctx.Xres);
        await ReportAsync(ctx, ok, ct).ConfigureAwait(false);
        if (!ok)
        {
            return Result<EapSession>.Ok(new EapSession { EapPayload = Convert.ToBase64String(EapAkaPrimePacket.Failure(resp.Identifier)), AuthResult = AuthResults.Failure });
        }
        // TS 33.501 §6.1.3.1 step 10: KAUSF = EMSK[0..255], KSEAF from KAUSF.
        byte[] kausf = new byte[32];
        EapAkaPrimeKeys.Kausf(ctx.Emsk, kausf);
        byte[] kseaf = new byte[32];
        KeyHierarchy.Kseaf(kausf, ctx.ServingNetworkName, kseaf);
        CryptographicOperations.ZeroMemory(kausf);
        return Result<EapSession>.Ok(new EapSession
        {
            EapPayload = Convert.ToBase64String(EapAkaPrimePacket.Success(resp.Identifier)),
            KSeaf = Convert.ToHexString(kseaf),
            AuthResult = AuthResults.Success,
            Supi = ctx.Supi,
        });
    }

    private async Task<Result<EapSession>> ResyncAsync(AuthContext ctx, EapAkaPrimeMessage resp, CancellationToken ct)
    {
        var resync = new ResynchronizationInfo { Rand = Convert.ToHexString(ctx.Rand), Auts = Convert.ToHexString(resp.Auts!) };
        Result<UEAuthenticationCtx> again = await StartAsync(ctx.Supi, ctx.ServingNetworkName, resync, ctx.Rounds + 1, ct).ConfigureAwait(false);
        if (!again.IsOk)
        {
            await ReportAsync(ctx, false, ct).ConfigureAwait(false);
            return Result<EapSession>.Ok(new EapSession { EapPayload = Convert.ToBase64String(EapAkaPrimePacket.Failure(resp.Identifier)), AuthResult = AuthResults.Failure });
        }
        return Result<EapSession>.Ok(new EapSession
        {
            EapPayload = again.Value!.FiveGAuthData.GetString()!,
            Links = again.Value.Links,
            AuthResult = AuthResults.Ongoing,
        });
    }

    private async Task ReportAsync(AuthContext ctx, bool success, CancellationToken ct)
    {
        // TS 33.501 §6.1.4: the AUSF informs the UDM of the result (Nudm_UEAU_ResultConfirmation).
        await udm.ConfirmAsync(ctx.Supi, new AuthEvent
        {
            NfInstanceId = ausfInstanceId,
            Success = success,
            TimeStamp = _time.GetUtcNow(),
            AuthType = ctx.AuthType,
            ServingNetworkName = ctx.ServingNetworkName,
        }, ct).ConfigureAwait(false);
    }

    public Result<UEAuthenticationCtx> Delete(string authCtxId) =>
        _contexts.TryRemove(authCtxId, out _) ? Result<UEAuthenticationCtx>.NoContent() : Problems.ContextNotFound("no authentication context " + authCtxId);

    private void Purge()
    {
        if (_contexts.Count < 1024)
        {
            return;
        }
        DateTimeOffset now = _time.GetUtcNow();
        foreach (var (id, c) in _contexts)
        {
            if (c.Expires < now)
            {
                _contexts.TryRemove(id, out _);
            }
        }
    }

    private static byte[]? TryHex(string s, int len)
    {
        if (s.Length != len * 2)
        {
            return null;
        }
        try
        {
            return Convert.FromHexString(s);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
