// Issue 2 §5 SUCI targets (TS 33.501 Annex C.3/C.4): Profile A ≥ 20k and Profile B ≥ 10k de-concealments/s on one core.
using BenchmarkDotNet.Attributes;
using GlassCore.Security;

namespace GlassCore.Benchmarks;

/// <summary>
/// De-concealment end to end, its parts (the agreement alone, the KDF + HMAC + AES-CTR alone), and the managed
/// agreements the libcrypto path replaced, so one run shows where the time goes and what changed.
/// </summary>
[MemoryDiagnoser]
public class SuciBenchmarks : IDisposable
{
    // TS 33.501 C.4.3 / C.4.4 home network keys and scheme outputs.
    private static readonly byte[] s_privateA = Convert.FromHexString("c53c22208b61860b06c62e5406a7b330c2b577aa5558981510d128247d38bd1d");
    private static readonly byte[] s_privateB = Convert.FromHexString("f1ab1074477ebcc7f554ea1c5fc368b1616730155e0041ac447d6301975fecda");

    private SuciDeconcealer _deconcealer = null!, _managed = null!;
    private EciesPrivateKey _keyA = null!, _keyB = null!;
    private Suci _suciA, _suciB;
    private byte[] _ephemeralA = null!, _ephemeralB = null!;
    private readonly byte[] _shared = new byte[32], _keying = new byte[64], _plaintext = new byte[16];

    [GlobalSetup]
    public void Setup()
    {
        _deconcealer = new SuciDeconcealer();
        _deconcealer.AddKey(ProtectionScheme.ProfileA, 1, s_privateA);
        _deconcealer.AddKey(ProtectionScheme.ProfileB, 2, s_privateB);
        _managed = new SuciDeconcealer(allowNullScheme: true, preferNative: false);
        _managed.AddKey(ProtectionScheme.ProfileA, 1, s_privateA);
        _managed.AddKey(ProtectionScheme.ProfileB, 2, s_privateB);
        _keyA = EciesPrivateKey.Create(ProtectionScheme.ProfileA, s_privateA);
        _keyB = EciesPrivateKey.Create(ProtectionScheme.ProfileB, s_privateB);
        _suciA = Suci.Parse("suci-0-274-012-0-1-1-b2e92f836055a255837debf850b528997ce0201cb82adfe4be1f587d07d8457dcb02352410cddd9e730ef3fa87");
        _suciB = Suci.Parse("suci-0-274-012-0-2-2-039aab8376597021e855679a9778ea0b67396e68c66df32c0f41e9acca2da9b9d146a33fc2716ac7dae96aa30a4d");
        _ephemeralA = _suciA.SchemeOutput[..32].ToArray();
        _ephemeralB = _suciB.SchemeOutput[..33].ToArray();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _deconcealer?.Dispose();
        _managed?.Dispose();
        _keyA?.Dispose();
        _keyB?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Profile A de-concealment (target ≥ 20k/s: ≤ 50 µs).</summary>
    [Benchmark]
    public bool DeconcealProfileA() => _deconcealer.TryDeconceal(_suciA, out _, out _);

    /// <summary>Profile B de-concealment (target ≥ 10k/s: ≤ 100 µs).</summary>
    [Benchmark]
    public bool DeconcealProfileB() => _deconcealer.TryDeconceal(_suciB, out _, out _);

    /// <summary>Profile A with BouncyCastle's X25519 (the session-1 path; used where libcrypto 3 is missing).</summary>
    [Benchmark]
    public bool DeconcealProfileA_Managed() => _managed.TryDeconceal(_suciA, out _, out _);

    /// <summary>Profile B with .NET's ECDiffieHellman (the session-1 path; used where libcrypto 3 is missing).</summary>
    [Benchmark]
    public bool DeconcealProfileB_Managed() => _managed.TryDeconceal(_suciB, out _, out _);

    /// <summary>The X25519 agreement alone (libcrypto).</summary>
    [Benchmark]
    public bool X25519Agreement() => _keyA.TryAgree(_ephemeralA, _shared);

    /// <summary>The P-256 agreement alone, compressed point (libcrypto).</summary>
    [Benchmark]
    public bool P256Agreement() => _keyB.TryAgree(_ephemeralB, _shared);

    /// <summary>The symmetric rest: X9.63 KDF, HMAC-SHA-256 tag check, AES-128-CTR over a 5-byte MSIN.</summary>
    [Benchmark]
    public bool KdfMacAndCtr()
    {
        Ecies.DeriveKeys(_shared, _ephemeralB, _keying);
        ReadOnlySpan<byte> output = _suciB.SchemeOutput;
        return Ecies.Open(_keying, output[33..^8], output[^8..], _plaintext);
    }
}
