// TS 33.501 Annex C.3.4 agreements: libcrypto and managed keys against RFC 7748 §5.2/§6.1, the C.4 vectors and each other.
using System.Security.Cryptography;
using System.Text.Json;
using CsCheck;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace GlassCore.Security.Tests;

public class EciesKeyTests
{
    private static JsonElement Ecies(string id) => VectorFile.Find(VectorFile.Root("suci.json").GetProperty("ecies"), "id", id);

    public static TheoryData<string, bool> EciesSetsBothBackends
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (string id in VectorFile.Ids("suci.json", "ecies"))
            {
                data.Add(id, true);
                data.Add(id, false);
            }
            return data;
        }
    }

    [Fact]
    public void LibCrypto_IsFoundOnLinux()
    {
        // The fast path must not silently fall back on the platform the core is deployed on.
        if (OperatingSystem.IsLinux())
        {
            Assert.True(LibCrypto.IsAvailable);
        }
    }

    [Theory]
    [MemberData(nameof(EciesSetsBothBackends))]
    public void C4Vectors_PublicKeyAndSharedSecret(string id, bool native)
    {
        JsonElement v = Ecies(id);
        var scheme = (ProtectionScheme)v.GetProperty("protection_scheme_id").GetInt32();
        using EciesPrivateKey key = EciesPrivateKey.Create(scheme, v.Hex("home_network_private_key"), native);
        Assert.Equal(v.Str("home_network_public_key"), VectorFile.HexLower(key.PublicKey));
        var z = new byte[32];
        Assert.True(key.TryAgree(v.Hex("eph_public_key"), z));
        Assert.Equal(v.Str("eph_shared_key"), VectorFile.HexLower(z));
        if (scheme == ProtectionScheme.ProfileB)
        {
            // The uncompressed form of the same point gives the same secret.
            Assert.True(key.TryAgree(v.Hex("eph_public_key_uncompressed"), z));
            Assert.Equal(v.Str("eph_shared_key"), VectorFile.HexLower(z));
        }
    }

    [Theory]
    [MemberData(nameof(EciesSetsBothBackends))]
    public void C4Vectors_Deconceal(string id, bool native)
    {
        JsonElement v = Ecies(id);
        var scheme = (ProtectionScheme)v.GetProperty("protection_scheme_id").GetInt32();
        using var d = new SuciDeconcealer(allowNullScheme: false, preferNative: native);
        d.AddKey(scheme, 3, v.Hex("home_network_private_key"));
        bool imsi = v.Str("supi").StartsWith("imsi-", StringComparison.Ordinal);
        Suci suci = imsi
            ? new Suci(SupiType.Imsi, v.Str("mcc"), v.Str("mnc"), "0", scheme, 3, v.Hex("scheme_output"))
            : new Suci(SupiType.NetworkSpecificIdentifier, "", "", "0", scheme, 3, v.Hex("scheme_output"), "3gpp.com");
        Assert.True(d.TryDeconceal(suci, out string supi, out SuciError error), error.ToString());
        Assert.Equal(v.Str("supi"), supi);
    }

    private static byte[] X25519(ReadOnlySpan<byte> k, ReadOnlySpan<byte> u, bool native)
    {
        using EciesPrivateKey key = EciesPrivateKey.Create(ProtectionScheme.ProfileA, k, native);
        var z = new byte[32];
        Assert.True(key.TryAgree(u, z));
        return z;
    }

    // RFC 7748 §5.2: the two function vectors (the second has a non-canonical high bit in u that must be masked).
    [Theory]
    [InlineData(true, "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4", "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c", "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552")]
    [InlineData(false, "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4", "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c", "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552")]
    [InlineData(true, "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d", "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493", "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957")]
    [InlineData(false, "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d", "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493", "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957")]
    public void Rfc7748_FunctionVectors(bool native, string k, string u, string expected) =>
        Assert.Equal(expected, VectorFile.HexLower(X25519(Convert.FromHexString(k), Convert.FromHexString(u), native)));

    // RFC 7748 §5.2: k = u = 9, then k, u = X25519(k, u), k; after 1 and 1,000 iterations.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rfc7748_Iterated(bool native)
    {
        byte[] k = new byte[32], u = new byte[32];
        k[0] = 9;
        u[0] = 9;
        for (int i = 1; i <= 1000; i++)
        {
            byte[] next = X25519(k, u, native);
            u = k;
            k = next;
            if (i == 1)
            {
                Assert.Equal("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079", VectorFile.HexLower(k));
            }
        }
        Assert.Equal("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51", VectorFile.HexLower(k));
    }

    // RFC 7748 §6.1: Alice's and Bob's key pairs and their shared secret.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rfc7748_DiffieHellman(bool native)
    {
        byte[] alicePrivate = Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] bobPrivate = Convert.FromHexString("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        using EciesPrivateKey alice = EciesPrivateKey.Create(ProtectionScheme.ProfileA, alicePrivate, native);
        using EciesPrivateKey bob = EciesPrivateKey.Create(ProtectionScheme.ProfileA, bobPrivate, native);
        Assert.Equal("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", VectorFile.HexLower(alice.PublicKey));
        Assert.Equal("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", VectorFile.HexLower(bob.PublicKey));
        var z1 = new byte[32];
        var z2 = new byte[32];
        Assert.True(alice.TryAgree(bob.PublicKey, z1));
        Assert.True(bob.TryAgree(alice.PublicKey, z2));
        Assert.Equal("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", VectorFile.HexLower(z1));
        Assert.Equal(z1, z2);
    }

    // Points of small order (and their non-canonical encodings) give the all-zero secret, rejected per RFC 7748 §6.1.
    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")]
    [InlineData("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157")]
    [InlineData("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    [InlineData("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    [InlineData("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")]
    public void X25519_SmallOrderPoints_Rejected(string u)
    {
        byte[] k = Ecies("C.4.3.1").Hex("home_network_private_key");
        foreach (bool native in new[] { true, false })
        {
            using EciesPrivateKey key = EciesPrivateKey.Create(ProtectionScheme.ProfileA, k, native);
            var z = new byte[32];
            Assert.False(key.TryAgree(Convert.FromHexString(u), z), native ? "libcrypto" : "managed");
        }
    }

    [Fact]
    public void X25519_WrongLength_Rejected()
    {
        using EciesPrivateKey key = EciesPrivateKey.Create(ProtectionScheme.ProfileA, new byte[32], true);
        Assert.False(key.TryAgree(new byte[31], new byte[32]));
        Assert.False(key.TryAgree(new byte[33], new byte[32]));
    }

    [Fact]
    public void X25519_Differential_LibCryptoAgreesWithBouncyCastle()
    {
        // Any 32 bytes are a u-coordinate (non-canonical ones included), so random keys and random peers cover the
        // whole input space; both sides must agree on the value and on the rejection.
        Gen.Select(Gen.Byte.Array[32], Gen.Byte.Array[32]).Sample((k, u) =>
        {
            using EciesPrivateKey native = EciesPrivateKey.Create(ProtectionScheme.ProfileA, k, true);
            using EciesPrivateKey managed = EciesPrivateKey.Create(ProtectionScheme.ProfileA, k, false);
            Assert.Equal(managed.PublicKey.ToArray(), native.PublicKey.ToArray());
            byte[] z1 = new byte[32], z2 = new byte[32];
            Assert.Equal(managed.TryAgree(u, z2), native.TryAgree(u, z1));
            Assert.Equal(z2, z1);
            // And against BouncyCastle's raw function on a fresh peer key.
            byte[] peerPublic = new byte[32];
            Org.BouncyCastle.Math.EC.Rfc7748.X25519.ScalarMultBase(u, peerPublic);
            byte[] z3 = new byte[32];
            Assert.True(native.TryAgree(peerPublic, z1));
            Assert.True(Org.BouncyCastle.Math.EC.Rfc7748.X25519.CalculateAgreement(u, native.PublicKey, z3));
            Assert.Equal(z3, z1);
        }, iter: 200);
    }

    [Fact]
    public void P256_Differential_LibCryptoAgreesWithDotNet()
    {
        Gen.Int[0, 3].Sample(form =>
        {
            using var hn = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            using var eph = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
            byte[] d = hn.ExportParameters(true).D!;
            ECParameters q = eph.ExportParameters(false);
            byte[] point = form == 0
                ? [0x04, .. q.Q.X!, .. q.Q.Y!]
                : [(byte)(0x02 | (q.Q.Y![31] & 1)), .. q.Q.X!];
            using EciesPrivateKey native = EciesPrivateKey.Create(ProtectionScheme.ProfileB, d, true);
            using EciesPrivateKey managed = EciesPrivateKey.Create(ProtectionScheme.ProfileB, d, false);
            Assert.Equal(managed.PublicKey.ToArray(), native.PublicKey.ToArray());
            byte[] z1 = new byte[32], z2 = new byte[32];
            Assert.True(native.TryAgree(point, z1));
            Assert.True(managed.TryAgree(point, z2));
            Assert.Equal(z2, z1);
            Assert.Equal(eph.DeriveRawSecretAgreement(hn.PublicKey), z1);
        }, iter: 60);
    }

    [Fact]
    public void P256_RandomBytes_SameVerdictBothBackends()
    {
        // Random X: about half have no point (rejected by both); random uncompressed (X, Y) are never on the curve.
        byte[] d = Ecies("C.4.4.1").Hex("home_network_private_key");
        using EciesPrivateKey native = EciesPrivateKey.Create(ProtectionScheme.ProfileB, d, true);
        using EciesPrivateKey managed = EciesPrivateKey.Create(ProtectionScheme.ProfileB, d, false);
        int accepted = 0;
        Gen.Select(Gen.Byte[0, 5], Gen.Byte.Array[32], Gen.Byte.Array[32]).Sample((prefix, x, y) =>
        {
            byte[] point = prefix == 4 ? [prefix, .. x, .. y] : [prefix, .. x];
            byte[] z1 = new byte[32], z2 = new byte[32];
            bool ok = native.TryAgree(point, z1);
            Assert.Equal(managed.TryAgree(point, z2), ok);
            Assert.Equal(z2, z1);
            Assert.False(ok && prefix is not (2 or 3), "only a compressed random X can be a point");
            if (ok)
            {
                Interlocked.Increment(ref accepted);
            }
        }, iter: 300);
        Assert.InRange(accepted, 1, 299);
    }

    [Fact]
    public void P256_BadPrivateKeys_Rejected()
    {
        byte[] n = Convert.FromHexString("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
        foreach (bool native in new[] { true, false })
        {
            Assert.Throws<ArgumentException>(() => EciesPrivateKey.Create(ProtectionScheme.ProfileB, new byte[32], native));
            Assert.Throws<ArgumentException>(() => EciesPrivateKey.Create(ProtectionScheme.ProfileB, n, native));
            Assert.Throws<ArgumentException>(() => EciesPrivateKey.Create(ProtectionScheme.ProfileB, new byte[31], native));
        }
    }

    [Fact]
    public void Deconceal_AllocatesOnlyTheSupi()
    {
        JsonElement a = Ecies("C.4.3.1"), b = Ecies("C.4.4.1");
        using var d = new SuciDeconcealer();
        d.AddKey(ProtectionScheme.ProfileA, 1, a.Hex("home_network_private_key"));
        d.AddKey(ProtectionScheme.ProfileB, 2, b.Hex("home_network_private_key"));
        var sa = new Suci(SupiType.Imsi, a.Str("mcc"), a.Str("mnc"), "0", ProtectionScheme.ProfileA, 1, a.Hex("scheme_output"));
        var sb = new Suci(SupiType.Imsi, b.Str("mcc"), b.Str("mnc"), "0", ProtectionScheme.ProfileB, 2, b.Hex("scheme_output"));
        Assert.True(d.TryDeconceal(sa, out string supiA, out _));
        Assert.True(d.TryDeconceal(sb, out _, out _));
        long supiBytes = GC.GetAllocatedBytesForCurrentThread();
        _ = new string(supiA.AsSpan());
        supiBytes = GC.GetAllocatedBytesForCurrentThread() - supiBytes;
        long least = long.MaxValue;
        for (int round = 0; round < 10; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            d.TryDeconceal(sa, out _, out _);
            d.TryDeconceal(sb, out _, out _);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(2 * supiBytes, least);
    }
}
