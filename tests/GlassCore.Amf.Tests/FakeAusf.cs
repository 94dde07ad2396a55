// TS 33.501 §6.1.3.2 (AUSF and ARPF side of 5G-AKA) and §6.1.3.3.2 (re-synchronisation), in memory, on the real
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
    private readonly SqnFreshnessPolicy _policy = new();
    private int _resynchronisations;
    private int _authentications;

    public FakeAusf(SuciDeconcealer deconcealer) => Deconcealer = deconcealer;

    public SuciDeconcealer Deconcealer { get; }

    public int Resynchronisations => Volatile.Read(ref _resynchronisations);

    /// <summary>Authenticate calls (each a new 5G-AKA challenge).</summary>
    public int Authentications => Volatile.Read(ref _authentications);

    public sealed class Subscriber(byte[] k, byte[] opc, ulong sqnHe)
    {
        public byte[] K { get; } = k;
        public byte[] Opc { get; } = opc;
        public ulong SqnHe { get; set; } = sqnHe;
    }

    public void Add(string supi, byte[] k, byte[] opc, ulong sqnHe = 0) => _subscribers[supi] = new Subscriber(k, opc, sqnHe);

    public Task<AusfResult<AusfChallenge>> AuthenticateAsync(string supiOrSuci, string servingNetworkName, ResynchronisationInfo? resync, CancellationToken ct)
    {
        Interlocked.Increment(ref _authentications);
        if (!Deconcealer.TryDeconceal(supiOrSuci, out string supi, out _))
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
        var xresStar = new byte[16];
        KeyHierarchy.ResStar(ck, ik, servingNetworkName, rand, res, xresStar);
        var hxresStar = new byte[16];
        KeyHierarchy.HxresStar(rand, xresStar, hxresStar);
        Span<byte> kausf = stackalloc byte[32];
        KeyHierarchy.Kausf(ck, ik, servingNetworkName, autn.AsSpan(0, 6), kausf);
        var kseaf = new byte[32];
        KeyHierarchy.Kseaf(kausf, servingNetworkName, kseaf);
        string id = Guid.NewGuid().ToString("N");
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

    public void Dispose() => Deconcealer.Dispose();
}
