// TS 29.244 §8.1.1 Figure 8.1.1-1/-2: reading IE headers, bounds-checked before every read.
using System.Buffers.Binary;

namespace GlassCore.Pfcp;

/// <summary>Walks the IEs of a message body or grouped IE value.</summary>
public ref struct PfcpIeReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _baseOffset;
    private int _position;

    public PfcpIeReader(ReadOnlySpan<byte> data, int baseOffset = 0)
    {
        _data = data;
        _baseOffset = baseOffset;
        _position = 0;
    }

    public readonly bool HasMore => _position < _data.Length;

    public readonly int Offset => _baseOffset + _position;

    public bool TryRead(out ushort type, out ushort enterpriseId, out ReadOnlySpan<byte> value, out int valueOffset, out PfcpDecodeError error)
    {
        enterpriseId = 0;
        value = default;
        valueOffset = 0;
        ReadOnlySpan<byte> rest = _data[_position..];
        if (rest.Length < 4)
        {
            type = rest.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(rest) : (ushort)0;
            error = new PfcpDecodeError(PfcpErrorKind.Ie, PfcpCause.InvalidLength, type, Offset, "truncated IE header");
            return false;
        }
        type = BinaryPrimitives.ReadUInt16BigEndian(rest);
        int length = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
        if (length > rest.Length - 4)
        {
            error = new PfcpDecodeError(PfcpErrorKind.Ie, PfcpCause.InvalidLength, type, Offset, $"IE {PfcpIeNames.Get(type)} length {length} exceeds the {rest.Length - 4} octets left");
            return false;
        }
        int start = 4;
        if (type >= 0x8000)
        {
            if (length < 2)
            {
                error = new PfcpDecodeError(PfcpErrorKind.Ie, PfcpCause.InvalidLength, type, Offset, "vendor-specific IE without Enterprise ID");
                return false;
            }
            enterpriseId = BinaryPrimitives.ReadUInt16BigEndian(rest[4..]);
            start = 6;
            length -= 2;
        }
        value = rest.Slice(start, length);
        valueOffset = Offset + start;
        _position += start + length;
        error = default;
        return true;
    }
}
