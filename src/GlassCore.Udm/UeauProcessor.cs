// TS 29.503 §5.4 Nudm_UEAU: Get (generate-auth-data: SUCI de-concealment, SQN step, Milenage, 5G HE AV or
// EAP-AKA' AV per TS 33.501 §6.1.3, re-synchronisation per TS 33.102 §6.3.5) and ResultConfirmation (auth-events).
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;
using GlassCore.Security;

namespace GlassCore.Udm;

public sealed partial class UeauProcessor(UdrClient udr, SuciResolver suci, SqnFreshnessPolicy sqnPolicy, AuthenticationSubscriptionCache? cache = null) : IDisposable
{
    private readonly AuthenticationSubscriptionCache _cache = cache ?? new AuthenticationSubscriptionCache(TimeSpan.Zero);

    // Authentications of one SUPI in this UDM take turns on a striped lock, so they do not race each other through
    // the UDR's compare-and-set; the CAS still keeps several UDM instances (or processes) from reusing an SQN.
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Compare-and-set attempts before giving up on a subscriber under heavy concurrent authentication.</summary>
    internal const int MaxSqnAttempts = 200;

    // TS 24.501 §9.12.1 serving network name: "5G:mnc<MNC>.mcc<MCC>.3gppnetwork.org" (optionally ":<NID>").
    [GeneratedRegex("^5G:mnc[0-9]{3}\\.mcc[0-9]{3}\\.3gppnetwork\\.org(:[0-9A-Fa-f]{11})?$")]
    private static partial Regex ServingNetworkNameRegex();

    public static bool IsServingNetworkName(string snn) => ServingNetworkNameRegex().IsMatch(snn);

