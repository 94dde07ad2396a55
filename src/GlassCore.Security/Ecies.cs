// TS 33.501 Annex C.3 (ECIES for SUCI): ECDH, ANSI X9.63 KDF with SHA-256, AES-128-CTR and HMAC-SHA-256 tag (64 bits).
using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace GlassCore.Security;

/// <summary>The ECIES pieces shared by concealment and de-concealment, both profiles.</summary>
internal static class Ecies
{
    public const int MacTagLength = 8;
    public const int ProfileAKeyLength = 32;
    public const int CompressedPointLength = 33;
    public const int UncompressedPointLength = 65;

    /// <summary>
    /// Keying data of C.3.4.1/C.3.4.2: X9.63 KDF(Z, SharedInfo1 = ephemeral public key as sent) → 64 bytes =
    /// encryption key (16) | ICB (16) | MAC key (32).
    /// </summary>
    public static void DeriveKeys(ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> sharedInfo1, Span<byte> keying64)
    {
        Span<byte> input = stackalloc byte[32 + 4 + UncompressedPointLength];
        int n = sharedSecret.Length + 4 + sharedInfo1.Length;
        sharedSecret.CopyTo(input);
        sharedInfo1.CopyTo(input[(sharedSecret.Length + 4)..]);
        for (uint counter = 1; counter <= 2; counter++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(input[sharedSecret.Length..], counter);
            SHA256.HashData(input[..n], keying64[(int)((counter - 1) * 32)..]);
        }
        CryptographicOperations.ZeroMemory(input);
    }

    /// <summary>Ciphertext = AES-128-CTR(enc key, ICB, plaintext), tag = HMAC-SHA-256(MAC key, ciphertext)[0..8].</summary>
    public static void Seal(ReadOnlySpan<byte> keying64, ReadOnlySpan<byte> plaintext, Span<byte> ciphertextAndTag)
    {
        Span<byte> ct = ciphertextAndTag[..plaintext.Length];
        plaintext.CopyTo(ct);
        var aes = new Aes128(keying64[..16]);
        aes.CtrXor(keying64.Slice(16, 16), ct);
        aes.Clear();
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(keying64[32..], ct, mac);
        mac[..MacTagLength].CopyTo(ciphertextAndTag[plaintext.Length..]);
    }

    /// <summary>Checks the tag in constant time and decrypts; false (output untouched) when the tag does not match.</summary>
    public static bool Open(ReadOnlySpan<byte> keying64, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(keying64[32..], ciphertext, mac);
        if (!CryptographicOperations.FixedTimeEquals(mac[..MacTagLength], tag))
        {
            return false;
        }
        ciphertext.CopyTo(plaintext);
        var aes = new Aes128(keying64[..16]);
        aes.CtrXor(keying64.Slice(16, 16), plaintext[..ciphertext.Length]);
        aes.Clear();
        return true;
    }

    /// <summary>Profile A: X25519; false when the shared secret is all zero (a small-order public key).</summary>
    public static bool X25519Agreement(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey, Span<byte> shared32) =>
        X25519.CalculateAgreement(privateKey, publicKey, shared32);

    public static void X25519PublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey32) =>
        X25519.ScalarMultBase(privateKey, publicKey32);
}

/// <summary>
/// secp256r1 points for Profile B. .NET's ECDiffieHellman does the agreement but imports only affine (X, Y) points,
/// so compressed points (02/03 || X) are decompressed with BouncyCastle's dedicated secp256r1 field arithmetic (its
/// square root is far cheaper than a generic BigInteger.ModPow). Decoding also rejects points that are not on the
/// curve, so an invalid-curve point never reaches the agreement.
/// </summary>
internal static class P256
{
    private static readonly Org.BouncyCastle.Math.EC.ECCurve s_curve = Org.BouncyCastle.Crypto.EC.CustomNamedCurves.GetByName("secp256r1").Curve;

    /// <summary>X and Y (32 bytes each) of a compressed or uncompressed SEC1 point; false if malformed or not on the curve.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> point, Span<byte> x, Span<byte> y)
    {
        bool shapeOk = (point.Length == Ecies.CompressedPointLength && point[0] is 0x02 or 0x03)
            || (point.Length == Ecies.UncompressedPointLength && point[0] == 0x04);
        if (!shapeOk)
        {
            return false;
        }
        Org.BouncyCastle.Math.EC.ECPoint p;
        try
        {
            p = s_curve.DecodePoint(point.ToArray()).Normalize();
        }
        catch (ArgumentException)
        {
            return false; // x >= p, no square root (no point with this x), or (x, y) not on the curve
        }
        if (p.IsInfinity)
        {
            return false;
        }
        p.AffineXCoord.EncodeTo(x);
        p.AffineYCoord.EncodeTo(y);
        return true;
    }

    /// <summary>The compressed form 02/03 || X of an affine point.</summary>
    public static void Compress(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, Span<byte> compressed33)
    {
        compressed33[0] = (byte)(0x02 | (y[31] & 1));
        x.CopyTo(compressed33[1..]);
    }

    public static ECParameters PublicParameters(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y) => new()
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = x.ToArray(), Y = y.ToArray() },
    };
}
