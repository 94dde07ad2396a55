// X.680 §23 OCTET STRING with a fixed SIZE of at most 8 octets (PLMNIdentity, TAC, SST, SD, GTP-TEID), held inline.
using System.Collections;
using System.Runtime.CompilerServices;

namespace GlassCore.Asn1;

/// <summary>
/// A fixed-size OCTET STRING of up to <see cref="MaxLength"/> octets stored in the value itself, not in an array: a
/// decoded NGSetupRequest has several per tracking area, and as arrays they were a third of its objects. Built like an
/// array (<c>Tac = [0, 0, 1]</c>, or from a <c>byte[]</c>); <see cref="ToArray"/> or the conversion to <c>byte[]</c> copies.
/// </summary>
[CollectionBuilder(typeof(FixedOctetString), nameof(Create))]
public readonly struct FixedOctetString : IEquatable<FixedOctetString>, IReadOnlyList<byte>
{
    public const int MaxLength = 8;

    // The first octet is the most significant byte; the unused low bytes are zero.
    private readonly ulong _octets;
    private readonly byte _length;

    public FixedOctetString(ReadOnlySpan<byte> octets)
    {
        if (octets.Length > MaxLength)
        {
            throw new ArgumentException($"{octets.Length} octets; at most {MaxLength} fit", nameof(octets));
        }
        ulong v = 0;
        for (int i = 0; i < octets.Length; i++)
        {
            v |= (ulong)octets[i] << (56 - (8 * i));
        }
        _octets = v;
        _length = (byte)octets.Length;
    }

    private FixedOctetString(ulong leftAligned, int length)
    {
        _octets = leftAligned;
        _length = (byte)length;
    }

    public static FixedOctetString Create(ReadOnlySpan<byte> octets) => new(octets);

    /// <summary>The low <paramref name="length"/> octets of <paramref name="value"/>, most significant first.</summary>
    public static FixedOctetString FromUInt64(ulong value, int length)
    {
        if (length is < 0 or > MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }
        return new FixedOctetString(length == 0 ? 0 : value << (64 - (8 * length)), length);
    }

    public static FixedOctetString FromByteArray(byte[] octets)
    {
        ArgumentNullException.ThrowIfNull(octets);
        return new FixedOctetString(octets);
    }

    public int Length => _length;

    int IReadOnlyCollection<byte>.Count => _length;

    public byte this[int index] => (uint)index < _length ? (byte)(_octets >> (56 - (8 * index))) : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The octets as an unsigned number, first octet most significant (TAC 000001 is 1).</summary>
    public ulong ToUInt64() => _length == 0 ? 0 : _octets >> (64 - (8 * _length));

    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < _length)
        {
            throw new ArgumentException("destination too short", nameof(destination));
        }
        for (int i = 0; i < _length; i++)
        {
            destination[i] = (byte)(_octets >> (56 - (8 * i)));
        }
    }

    public byte[] ToArray()
    {
        var a = new byte[_length];
        CopyTo(a);
        return a;
    }

    public byte[] ToByteArray() => ToArray();

    public static implicit operator FixedOctetString(byte[] octets) => FromByteArray(octets);

    public static implicit operator FixedOctetString?(byte[]? octets)
    {
        if (octets is null)
        {
            return default(FixedOctetString?);
        }
        return new FixedOctetString(octets);
    }

    public static implicit operator byte[](FixedOctetString value) => value.ToArray();

    public static implicit operator byte[]?(FixedOctetString? value) => value?.ToArray();

    public bool Equals(FixedOctetString other) => _octets == other._octets && _length == other._length;

    public override bool Equals(object? obj) => obj is FixedOctetString other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_octets, _length);

    public static bool operator ==(FixedOctetString left, FixedOctetString right) => left.Equals(right);

    public static bool operator !=(FixedOctetString left, FixedOctetString right) => !left.Equals(right);

    public override string ToString() => _length == 0 ? "" : ToUInt64().ToString("x" + (2 * _length).ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<byte> IEnumerable<byte>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator : IEnumerator<byte>
    {
        private readonly FixedOctetString _value;
        private int _index;

        internal Enumerator(FixedOctetString value)
        {
            _value = value;
            _index = -1;
        }

        public readonly byte Current => _value[_index];

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++_index < _value.Length;

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}