    public async Task<Result<AuthenticationInfoResult>> GenerateAuthDataAsync(string supiOrSuci, AuthenticationInfoRequest req, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (!IsServingNetworkName(req.ServingNetworkName))
        {
            return Problems.MandatoryIeIncorrect("servingNetworkName is not a TS 24.501 serving network name", "/servingNetworkName");
        }
        byte[]? resyncRand = null;
        byte[]? auts = null;
        if (req.ResynchronizationInfo is { } ri)
        {
            resyncRand = Hex(ri.Rand, 16);
            auts = Hex(ri.Auts, Resynchronisation.AutsLength);
            if (resyncRand is null || auts is null)
            {
                return Problems.OptionalIeIncorrect("resynchronizationInfo: rand is 32 and auts 28 hex digits", "/resynchronizationInfo");
            }
        }
        Result<string> supiResult = suci.Resolve(supiOrSuci);
        if (!supiResult.IsOk)
        {
            return supiResult.Problem!;
        }
        string supi = supiResult.Value!;
        SemaphoreSlim stripe = _stripes[(StringComparer.Ordinal.GetHashCode(supi) & int.MaxValue) % _stripes.Length];
        await stripe.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await StepSqnAndBuildAsync(supi, req, resyncRand, auts, ct).ConfigureAwait(false);
        }
        finally
        {
            stripe.Release();
        }
    }

    private async Task<Result<AuthenticationInfoResult>> StepSqnAndBuildAsync(string supi, AuthenticationInfoRequest req, byte[]? resyncRand, byte[]? auts, CancellationToken ct)
    {
        for (int attempt = 0; attempt < MaxSqnAttempts; attempt++)
        {
            // A re-synchronisation always reads the UDR: AUTS is checked against the current K and SQN_HE.
            AuthenticationSubscriptionCache.Entry? sub = auts is null ? _cache.TryGet(supi) : null;
            bool cached = sub is not null;
            if (sub is null)
            {
                Result<AuthenticationSubscriptionCache.Entry> read = await ReadAsync(supi, ct).ConfigureAwait(false);
                if (!read.IsOk)
                {
                    return read.Problem!;
                }
                sub = read.Value!;
            }
            ulong baseSqn = sub.Sqn;
            if (auts is not null)
            {
                // TS 33.102 §6.3.5: a verified AUTS moves SQN_HE; a wrong MAC-S rejects the request.
                if (!Resynchronisation.TryRecoverSqnMs(sub.K, sub.Opc, resyncRand, auts, out ulong sqnMs))
                {
                    return Problems.AuthenticationRejected("MAC-S in AUTS does not verify");
                }
                baseSqn = sqnPolicy.Resynchronise(sub.Sqn, sqnMs);
            }
            ulong next = sqnPolicy.Next(baseSqn);
            Result<AuthenticationSubscription> cas = await udr.CompareAndSetSqnAsync(supi, Sqn12(sub.Sqn), Sqn12(next), ct, cached ? (sub.K, sub.Opc) : null).ConfigureAwait(false);
            if (cas.Status == 409)
            {
                // Another authentication of this subscriber (in another UDM) took the SQN first, or the remembered keys
                // were re-provisioned: read again, step again.
                _cache.Forget(supi);
                if (!cached)
                {
                    await Task.Delay(Random.Shared.Next(0, 1 + Math.Min(attempt, 20)), ct).ConfigureAwait(false);
                }
                continue;
            }
            if (!cas.IsOk)
            {
                _cache.Forget(supi);
                return cas.Problem!.Status == 404 ? Problems.UserNotFound("no subscriber " + supi) : cas.Problem!;
            }
            _cache.Set(supi, sub with { Sqn = next });
            return Result<AuthenticationInfoResult>.Ok(new AuthenticationInfoResult
            {
                AuthType = sub.AuthenticationMethod,
                AuthenticationVector = BuildVector(sub.AuthenticationMethod, sub.K, sub.Opc, sub.Amf, next, req.ServingNetworkName),
                Supi = supi,
            });
        }
        return Problems.NfServiceFailure("SQN update contention: too many concurrent authentications of " + supi);
    }

    private static string Sqn12(ulong sqn) => sqn.ToString("X12", CultureInfo.InvariantCulture);

    /// <summary>Nudr_DR GET authentication-subscription, checked and decoded once.</summary>
    private async Task<Result<AuthenticationSubscriptionCache.Entry>> ReadAsync(string supi, CancellationToken ct)
    {
        Result<AuthenticationSubscription> subR = await udr.GetAuthenticationSubscriptionAsync(supi, ct).ConfigureAwait(false);
        if (!subR.IsOk)
        {
            return subR.Problem!.Status == 404 ? Problems.UserNotFound("no subscriber " + supi) : subR.Problem!;
        }
        AuthenticationSubscription sub = subR.Value!;
        byte[]? k = Hex(sub.EncPermanentKey, 16);
        byte[]? opc = Hex(sub.EncOpcKey, 16);
        byte[]? amf = Hex(sub.AuthenticationManagementField, 2);
        string? sqnHex = sub.SequenceNumber?.Sqn;
        if (k is null || opc is null || amf is null || sqnHex is null
            || !ulong.TryParse(sqnHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong sqnHe) || sqnHe > Sqn.Max)
        {
            return Problems.Make(403, "AUTHENTICATION_REJECTED", "the authentication subscription lacks K, OPc, AMF or SQN");
        }
        if (sub.AuthenticationMethod is not (AuthTypes.FiveGAka or AuthTypes.EapAkaPrime))
        {
            return Problems.Make(501, "UNSUPPORTED_AUTH_METHOD", "authentication method " + sub.AuthenticationMethod);
        }
        return Result<AuthenticationSubscriptionCache.Entry>.Ok(new AuthenticationSubscriptionCache.Entry(k, opc, amf, sub.AuthenticationMethod, sqnHe, _cache.Now));
    }

    /// <summary>TS 33.501 §6.1.3.2.0 (5G HE AV: RAND, AUTN, XRES*, KAUSF) and §6.1.3.1 (RAND, AUTN, XRES, CK', IK').</summary>
    internal static AuthenticationVector BuildVector(string authType, ReadOnlySpan<byte> k, ReadOnlySpan<byte> opc, ReadOnlySpan<byte> amf, ulong sqn, string snn)
    {
        Span<byte> rand = stackalloc byte[16];
        RandomNumberGenerator.Fill(rand);
        Span<byte> sqnBytes = stackalloc byte[6];
        Sqn.Write(sqn, sqnBytes);
        Span<byte> macA = stackalloc byte[8];
        Span<byte> res = stackalloc byte[8];
        Span<byte> ck = stackalloc byte[16];
        Span<byte> ik = stackalloc byte[16];
        Span<byte> ak = stackalloc byte[6];
        Milenage.F1(k, opc, rand, sqnBytes, amf, macA);
        Milenage.F2345(k, opc, rand, res, ck, ik, ak);
        Span<byte> sqnXorAk = stackalloc byte[6];
        for (int i = 0; i < 6; i++)
        {
            sqnXorAk[i] = (byte)(sqnBytes[i] ^ ak[i]);
        }
        Span<byte> autn = stackalloc byte[16];
        KeyHierarchy.Autn(sqnBytes, ak, amf, macA, autn);
        try
        {
            if (authType == AuthTypes.EapAkaPrime)
            {
                Span<byte> ckPrime = stackalloc byte[16];
                Span<byte> ikPrime = stackalloc byte[16];
                KeyHierarchy.CkIkPrime(ck, ik, snn, sqnXorAk, ckPrime, ikPrime);
                return new AuthenticationVector
                {
                    AvType = AvTypes.EapAkaPrime,
                    Rand = Convert.ToHexString(rand),
                    Autn = Convert.ToHexString(autn),
                    Xres = Convert.ToHexString(res),
                    CkPrime = Convert.ToHexString(ckPrime),
                    IkPrime = Convert.ToHexString(ikPrime),
                };
            }
            Span<byte> xresStar = stackalloc byte[16];
            Span<byte> kausf = stackalloc byte[32];
            KeyHierarchy.ResStar(ck, ik, snn, rand, res, xresStar);
            KeyHierarchy.Kausf(ck, ik, snn, sqnXorAk, kausf);
            return new AuthenticationVector
            {
                AvType = AvTypes.FiveGHeAka,
                Rand = Convert.ToHexString(rand),
                Autn = Convert.ToHexString(autn),
                XresStar = Convert.ToHexString(xresStar),
                Kausf = Convert.ToHexString(kausf),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ck);
            CryptographicOperations.ZeroMemory(ik);
        }
    }

    /// <summary>TS 29.503 §5.4.2.3 ResultConfirmation: the AUSF reports the outcome; stored as the UDR's authentication status.</summary>
    public async Task<Result<AuthEvent>> ConfirmAuthAsync(string supi, AuthEvent evt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(evt);
        if (!supi.StartsWith("imsi-", StringComparison.Ordinal))
        {
            return Problems.MandatoryIeIncorrect("supi must be imsi-…", "supi");
        }
        if (!evt.Success)
        {
            // The UE did not prove the K this UDM used: read K and OPc afresh next time (they may have been re-provisioned).
            _cache.Forget(supi);
        }
        Result<AuthEvent> r = await udr.PutAuthenticationStatusAsync(supi, evt, ct).ConfigureAwait(false);
        if (!r.IsOk)
        {
            return r.Problem!.Status == 404 ? Problems.UserNotFound("no subscriber " + supi) : r.Problem!;
        }
        string id = Guid.NewGuid().ToString("N");
        return Result<AuthEvent>.Created(evt, $"/nudm-ueau/v1/{supi}/auth-events/{id}");
    }

    public void Dispose()
    {
        foreach (SemaphoreSlim s in _stripes)
        {
            s.Dispose();
        }
    }

    private static byte[]? Hex(string? value, int length)
    {
        if (value is null || value.Length != length * 2)
        {
            return null;
        }
        try
        {
            return Convert.FromHexString(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
