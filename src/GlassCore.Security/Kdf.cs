// TS 33.220 Annex B.2: the generic key derivation function KDF(Key, S) = HMAC-SHA-256(Key, FC || P0 || L0 || ... ).
using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace GlassCore.Security;

/// <summary>
/// The 3GPP KDF. Every overload writes the full 32-byte HMAC-SHA-256 output to <c>output</c> (which must hold at
/// least 32 bytes); the 128-bit keys of TS 33.501 A.8 are the last 16 of them, which <see cref="KeyHierarchy"/> takes.
/// Each Pi is written with its 2-byte big-endian length Li, so a Pi is at most 65535 bytes.
/// The fixed-arity overloads (0-4 parameters) allocate nothing; the <see cref="ReadOnlySpan{T}"/> of arrays form
/// is for tools that build a variable list.
/// </summary>
public static class Kdf
{
    public const int OutputLength = 32;

    private const int StackLimit = 512;

    public static void Derive(ReadOnlySpan<byte> key, byte fc, Span<byte> output) =>
        Derive(key, fc, output, 0, [], [], [], []);

    public static void Derive(ReadOnlySpan<byte> key, byte fc, Span<byte> output, ReadOnlySpan<byte> p0) =>
        Derive(key, fc, output, 1, p0, [], [], []);

    public static void Derive(ReadOnlySpan<byte> key, byte fc, Span<byte> output, ReadOnlySpan<byte> p0, ReadOnlySpan<byte> p1) =>
        Derive(key, fc, output, 2, p0, p1, [], []);

    public static void Derive(ReadOnlySpan<byte> key, byte fc, Span<byte> output, ReadOnlySpan<byte> p0, ReadOnlySpan<byte> p1, ReadOnlySpan<byte> p2) =>
        Derive(key, fc, output, 3, p0, p1, p2, []);

    public static void Derive(ReadOnlySpan<byte> key, byte fc, Span<byte> output, ReadOnlySpan<byte> p0, ReadOnlySpan<byte> p1, ReadOnlySpan<byte> p2, ReadOnlySpan<byte> p3) =>
        Derive(key, fc, output, 4, p0, p1, p2, p3);

    /// <summary>Any number of parameters (for `glasscore tools kdf` and derivations not named in <see cref="KeyHierarchy"/>).</summary>
    public static void Derive(ReadOnlySpan<byte> key, byte fc, Span<byte> output, params ReadOnlySpan<byte[]> parameters)
    {
        CheckOutput(output);
        int length = 1;
        foreach (byte[] p in parameters)
        {
            ArgumentNullException.ThrowIfNull(p);
            CheckParameter(p.Length);
            length += p.Length + 2;
        }
        byte[] rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Span<byte> s = rented.AsSpan(0, length);
            s[0] = fc;
            int at = 1;
            foreach (byte[] p in parameters)
            {
                at = Append(s, at, p);
            }
            HMACSHA256.HashData(key, s, output[..OutputLength]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rented.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void Derive(ReadOnlySpan<byte> key, byte fc, Span<byte> output, int count, ReadOnlySpan<byte> p0, ReadOnlySpan<byte> p1, ReadOnlySpan<byte> p2, ReadOnlySpan<byte> p3)
    {
        CheckOutput(output);
        CheckParameter(p0.Length);
        CheckParameter(p1.Length);
        CheckParameter(p2.Length);
        CheckParameter(p3.Length);
        int length = 1 + (count * 2) + p0.Length + p1.Length + p2.Length + p3.Length;
        byte[]? rented = null;
        Span<byte> s = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        s = s[..length];
        s[0] = fc;
        int at = 1;
        if (count > 0)
        { at = Append(s, at, p0); }
        if (count > 1)
        { at = Append(s, at, p1); }
        if (count > 2)
        { at = Append(s, at, p2); }
        if (count > 3)
        { Append(s, at, p3); }
        HMACSHA256.HashData(key, s, output[..OutputLength]);
        CryptographicOperations.ZeroMemory(s);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Append(Span<byte> s, int at, ReadOnlySpan<byte> p)
    {
        p.CopyTo(s[at..]);
        at += p.Length;
        BinaryPrimitives.WriteUInt16BigEndian(s[at..], (ushort)p.Length);
        return at + 2;
    }

    private static void CheckOutput(Span<byte> output)
    {
        if (output.Length < OutputLength)
        {
            throw new ArgumentException($"the KDF writes {OutputLength} bytes; output has {output.Length}", nameof(output));
        }
    }

    private static void CheckParameter(int length)
    {
        if (length > ushort.MaxValue)
        {
            throw new ArgumentException("a KDF parameter is at most 65535 bytes (its length field has 2 bytes)");
        }
    }
}
