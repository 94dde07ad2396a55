// TS 33.102 §6.3.3 and §6.3.5: AUTS = SQN_MS xor AK* || MAC-S, built by the USIM and checked by the home network.
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace GlassCore.Security;

/// <summary>Re-synchronisation of the sequence number after a synch failure (AUTS is 14 bytes).</summary>
public static class Resynchronisation
{
    public const int AutsLength = 14;

    /// <summary>The AMF assumed in MAC-S: a dummy of all zeros (TS 33.102 §6.3.3), so the real AMF need not be sent.</summary>
    public static ReadOnlySpan<byte> ResyncAmf => [0, 0];

    /// <summary>
    /// Home network side: SQN_MS = (AUTS[0..5] xor f5*(RAND)) and MAC-S = f1*(SQN_MS, RAND, AMF 0000) checked in
    /// constant time. Returns false (and zeroes <paramref name="sqnMs"/>) when MAC-S does not match.
    /// </summary>
    public static bool TryRecoverSqnMs(ReadOnlySpan<byte> k, ReadOnlySpan<byte> opc, ReadOnlySpan<byte> rand, ReadOnlySpan<byte> auts, Span<byte> sqnMs)
    {
        Milenage.Check(auts, AutsLength, nameof(auts));
        Milenage.CheckOut(sqnMs, 6, nameof(sqnMs));
        Span<byte> akStar = stackalloc byte[6];
        Milenage.F5Star(k, opc, rand, akStar);
        for (int i = 0; i < 6; i++)
        {
            sqnMs[i] = (byte)(auts[i] ^ akStar[i]);
        }
        Span<byte> macS = stackalloc byte[8];
        Milenage.F1Star(k, opc, rand, sqnMs[..6], ResyncAmf, macS);
        if (CryptographicOperations.FixedTimeEquals(macS, auts[6..]))
        {
            return true;
        }
        sqnMs[..6].Clear();
        return false;
    }

    /// <summary><see cref="TryRecoverSqnMs(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/> with SQN_MS as a number.</summary>
    public static bool TryRecoverSqnMs(ReadOnlySpan<byte> k, ReadOnlySpan<byte> opc, ReadOnlySpan<byte> rand, ReadOnlySpan<byte> auts, out ulong sqnMs)
    {
        Span<byte> s = stackalloc byte[6];
        bool ok = TryRecoverSqnMs(k, opc, rand, auts, s);
        sqnMs = Sqn.ToUInt64(s);
        return ok;
    }

    /// <summary>USIM side (used by the UE simulator): AUTS = SQN_MS xor AK* || MAC-S.</summary>
    public static void BuildAuts(ReadOnlySpan<byte> k, ReadOnlySpan<byte> opc, ReadOnlySpan<byte> rand, ReadOnlySpan<byte> sqnMs, Span<byte> auts)
    {
        Milenage.Check(sqnMs, 6, nameof(sqnMs));
        Milenage.CheckOut(auts, AutsLength, nameof(auts));
        Span<byte> akStar = stackalloc byte[6];
        Milenage.F5Star(k, opc, rand, akStar);
        Milenage.F1Star(k, opc, rand, sqnMs, ResyncAmf, auts[6..]);
        for (int i = 0; i < 6; i++)
        {
            auts[i] = (byte)(sqnMs[i] ^ akStar[i]);
        }
    }
}

/// <summary>48-bit sequence numbers as bytes (big-endian, 6 bytes) and as numbers.</summary>
public static class Sqn
{
    public const ulong Max = (1UL << 48) - 1;

    public static ulong ToUInt64(ReadOnlySpan<byte> sqn)
    {
        Milenage.Check(sqn, 6, nameof(sqn));
        return ((ulong)BinaryPrimitives.ReadUInt16BigEndian(sqn) << 32) | BinaryPrimitives.ReadUInt32BigEndian(sqn[2..]);
    }

    public static void Write(ulong sqn, Span<byte> destination)
    {
        if (sqn > Max)
        {
            throw new ArgumentOutOfRangeException(nameof(sqn), "SQN has 48 bits");
        }
        Milenage.CheckOut(destination, 6, nameof(destination));
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(sqn >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)sqn);
    }
}
