// TS 29.281 §5.1 (GTP-U header, Figure 5.1-1) and §5.2 (extension headers, Figure 5.2.1-1).
//
//      Bits 8 7 6 | 5  | 4 | 3 | 2 | 1
//  1   Version    | PT | * | E | S | PN
//  2   Message Type
//  3-4 Length (octets after the first 8)
//  5-8 TEID
//  9-10 Sequence Number  \
//  11   N-PDU Number      > present when E, S or PN is set
//  12   Next Ext. Type   /
//  then extension headers: Length (units of 4 octets) | content | Next Ext. Type
using System.Buffers.Binary;

namespace GlassCore.Gtp;

/// <summary>A parsed GTP-U packet: a view over the datagram, nothing copied.</summary>
public readonly ref struct GtpUPacket
{
    private readonly ReadOnlySpan<byte> _data;

    private GtpUPacket(ReadOnlySpan<byte> data, int headerLength, int totalLength)
    {
        _data = data;
        HeaderLength = headerLength;
        TotalLength = totalLength;
    }

    public byte Flags => _data[0];

    public int Version => _data[0] >> 5;

    public bool HasExtension => (_data[0] & 0x04) != 0;

    public bool HasSequenceNumber => (_data[0] & 0x02) != 0;

    public bool HasNPduNumber => (_data[0] & 0x01) != 0;

    private bool HasOptionalFields => (_data[0] & 0x07) != 0;

    public GtpUMessageType MessageType => (GtpUMessageType)_data[1];

    public uint Teid => BinaryPrimitives.ReadUInt32BigEndian(_data[4..]);

    public ushort SequenceNumber => HasOptionalFields ? BinaryPrimitives.ReadUInt16BigEndian(_data[8..]) : (ushort)0;

    public byte NPduNumber => HasOptionalFields ? _data[10] : (byte)0;

    /// <summary>Header octets: 8, or 12 with optional fields, plus the extension headers.</summary>
    public int HeaderLength { get; }

    /// <summary>8 + Length: the packet may be shorter than the datagram (trailing octets are ignored, as §5.1 lets padding be).</summary>
    public int TotalLength { get; }

    /// <summary>The extension header chain after the optional fields (each: length, content, next type).</summary>
    public ReadOnlySpan<byte> ExtensionHeaders => HasOptionalFields ? _data[12..HeaderLength] : default;

    /// <summary>The first extension header's type; None unless E is set (with E = 0 the octet is not interpreted, §5.1).</summary>
    public byte FirstExtensionType => HasExtension ? _data[11] : GtpUExtensionType.None;

    /// <summary>Octet 12 as received, whatever E says (kept so a packet re-encodes unchanged).</summary>
    public byte NextExtensionTypeOctet => HasOptionalFields ? _data[11] : GtpUExtensionType.None;

    /// <summary>The T-PDU of a G-PDU, or the IEs of a signalling message.</summary>
    public ReadOnlySpan<byte> Payload => _data[HeaderLength..TotalLength];

    public GtpUExtensionEnumerator Extensions => new(FirstExtensionType, ExtensionHeaders);

    /// <summary>Finds the PDU Session Container (TS 38.415) in the extension chain.</summary>
    public bool TryGetPduSessionInformation(out PduSessionInformation info)
    {
        foreach (GtpUExtension ext in Extensions)
        {
            if (ext.Type == GtpUExtensionType.PduSessionContainer)
            {
                return PduSessionInformation.TryParse(ext.Content, out info);
            }
        }
        info = default;
        return false;
    }

    public static bool TryParse(ReadOnlySpan<byte> data, out GtpUPacket packet, out GtpUError error)
    {
        packet = default;
        if (data.Length < 8)
        {
            error = GtpUError.TooShort;
            return false;
        }
        if (data[0] >> 5 != 1)
        {
            error = GtpUError.UnsupportedVersion;
            return false;
        }
        if ((data[0] & 0x10) == 0)
        {
            error = GtpUError.NotGtpU;
            return false;
        }
        int total = 8 + BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if (total > data.Length)
        {
            error = GtpUError.LengthMismatch;
            return false;
        }
        int header = 8;
        if ((data[0] & 0x07) != 0)
        {
            header = 12;
            if (total < header)
            {
                error = GtpUError.LengthMismatch;
                return false;
            }
            // Walk the chain only as far as E says it exists: with E = 0 the Next Extension Header Type is not interpreted.
            byte next = (data[0] & 0x04) != 0 ? data[11] : GtpUExtensionType.None;
            while (next != GtpUExtensionType.None)
            {
                if (header >= total)
                {
                    error = GtpUError.ExtensionHeaderTruncated;
                    return false;
                }
                int units = data[header];
                if (units == 0)
                {
                    error = GtpUError.ExtensionHeaderZeroLength;
                    return false;
                }
                if (header + units * 4 > total)
                {
                    error = GtpUError.ExtensionHeaderTruncated;
                    return false;
                }
                header += units * 4;
                next = data[header - 1];
            }
        }
        packet = new GtpUPacket(data, header, total);
        error = GtpUError.None;
        return true;
    }
}

/// <summary>One extension header: its type (from the previous header) and its content octets.</summary>
public readonly ref struct GtpUExtension(byte type, ReadOnlySpan<byte> content)
{
    public byte Type { get; } = type;

    /// <summary>Content between the length octet and the next-type octet (4n - 2 octets).</summary>
    public ReadOnlySpan<byte> Content { get; } = content;
}

/// <summary>Enumerates an extension header chain that <see cref="GtpUPacket.TryParse"/> already bounds-checked.</summary>
public ref struct GtpUExtensionEnumerator
{
    private readonly ReadOnlySpan<byte> _chain;
    private byte _nextType;
    private int _position;

    internal GtpUExtensionEnumerator(byte firstType, ReadOnlySpan<byte> chain)
    {
        _chain = chain;
        _nextType = firstType;
        _position = 0;
        Current = default;
    }

    public GtpUExtension Current { get; private set; }

    public readonly GtpUExtensionEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_nextType == GtpUExtensionType.None || _position >= _chain.Length)
        {
            return false;
        }
        int length = _chain[_position] * 4;
        Current = new GtpUExtension(_nextType, _chain.Slice(_position + 1, length - 2));
        _nextType = _chain[_position + length - 1];
        _position += length;
        return true;
    }
}
