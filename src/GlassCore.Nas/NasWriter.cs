// TS 24.007 §11.2: writes a NAS message into a caller's span, front to back.
using System.Buffers;

namespace GlassCore.Nas;

/// <summary>Writes octets into a span sized beforehand (messages compute their length first, then write once).</summary>
public ref struct NasWriter
{
    private readonly Span<byte> _span;
    private int _offset;

    public NasWriter(Span<byte> destination)
    {
        _span = destination;
        _offset = 0;
    }

    public readonly int Written => _offset;

    public void WriteByte(byte value) => _span[_offset++] = value;

    public void WriteUInt16(int value)
    {
        _span[_offset++] = (byte)(value >> 8);
        _span[_offset++] = (byte)value;
    }

    public void Write(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_span[_offset..]);
        _offset += value.Length;
    }
}

/// <summary>The three ways to encode anything with a known length: into a span, an IBufferWriter, or a new array.</summary>
public interface INasEncodable
{
    int GetEncodedLength();

    /// <summary>Writes exactly <see cref="GetEncodedLength"/> octets; throws InvalidOperationException when a mandatory IE is unset.</summary>
    void Encode(ref NasWriter writer);
}

public static class NasEncoding
{
    public static bool TryEncode<T>(this T item, Span<byte> destination, out int written) where T : INasEncodable
    {
        ArgumentNullException.ThrowIfNull(item);
        int length = item.GetEncodedLength();
        if (destination.Length < length)
        {
            written = 0;
            return false;
        }
        var w = new NasWriter(destination);
        item.Encode(ref w);
        written = w.Written;
        return true;
    }

    public static int Encode<T>(this T item, IBufferWriter<byte> output) where T : INasEncodable
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(output);
        int length = item.GetEncodedLength();
        var span = output.GetSpan(length)[..length];
        var w = new NasWriter(span);
        item.Encode(ref w);
        output.Advance(length);
        return length;
    }

    public static byte[] ToArray<T>(this T item) where T : INasEncodable
    {
        ArgumentNullException.ThrowIfNull(item);
        byte[] bytes = new byte[item.GetEncodedLength()];
        var w = new NasWriter(bytes);
        item.Encode(ref w);
        return bytes;
    }
}
