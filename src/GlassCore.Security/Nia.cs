// TS 33.501 Annex D.3 (128-NIA1/2/3 = TS 33.401 B.2 128-EIA1/2/3) and NIA0: the 32-bit NAS-MAC / MAC-I over LENGTH bits.
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace GlassCore.Security;

/// <summary>
/// Integrity: MAC over the first LENGTH bits of <c>message</c> (bits after LENGTH are ignored). NIA0 gives a MAC of
/// 32 zero bits (TS 33.501 D.1). Argument errors throw <see cref="ArgumentException"/> as in <see cref="Nea"/>.
/// Allocation-free.
/// </summary>
public static class Nia
{
    public static void ComputeMac(NasIntegrityAlgorithm algorithm, ReadOnlySpan<byte> key, uint count, byte bearer, byte direction, ReadOnlySpan<byte> message, long bitLength, Span<byte> mac)
    {
        int n = AlgorithmInputs.Check(key, bearer, direction, message.Length, bitLength, algorithm != NasIntegrityAlgorithm.Nia0);
        Milenage.CheckOut(mac, 4, nameof(mac));
        ReadOnlySpan<byte> m = message[..n];
        uint result = algorithm switch
        {
            NasIntegrityAlgorithm.Nia0 => 0,
            NasIntegrityAlgorithm.Nia1 => Nia1(key, count, bearer, direction, m, bitLength),
            NasIntegrityAlgorithm.Nia2 => Nia2(key, count, bearer, direction, m, bitLength),
            NasIntegrityAlgorithm.Nia3 => Nia3(key, count, bearer, direction, m, bitLength),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unknown NIA"),
        };
        BinaryPrimitives.WriteUInt32BigEndian(mac, result);
    }

    /// <summary>Whole-byte messages: LENGTH = 8 × message.Length.</summary>
    public static void ComputeMac(NasIntegrityAlgorithm algorithm, ReadOnlySpan<byte> key, uint count, byte bearer, byte direction, ReadOnlySpan<byte> message, Span<byte> mac) =>
        ComputeMac(algorithm, key, count, bearer, direction, message, (long)message.Length * 8, mac);

    /// <summary>Checks a received MAC in constant time.</summary>
    public static bool Verify(NasIntegrityAlgorithm algorithm, ReadOnlySpan<byte> key, uint count, byte bearer, byte direction, ReadOnlySpan<byte> message, long bitLength, ReadOnlySpan<byte> receivedMac)
    {
        Span<byte> mac = stackalloc byte[4];
        ComputeMac(algorithm, key, count, bearer, direction, message, bitLength, mac);
        return receivedMac.Length == 4 && CryptographicOperations.FixedTimeEquals(mac, receivedMac);
    }

    /// <summary>Whole-byte form of <see cref="Verify(NasIntegrityAlgorithm, ReadOnlySpan{byte}, uint, byte, byte, ReadOnlySpan{byte}, long, ReadOnlySpan{byte})"/>.</summary>
    public static bool Verify(NasIntegrityAlgorithm algorithm, ReadOnlySpan<byte> key, uint count, byte bearer, byte direction, ReadOnlySpan<byte> message, ReadOnlySpan<byte> receivedMac) =>
        Verify(algorithm, key, count, bearer, direction, message, (long)message.Length * 8, receivedMac);

    // 128-EIA1 (B.2.2) = UIA2 f9 with FRESH = BEARER || 0^27.
    private static uint Nia1(ReadOnlySpan<byte> key, uint count, byte bearer, byte direction, ReadOnlySpan<byte> message, long bitLength) =>
        Uia2(key, count, (uint)bearer << 27, direction, message, bitLength);

