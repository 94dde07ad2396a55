// TS 29.244 §8.1.1: a leaf IE; octets after the fields a release defines are kept (receivers ignore them, §8.1.1 NOTE).
using System.Buffers.Binary;
using System.Net;
using System.Text.Json;

namespace GlassCore.Pfcp;

/// <summary>Base of typed leaf IEs: the typed fields, then any trailing octets from a later release, re-encoded unchanged.</summary>
public abstract class PfcpLeaf : IPfcpIeValue
{
    /// <summary>Octets after the fields this implementation knows (a later release's extension), kept for re-encoding.</summary>
    public byte[] Extra { get; internal set; } = [];

    protected abstract int FieldsLength { get; }

    protected abstract void WriteFields(Span<byte> destination);

    protected abstract void WriteFieldsJson(Utf8JsonWriter writer);

    public int Length => FieldsLength + Extra.Length;

    public void Write(Span<byte> destination)
    {
        WriteFields(destination);
        Extra.CopyTo(destination[FieldsLength..]);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteFieldsJson(writer);
        if (Extra.Length > 0)
        {
            writer.WriteString("extra", Convert.ToHexStringLower(Extra));
        }
    }
}

/// <summary>Bounds-checked reads over an IE value; every read reports failure instead of throwing.</summary>
internal ref struct ValueReader(ReadOnlySpan<byte> value)
{
    private readonly ReadOnlySpan<byte> _value = value;
    private int _position;

    public readonly int Remaining => _value.Length - _position;

    public readonly byte[] Rest => _value[_position..].ToArray();

    public bool TryU8(out byte v)
    {
        v = 0;
        if (Remaining < 1)
        {
            return false;
        }
        v = _value[_position++];
        return true;
    }

    public bool TryU16(out ushort v)
    {
        v = 0;
        if (Remaining < 2)
        {
            return false;
        }
        v = BinaryPrimitives.ReadUInt16BigEndian(_value[_position..]);
        _position += 2;
        return true;
    }

    public bool TryU24(out uint v)
    {
        v = 0;
        if (Remaining < 3)
        {
            return false;
        }
        v = (uint)(_value[_position] << 16 | _value[_position + 1] << 8 | _value[_position + 2]);
        _position += 3;
        return true;
    }

    public bool TryU32(out uint v)
    {
        v = 0;
        if (Remaining < 4)
        {
            return false;
        }
        v = BinaryPrimitives.ReadUInt32BigEndian(_value[_position..]);
        _position += 4;
        return true;
    }

    public bool TryU40(out ulong v)
    {
        v = 0;
        if (Remaining < 5)
        {
            return false;
        }
        for (int i = 0; i < 5; i++)
        {
            v = v << 8 | _value[_position + i];
        }
        _position += 5;
        return true;
    }

    public bool TryU64(out ulong v)
    {
        v = 0;
        if (Remaining < 8)
        {
            return false;
        }
        v = BinaryPrimitives.ReadUInt64BigEndian(_value[_position..]);
        _position += 8;
        return true;
    }

    public bool TryBytes(int count, out byte[] bytes)
    {
        bytes = [];
        if (count < 0 || Remaining < count)
        {
            return false;
        }
        bytes = _value.Slice(_position, count).ToArray();
        _position += count;
        return true;
    }

    public bool TryIPv4(out IPAddress? address)
    {
        address = null;
        if (Remaining < 4)
        {
            return false;
        }
        address = new IPAddress(_value.Slice(_position, 4));
        _position += 4;
        return true;
    }

    public bool TryIPv6(out IPAddress? address)
    {
        address = null;
        if (Remaining < 16)
        {
            return false;
        }
        address = new IPAddress(_value.Slice(_position, 16));
        _position += 16;
        return true;
    }
}

/// <summary>Sequential writes into an IE value; the caller sized the span from <see cref="PfcpLeaf.Length"/>.</summary>
internal ref struct ValueWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;
    private int _position;

    public void U8(byte v) => _destination[_position++] = v;

    public void U16(ushort v)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_destination[_position..], v);
        _position += 2;
    }

    public void U24(uint v)
    {
        _destination[_position] = (byte)(v >> 16);
        _destination[_position + 1] = (byte)(v >> 8);
        _destination[_position + 2] = (byte)v;
        _position += 3;
    }

    public void U32(uint v)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_destination[_position..], v);
        _position += 4;
    }

    public void U40(ulong v)
    {
        for (int i = 4; i >= 0; i--)
        {
            _destination[_position++] = (byte)(v >> (8 * i));
        }
    }

    public void U64(ulong v)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_destination[_position..], v);
        _position += 8;
    }

    public void Bytes(ReadOnlySpan<byte> v)
    {
        v.CopyTo(_destination[_position..]);
        _position += v.Length;
    }

    public void Address(IPAddress? address)
    {
        if (address is not null && address.TryWriteBytes(_destination[_position..], out int written))
        {
            _position += written;
        }
    }
}
