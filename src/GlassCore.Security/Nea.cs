// TS 33.501 Annex D.2 (128-NEA1/2/3 = TS 33.401 B.1 128-EEA1/2/3) and NEA0: NAS and AS ciphering with LENGTH in bits.
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace GlassCore.Security;

/// <summary>
/// Ciphering in place: the keystream for (KEY, COUNT, BEARER, DIRECTION) is XORed over the first LENGTH bits of
/// <c>data</c>, so encryption and decryption are the same call. The bits after LENGTH in the last byte are cleared;
/// bytes after it are not touched. Bad arguments (key not 16 bytes, BEARER over 31, DIRECTION over 1, LENGTH past the
/// buffer) throw <see cref="ArgumentException"/>: they are caller bugs, not peer input.
/// </summary>
public static class Nea
{
    public static void Apply(NasCipheringAlgorithm algorithm, ReadOnlySpan<byte> key, uint count, byte bearer, byte direction, Span<byte> data, long bitLength)
    {
        int n = AlgorithmInputs.Check(key, bearer, direction, data.Length, bitLength, algorithm != NasCipheringAlgorithm.Nea0);
        Span<byte> d = data[..n];
        switch (algorithm)
        {
            case NasCipheringAlgorithm.Nea0:
                break;
            case NasCipheringAlgorithm.Nea1:
                Nea1(key, count, bearer, direction, d);
                break;
            case NasCipheringAlgorithm.Nea2:
                Nea2(key, count, bearer, direction, d);
                break;
            case NasCipheringAlgorithm.Nea3:
                Nea3(key, count, bearer, direction, d);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unknown NEA");
        }
        AlgorithmInputs.ClearTail(d, bitLength);
    }

    /// <summary>Whole-byte messages (every NAS message): LENGTH = 8 × data.Length.</summary>
    public static void Apply(NasCipheringAlgorithm algorithm, ReadOnlySpan<byte> key, uint count, byte bearer, byte direction, Span<byte> data) =>
        Apply(algorithm, key, count, bearer, direction, data, (long)data.Length * 8);

    // 128-EEA1 (B.1.2) = UEA2 f8: IV3 = COUNT, IV2 = BEARER || DIRECTION || 0^26, IV1 = COUNT, IV0 = IV2; CK's first word is k3.
    private static void Nea1(ReadOnlySpan<byte> key, uint count, byte bearer, byte direction, Span<byte> data)
    {
        uint bd = ((uint)bearer << 27) | ((uint)direction << 26);
        var snow = new Snow3G(
            BinaryPrimitives.ReadUInt32BigEndian(key[12..]), BinaryPrimitives.ReadUInt32BigEndian(key[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(key[4..]), BinaryPrimitives.ReadUInt32BigEndian(key),
            bd, count, bd, count);
        XorWords(ref snow, data);
        snow = default;
    }

    private static void XorWords(ref Snow3G snow, Span<byte> data)
    {
        int i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(data[i..], BinaryPrimitives.ReadUInt32BigEndian(data[i..]) ^ snow.Next());
        }
        if (i < data.Length)
        {
            uint z = snow.Next();
            for (int j = 0; i < data.Length; i++, j++)
            {
                data[i] ^= (byte)(z >> (24 - (8 * j)));
            }
        }
    }

    // 128-EEA2 (B.1.3): AES-CTR, T1 = COUNT || BEARER || DIRECTION || 0^26 || 0^64.
    private static void Nea2(ReadOnlySpan<byte> key, uint count, byte bearer, byte direction, Span<byte> data)
    {
        Span<byte> t1 = stackalloc byte[16];
        t1.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(t1, count);
        t1[4] = (byte)((bearer << 3) | (direction << 2));
        var aes = new Aes128(key);
        aes.CtrXor(t1, data);
        aes.Clear();
    }

    // 128-EEA3 (EEA3 spec §3): IV0..3 = COUNT, IV4 = BEARER || DIRECTION || 00, IV5..7 = 0, IV8..15 = IV0..7.
    private static void Nea3(ReadOnlySpan<byte> key, uint count, byte bearer, byte direction, Span<byte> data)
    {
        Span<byte> iv = stackalloc byte[16];
        iv.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(iv, count);
        iv[4] = (byte)((bearer << 3) | (direction << 2));
        iv[..8].CopyTo(iv[8..]);
        var zuc = new Zuc(key, iv);
        int i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(data[i..], BinaryPrimitives.ReadUInt32BigEndian(data[i..]) ^ zuc.Next());
        }
        if (i < data.Length)
        {
            uint z = zuc.Next();
            for (int j = 0; i < data.Length; i++, j++)
            {
                data[i] ^= (byte)(z >> (24 - (8 * j)));
            }
        }
        zuc = default;
        CryptographicOperations.ZeroMemory(iv);
    }
}
