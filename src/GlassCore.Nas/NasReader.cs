// TS 24.007 §11.2 (standard L3 message format): a bounds-checked reader over one NAS message.
namespace GlassCore.Nas;

/// <summary>
/// Reads octets and length-prefixed values from a NAS message; every read checks the bounds first and
/// returns false instead of throwing. Values are handed out as slices of the caller's memory (no copies).
/// </summary>
public ref struct NasReader
{
    private readonly ReadOnlyMemory<byte> _memory;
    private readonly ReadOnlySpan<byte> _span;
    private int _offset;

    public NasReader(ReadOnlyMemory<byte> message)
    {
        _memory = message;
        _span = message.Span;
        _offset = 0;
    }

    public readonly int Offset => _offset;

    public readonly int Remaining => _span.Length - _offset;

    public readonly bool IsEmpty => _offset >= _span.Length;

    public readonly ReadOnlyMemory<byte> Whole => _memory;

    public readonly bool TryPeek(out byte value)
    {
        if (_offset < _span.Length)
        {
            value = _span[_offset];
            return true;
        }
        value = 0;
        return false;
    }

    public bool TryReadByte(out byte value)
    {
        if (_offset < _span.Length)
        {
            value = _span[_offset++];
            return true;
        }
        value = 0;
        return false;
    }

    public bool TryReadUInt16(out ushort value)
    {
        if (Remaining >= 2)
        {
            value = (ushort)(_span[_offset] << 8 | _span[_offset + 1]);
            _offset += 2;
            return true;
        }
        value = 0;
        return false;
    }

    public bool TryReadSlice(int length, out ReadOnlyMemory<byte> value)
    {
        if (length >= 0 && Remaining >= length)
        {
            value = _memory.Slice(_offset, length);
            _offset += length;
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>The rest of the message.</summary>
    public ReadOnlyMemory<byte> ReadRest()
    {
        var rest = _memory[_offset..];
        _offset = _span.Length;
        return rest;
    }
}
