// Entry points over generated types: whole encodings (X.691 §11.1) and open-type contents (§11.2).
namespace GlassCore.Asn1;

/// <summary>A generated type that encodes itself in aligned PER.</summary>
public interface IPerEncodable
{
    void Encode(ref PerWriter w);
}

/// <summary>A generated type with a static aligned-PER decoder.</summary>
public interface IPerType<TSelf> : IPerEncodable where TSelf : IPerType<TSelf>
{
    static abstract bool TryDecode(ref PerReader r, out TSelf value);
}

/// <summary>A decoder of one open type alternative's contents.</summary>
public delegate bool PerContentsDecoder<T>(ref PerReader r, out T value);

public static class Per
{
    /// <summary>Decodes one complete encoding; bits beyond the final octet's padding are an error.</summary>
    public static bool TryDecode<T>(ReadOnlySpan<byte> data, out T value, out Asn1DecodeError error) where T : IPerType<T>
    {
        var r = new PerReader(data);
        if (T.TryDecode(ref r, out value) && r.TryFinishContents())
        {
            error = default;
            return true;
        }
        error = r.Error;
        return false;
    }

    /// <summary>
    /// Decodes one encoding at the start of <paramref name="data"/> and reports the octets it used, for peers that pad
    /// a PDU (OAI's AMF sends NGAP PDUs zero-padded to 512 octets).
    /// </summary>
    public static bool TryDecodePrefix<T>(ReadOnlySpan<byte> data, out T value, out int consumedOctets, out Asn1DecodeError error) where T : IPerType<T>
    {
        var r = new PerReader(data);
        if (T.TryDecode(ref r, out value))
        {
            consumedOctets = Math.Max(1, (int)((r.BitPosition + 7) / 8));
            error = default;
            return true;
        }
        consumedOctets = 0;
        error = r.Error;
        return false;
    }

    /// <summary>The complete encoding as a new array.</summary>
    public static byte[] Encode<T>(T value) where T : IPerEncodable
    {
        ArgumentNullException.ThrowIfNull(value);
        var w = new PerWriter(256);
        try
        {
            value.Encode(ref w);
            return w.ToArray();
        }
        finally
        {
            w.Dispose();
        }
    }

    /// <summary>Encodes into a caller buffer; false if it does not fit.</summary>
    public static bool TryEncode<T>(T value, Span<byte> destination, out int written) where T : IPerEncodable
    {
        ArgumentNullException.ThrowIfNull(value);
        var w = new PerWriter(Math.Max(64, destination.Length));
        try
        {
            value.Encode(ref w);
            return w.TryCopyTo(destination, out written);
        }
        finally
        {
            w.Dispose();
        }
    }

    /// <summary>
    /// Decodes an open type's contents with the decoder the table constraint selects. If the strict decode fails,
    /// retries once accepting asn1c's SIZE-constrained UTF8String lengths (see interop notes) before reporting the
    /// strict error.
    /// </summary>
    public static bool TryDecodeContents<T>(ref PerReader r, ReadOnlySpan<byte> contents, long offset, PerContentsDecoder<T> decode, out T value)
    {
        ArgumentNullException.ThrowIfNull(decode);
        var inner = r.CreateInner(contents, offset);
        if (decode(ref inner, out value) && inner.TryFinishContents())
        {
            return true;
        }
        var retry = r.CreateInner(contents, offset);
        retry.Asn1cSizedUtf8 = true;
        if (decode(ref retry, out value) && retry.TryFinishContents())
        {
            return true;
        }
        return r.Fail(inner.Error);
    }
}

/// <summary>A generated message with a protocol IE container (X.681 table-constrained SEQUENCE OF fields).</summary>
public interface IProtocolIeContainer
{
    /// <summary>The ids of the IEs in wire order.</summary>
    IEnumerable<long> ProtocolIeIds();
}

/// <summary>A generated open type value (one information object's type, or the preserved unknown encoding).</summary>
public interface IOpenTypeValue
{
    /// <summary>The key (IE id / procedure code) that selects the type.</summary>
    long Key { get; }

    /// <summary>The typed value, boxed, for tools; hot paths pattern-match on the generated classes instead.</summary>
    object? BoxedValue { get; }
}