    /// <summary>UIA2 f9 (UEA2&amp;UIA2 Document 1 §4): evaluation of the message as a polynomial at P, then at Q.</summary>
    internal static uint Uia2(ReadOnlySpan<byte> key, uint count, uint fresh, byte direction, ReadOnlySpan<byte> message, long bitLength)
    {
        // IV3 = COUNT, IV2 = FRESH, IV1 = COUNT ^ DIRECTION << 31, IV0 = FRESH ^ DIRECTION << 15.
        var snow = new Snow3G(
            BinaryPrimitives.ReadUInt32BigEndian(key[12..]), BinaryPrimitives.ReadUInt32BigEndian(key[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(key[4..]), BinaryPrimitives.ReadUInt32BigEndian(key),
            fresh ^ ((uint)direction << 15), count ^ ((uint)direction << 31), fresh, count);
        ulong p = ((ulong)snow.Next() << 32) | snow.Next();
        ulong q = ((ulong)snow.Next() << 32) | snow.Next();
        uint otp = snow.Next();
        snow = default;

        ulong eval = 0;
        long blocks = (bitLength + 63) >> 6;
        for (long i = 0; i < blocks; i++)
        {
            eval = Mul64(eval ^ MessageBlock64(message, i, bitLength), p);
        }
        eval ^= (ulong)bitLength;
        eval = Mul64(eval, q);
        return (uint)(eval >> 32) ^ otp;
    }

    // The i-th 64-bit block of the message, zero past LENGTH.
    private static ulong MessageBlock64(ReadOnlySpan<byte> m, long i, long bitLength)
    {
        int start = (int)(i * 8);
        ulong v;
        if (start + 8 <= m.Length)
        {
            v = BinaryPrimitives.ReadUInt64BigEndian(m[start..]);
        }
        else
        {
            v = 0;
            for (int j = 0; start + j < m.Length; j++)
            {
                v |= (ulong)m[start + j] << (56 - (8 * j));
            }
        }
        long remaining = bitLength - (i * 64);
        if (remaining < 64)
        {
            v &= ~0UL << (int)(64 - remaining);
        }
        return v;
    }

    // Multiplication in GF(2^64) with reduction constant 0x1B (MUL64 of the UIA2 spec).
    private static ulong Mul64(ulong v, ulong p)
    {
        ulong r = 0;
        while (p != 0)
        {
            if ((p & 1) != 0)
            {
                r ^= v;
            }
            v = (v << 1) ^ ((v >> 63) * 0x1BUL);
            p >>= 1;
        }
        return r;
    }

    // 128-EIA2 (B.2.3): AES-CMAC (NIST SP 800-38B) over M = COUNT || BEARER || DIRECTION || 0^26 || MESSAGE,
    // exactly 64 + LENGTH bits; the MAC is the first 32 bits of the CMAC tag.
    private static uint Nia2(ReadOnlySpan<byte> key, uint count, byte bearer, byte direction, ReadOnlySpan<byte> message, long bitLength)
    {
        var aes = new Aes128(key);
        Span<byte> k1 = stackalloc byte[16];
        k1.Clear();
        aes.EncryptBlock(k1, k1);
        Dbl(k1);
        long totalBits = 64 + bitLength;
        long fullBlocks = totalBits >> 7;
        int tailBits = (int)(totalBits & 127);
        // The last block is "complete" only when the bit string fills it exactly; then K1, else 10* padding and K2.
        long lastIndex = tailBits == 0 ? fullBlocks - 1 : fullBlocks;

        Span<byte> state = stackalloc byte[16];
        state.Clear();
        Span<byte> block = stackalloc byte[16];
        // Block 0 = header || message[0..8]; block j >= 1 = message[16j - 8 .. 16j + 8].
        for (long j = 0; j < lastIndex;)
        {
            if (j == 0)
            {
                Header(count, bearer, direction, block);
                message[..8].CopyTo(block[8..]);
                aes.ChainBlock(state, block);
                j++;
                continue;
            }
            int start = (int)((j * 16) - 8);
            long run = lastIndex - j;
            int bytes = (int)Math.Min(run * 16, int.MaxValue & ~15);
            aes.CbcMac(state, message.Slice(start, bytes));
            j += bytes / 16;
        }

        // The last block: copy what remains, clear bits past LENGTH, then pad or not.
        block.Clear();
        Span<byte> h = stackalloc byte[8];
        Header(count, bearer, direction, h);
        long lastStartBit = lastIndex * 128;
        for (int b = 0; b < 16; b++)
        {
            long streamByte = (lastStartBit / 8) + b;
            if (streamByte < 8)
            {
                block[b] = h[(int)streamByte];
            }
            else if (streamByte - 8 < message.Length)
            {
                block[b] = message[(int)(streamByte - 8)];
            }
        }
        int lastBits = (int)(totalBits - lastStartBit);
        if (lastBits < 128)
        {
            int byteIndex = lastBits >> 3;
            int bit = lastBits & 7;
            block[byteIndex] &= (byte)(0xFF << (8 - bit));
            block[byteIndex] |= (byte)(0x80 >> bit);
            for (int b = byteIndex + 1; b < 16; b++)
            {
                block[b] = 0;
            }
            Dbl(k1); // K2 = dbl(K1)
        }
        for (int b = 0; b < 16; b++)
        {
            block[b] ^= k1[b];
        }
        aes.ChainBlock(state, block);
        aes.Clear();
        CryptographicOperations.ZeroMemory(k1);
        return BinaryPrimitives.ReadUInt32BigEndian(state);
    }

    private static void Header(uint count, byte bearer, byte direction, Span<byte> block)
    {
        BinaryPrimitives.WriteUInt32BigEndian(block, count);
        block[4] = (byte)((bearer << 3) | (direction << 2));
        block[5] = 0;
        block[6] = 0;
        block[7] = 0;
    }

    // Doubling in GF(2^128) for the CMAC subkeys: shift left one bit, xor 0x87 into the last byte on carry.
    private static void Dbl(Span<byte> b)
    {
        int carry = b[0] >> 7;
        for (int i = 0; i < 15; i++)
        {
            b[i] = (byte)((b[i] << 1) | (b[i + 1] >> 7));
        }
        b[15] = (byte)((b[15] << 1) ^ (carry * 0x87));
    }

    // 128-EIA3 (EIA3 spec §4): IV from COUNT, BEARER and DIRECTION; T accumulates z_i for every set message bit i.
    private static uint Nia3(ReadOnlySpan<byte> key, uint count, byte bearer, byte direction, ReadOnlySpan<byte> message, long bitLength)
    {
        Span<byte> iv = stackalloc byte[16];
        iv.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(iv, count);
        iv[4] = (byte)(bearer << 3);
        iv[..8].CopyTo(iv[8..]);
        iv[8] ^= (byte)(direction << 7);
        iv[14] ^= (byte)(direction << 7);
        var zuc = new Zuc(key, iv);

        // Keystream words ks[w], ks[w+1] give z_i for 32w <= i < 32w + 32; L = ceil(LENGTH/32) + 2 words in all.
        uint prev = 0;
        uint cur = zuc.Next();
        uint next = zuc.Next();
        uint t = 0;
        long words = (bitLength + 31) >> 5;
        for (long w = 0; w < words; w++)
        {
            int start = (int)(w * 4);
            uint mword = 0;
            for (int j = 0; j < 4 && start + j < message.Length; j++)
            {
                mword |= (uint)message[start + j] << (24 - (8 * j));
            }
            long remaining = bitLength - (w * 32);
            if (remaining < 32)
            {
                mword &= ~0U << (int)(32 - remaining);
            }
            ulong window = ((ulong)cur << 32) | next;
            while (mword != 0)
            {
                int j = System.Numerics.BitOperations.LeadingZeroCount(mword);
                t ^= (uint)(window >> (32 - j));
                mword &= ~(0x80000000u >> j);
            }
            prev = cur;
            cur = next;
            next = zuc.Next();
        }
        // Now prev = ks[words - 1], cur = ks[words], next = ks[words + 1] = ks[L - 1].
        int b = (int)(bitLength & 31);
        uint zLength = b == 0 ? cur : (prev << b) | (cur >> (32 - b));
        zuc = default;
        return t ^ zLength ^ next;
    }
}
