// TS 33.501 §6.1.3.2 (AUSF and ARPF side of 5G-AKA), §6.1.3.1 (EAP-AKA') and §6.1.3.3.2 (re-synchronisation), in memory, on the real
// Milenage/KDF functions of GlassCore.Security, for AMF procedure tests.
using System.Collections.Concurrent;
using GlassCore.Amf.Sbi;
using GlassCore.Security;

namespace GlassCore.Amf.Tests;

internal sealed class FakeAusf : IAusfClient, IDisposable
{
    private static readonly byte[] AmfField = [0x80, 0x00];
    private readonly ConcurrentDictionary<string, Subscriber> _subscribers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Supi, byte[] XresStar, byte[] Kseaf)> _contexts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EapContext> _eapContexts = new(StringComparer.Ordinal);
    private readonly SqnFreshnessPolicy _policy = new();

    private sealed record EapContext(string Supi, string Snn, byte Identifier, byte[] Rand, byte[] Xres, byte[] KAut, byte[] Emsk);
    private int _resynchronisations;
    private int _authentications;

    public FakeAusf(SuciDeconcealer deconcealer) => Deconcealer = deconcealer;

    public SuciDeconcealer Deconcealer { get; }

    public int Resynchronisations => Volatile.Read(ref _resynchronisations);

    /// <summary>Authenticate calls (each a new 5G-AKA challenge).</summary>
    public int Authentications => Volatile.Read(ref _authentications);

    public sealed class Subscriber(byte[] k, byte[] opc, ulong sqnHe, bool eapAkaPrime)
    {
        public bool EapAkaPrime { get; } = eapAkaPrime;
        public byte[] K { get; } = k;
        public byte[] Opc { get; } = opc;
        public ulong SqnHe { get; set; } = sqnHe;
    }

    public void Add(string supi, byte[] k, byte[] opc, ulong sqnHe = 0, bool eapAkaPrime = false) => _subscribers[supi] = new Subscriber(k, opc, sqnHe, eapAkaPrime);

    public Task<AusfResult<AusfChallenge>> AuthenticateAsync(string supiOrSuci, string servingNetworkName, ResynchronisationInfo? resync, CancellationToken ct)
    {
        Interlocked.Increment(ref _authentications);
        // The EAP re-synchronisation round starts again from the SUPI the first round found.
        string supi = supiOrSuci;
        if (!supiOrSuci.StartsWith("imsi-", StringComparison.Ordinal) && !Deconcealer.TryDeconceal(supiOrSuci, out supi, out _))
        {
            return Task.FromResult<AusfResult<AusfChallenge>>(new AusfProblem(403, "DECONCEALMENT_FAILURE"));
        }
        if (!_subscribers.TryGetValue(supi, out var sub))
        {
            return Task.FromResult<AusfResult<AusfChallenge>>(new AusfProblem(404, "USER_NOT_FOUND"));
        }
        var rand = new byte[16];
        Span<byte> sqn = stackalloc byte[6];
        lock (sub)
        {
            if (resync is not null)
            {
                if (!Resynchronisation.TryRecoverSqnMs(sub.K, sub.Opc, resync.Rand, resync.Auts, out ulong sqnMs))
                {
                    return Task.FromResult<AusfResult<AusfChallenge>>(new AusfProblem(403, "AUTHENTICATION_REJECTED"));
                }
                Interlocked.Increment(ref _resynchronisations);
                sub.SqnHe = _policy.Resynchronise(sub.SqnHe, sqnMs);
            }
            sub.SqnHe = _policy.Next(sub.SqnHe);
            Sqn.Write(sub.SqnHe, sqn);
        }
        System.Security.Cryptography.RandomNumberGenerator.Fill(rand);
        Span<byte> mac = stackalloc byte[8];
        Span<byte> res = stackalloc byte[8];
        Span<byte> ck = stackalloc byte[16];
        Span<byte> ik = stackalloc byte[16];
        Span<byte> ak = stackalloc byte[6];
        Milenage.F1(sub.K, sub.Opc, rand, sqn, AmfField, mac);
        Milenage.F2345(sub.K, sub.Opc, rand, res, ck, ik, ak);
        var autn = new byte[16];
        KeyHierarchy.Autn(sqn, ak, AmfField, mac, autn);
        string id = Guid.NewGuid().ToString("N");
        if (sub.EapAkaPrime)
        {
            Span<byte> ckPrime = stackalloc byte[16];
            Span<byte> ikPrime = stackalloc byte[16];
            KeyHierarchy.CkIkPrime(ck, ik, servingNetworkName, autn.AsSpan(0, 6), ckPrime, ikPrime);
            byte[] kEncr = new byte[16], kAut = new byte[32], kRe = new byte[32], msk = new byte[64], emsk = new byte[64];
            EapAkaPrimeKeys.Derive(ckPrime, ikPrime, EapAkaPrimePacket.KeyIdentity(supi), kEncr, kAut, kRe, msk, emsk);
            byte identifier = (byte)System.Security.Cryptography.RandomNumberGenerator.GetInt32(256);
            _eapContexts[id] = new EapContext(supi, servingNetworkName, identifier, rand, res.ToArray(), kAut, emsk);
            byte[] challenge = EapAkaPrimePacket.BuildChallenge(identifier, rand, autn, servingNetworkName, kAut);
            return Task.FromResult<AusfResult<AusfChallenge>>(AusfChallenge.Eap(challenge, $"http://ausf.test/nausf-auth/v1/ue-authentications/{id}/eap-session"));
        }
        var xresStar = new byte[16];
        KeyHierarchy.ResStar(ck, ik, servingNetworkName, rand, res, xresStar);
        var hxresStar = new byte[16];
        KeyHierarchy.HxresStar(rand, xresStar, hxresStar);
        Span<byte> kausf = stackalloc byte[32];
        KeyHierarchy.Kausf(ck, ik, servingNetworkName, autn.AsSpan(0, 6), kausf);
        var kseaf = new byte[32];
        KeyHierarchy.Kseaf(kausf, servingNetworkName, kseaf);
        _contexts[id] = (supi, xresStar, kseaf);
        return Task.FromResult<AusfResult<AusfChallenge>>(new AusfChallenge(rand, autn, hxresStar, $"http://ausf.test/nausf-auth/v1/ue-authentications/{id}/5g-aka-confirmation"));
    }

    public Task<AusfResult<AusfConfirmation>> ConfirmAsync(string confirmationUri, byte[] resStar, CancellationToken ct)
    {
        string id = confirmationUri.Split('/')[^2];
        if (!_contexts.TryRemove(id, out var c))
        {
            return Task.FromResult<AusfResult<AusfConfirmation>>(new AusfProblem(404, "CONTEXT_NOT_FOUND"));
        }
        bool ok = AkaChecks.ResStarMatches(c.XresStar, resStar);
        return Task.FromResult<AusfResult<AusfConfirmation>>(ok ? new AusfConfirmation(true, c.Supi, c.Kseaf) : new AusfConfirmation(false, null, null));
    }

    /// <summary>The AUSF's EAP round (TS 33.501 §6.1.3.1 steps 7-9; §6.1.3.3.2 through AKA'-Synchronization-Failure).</summary>
    public async Task<AusfResult<AusfEapResult>> EapSessionAsync(string eapSessionUri, byte[] eapResponse, CancellationToken ct)
    {
        string id = eapSessionUri.Split('/')[^2];
        if (!_eapContexts.TryRemove(id, out var c))
        {
            return new AusfProblem(404, "CONTEXT_NOT_FOUND");
        }
        if (!EapAkaPrimePacket.TryParse(eapResponse, out EapAkaPrimeMessage m, out _) || m.Code != EapAkaPrimePacket.CodeResponse || m.Identifier != c.Identifier)
        {
            return new AusfProblem(400, "MANDATORY_IE_INCORRECT");
        }
        if (m.Subtype == EapAkaPrimePacket.SubtypeSynchronizationFailure && m.Auts is { } auts)
        {
            var again = await AuthenticateAsync(c.Supi, c.Snn, new ResynchronisationInfo(c.Rand, auts), ct);
            return again.IsOk
                ? new AusfEapResult("AUTHENTICATION_ONGOING", again.Value!.EapMessage!, null, null, again.Value.ConfirmationUri)
                : new AusfEapResult("AUTHENTICATION_FAILURE", EapAkaPrimePacket.Failure(m.Identifier), null, null, null);
        }
        bool ok = m.Subtype == EapAkaPrimePacket.SubtypeChallenge && m.Res is { } res && EapAkaPrimePacket.MacValid(eapResponse, m.MacOffset, c.KAut)
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(res, c.Xres);
        if (!ok)
        {
            return new AusfEapResult("AUTHENTICATION_FAILURE", EapAkaPrimePacket.Failure(m.Identifier), null, null, null);
        }
        var kausf = new byte[32];
        EapAkaPrimeKeys.Kausf(c.Emsk, kausf);
        var kseaf = new byte[32];
        KeyHierarchy.Kseaf(kausf, c.Snn, kseaf);
        return new AusfEapResult("AUTHENTICATION_SUCCESS", EapAkaPrimePacket.Success(m.Identifier), c.Supi, kseaf, null);
    }

    public void Dispose() => Deconcealer.Dispose();
}
