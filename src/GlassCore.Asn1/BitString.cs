// X.680 §22 BIT STRING value: the bits, first bit in the most significant bit of the first octet.
namespace GlassCore.Asn1;

/// <summary>An immutable BIT STRING: <see cref="Bytes"/> holds <see cref="Length"/> bits, MSB first, unused trailing bits zero.</summary>
public sealed class BitString : IEquatable<BitString>
{
    public BitString(byte[] bytes, int length)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (bytes.Length != (length + 7) / 8)
        {
            throw new ArgumentException($"{length} bits need {(length + 7) / 8} bytes, got {bytes.Length}", nameof(bytes));
        }
        Bytes = bytes;
        Length = length;
    }

    /// <summary>A whole-octet bit string.</summary>
    public BitString(byte[] bytes) : this(bytes ?? throw new ArgumentNullException(nameof(bytes)), bytes.Length * 8)
    {
    }

    public byte[] Bytes { get; }

    public int Length { get; }

    public bool this[int bit] => (Bytes[bit >> 3] & (0x80 >> (bit & 7))) != 0;

    /// <summary>The first <paramref name="bits"/> bits (up to 64) as an unsigned number.</summary>
    public ulong ToUInt64()
    {
        ulong v = 0;
        for (int i = 0; i < Length && i < 64; i++)
        {
            v = (v << 1) | (this[i] ? 1UL : 0UL);
        }
        return v;
    }

    public static BitString FromUInt64(ulong value, int length)
    {
        if (length is < 0 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }
        var bytes = new byte[(length + 7) / 8];
        for (int i = 0; i < length; i++)
        {
            if (((value >> (length - 1 - i)) & 1) != 0)
            {
                bytes[i >> 3] |= (byte)(0x80 >> (i & 7));
            }
        }
        return new BitString(bytes, length);
    }

    public bool Equals(BitString? other) =>
        other is not null && other.Length == Length && Bytes.AsSpan().SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => Equals(obj as BitString);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Length);
        h.AddBytes(Bytes);
        return h.ToHashCode();
    }

    public override string ToString() => $"{Convert.ToHexStringLower(Bytes)}/{Length}";
}
