// TS 29.281 §5.1/§5.2 (header and extension headers) and §8 (IEs), written straight into the caller's span.
using System.Buffers.Binary;

namespace GlassCore.Gtp;

/// <summary>Header flag bits (TS 29.281 §5.1).</summary>
public static class GtpUFlags
{
    /// <summary>Version 1, Protocol Type 1 (GTP-U).</summary>
    public const byte Base = 0x30;
    public const byte E = 0x04;
    public const byte S = 0x02;
    public const byte PN = 0x01;
}

/// <summary>Writes one GTP-U packet into a span: header, extension headers, IEs or payload, then the Length field.
/// Every Add returns false instead of writing past the span.</summary>
public ref struct GtpUWriter
{
    private readonly Span<byte> _destination;
    private int _position;
    private int _nextTypeIndex;
    private bool _ok;

    /// <param name="flags">Octet 1; include <see cref="GtpUFlags.E"/> when extension headers follow, S/PN for those fields.</param>
    /// <param name="nextExtensionType">Octet 12 when no extension header follows (only to reproduce a received packet; 0 otherwise).</param>
    public GtpUWriter(Span<byte> destination, GtpUMessageType type, uint teid, byte flags = GtpUFlags.Base, ushort sequenceNumber = 0, byte nPduNumber = 0, byte nextExtensionType = 0)
    {
        _destination = destination;
        _nextTypeIndex = -1;
        bool optional = (flags & 0x07) != 0;
        _ok = destination.Length >= (optional ? 12 : 8);
        _position = 0;
        if (!_ok)
        {
            return;
        }
        destination[0] = flags;
        destination[1] = (byte)type;
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], teid);
        _position = 8;
        if (optional)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[8..], sequenceNumber);
            destination[10] = nPduNumber;
            destination[11] = nextExtensionType;
            _nextTypeIndex = 11;
            _position = 12;
        }
    }

    public readonly bool Ok => _ok;

    /// <summary>Appends an extension header; content is zero-padded to 4n - 2 octets (§5.2.1).</summary>
    public bool AddExtension(byte type, scoped ReadOnlySpan<byte> content)
    {
        int units = (content.Length + 2 + 3) / 4;
        if (!_ok || _nextTypeIndex < 0 || (_destination[0] & GtpUFlags.E) == 0 || units > 255 || _position + units * 4 > _destination.Length)
        {
            return _ok = false;
        }
        _destination[_nextTypeIndex] = type;
        Span<byte> ext = _destination.Slice(_position, units * 4);
        ext[0] = (byte)units;
        content.CopyTo(ext[1..]);
        ext[(1 + content.Length)..^1].Clear();
        ext[^1] = GtpUExtensionType.None;
        _nextTypeIndex = _position + units * 4 - 1;
        _position += units * 4;
        return true;
    }

    /// <summary>Appends the PDU Session Container (type 0x85); <paramref name="moreContent"/> follows the typed octets (optional fields, padding as received).</summary>
    public bool AddPduSessionContainer(in PduSessionInformation info, scoped ReadOnlySpan<byte> moreContent = default)
    {
        Span<byte> content = stackalloc byte[3];
        int n = info.ContentLength;
        info.WriteContent(content);
        int units = (n + moreContent.Length + 2 + 3) / 4;
        if (!_ok || _nextTypeIndex < 0 || (_destination[0] & GtpUFlags.E) == 0 || units > 255 || _position + units * 4 > _destination.Length)
        {
            return _ok = false;
        }
        _destination[_nextTypeIndex] = GtpUExtensionType.PduSessionContainer;
        Span<byte> ext = _destination.Slice(_position, units * 4);
        ext[0] = (byte)units;
        content[..n].CopyTo(ext[1..]);
        moreContent.CopyTo(ext[(1 + n)..]);
        ext[(1 + n + moreContent.Length)..^1].Clear();
        ext[^1] = GtpUExtensionType.None;
        _nextTypeIndex = _position + units * 4 - 1;
        _position += units * 4;
        return true;
    }

    /// <summary>Appends octets after the headers (a T-PDU or IEs).</summary>
    public bool AddBytes(scoped ReadOnlySpan<byte> bytes)
    {
        if (!_ok || _position + bytes.Length > _destination.Length)
        {
            return _ok = false;
        }
        bytes.CopyTo(_destination[_position..]);
        _position += bytes.Length;
        return true;
    }

    /// <summary>Recovery IE (type 14, TV): the restart counter, 0 for GTP-U (§8.2).</summary>
    public bool AddRecovery(byte restartCounter) => AddBytes([GtpUIeType.Recovery, restartCounter]);

    /// <summary>Tunnel Endpoint Identifier Data I IE (type 16, TV, §8.3).</summary>
    public bool AddTeidDataI(uint teid) => AddBytes([GtpUIeType.TeidDataI, (byte)(teid >> 24), (byte)(teid >> 16), (byte)(teid >> 8), (byte)teid]);

    /// <summary>GTP-U Peer Address IE (type 133, TLV, 4 or 16 octets, §8.4).</summary>
    public bool AddPeerAddress(ReadOnlySpan<byte> address) =>
        (address.Length is 4 or 16 || (_ok = false))
        && AddBytes([GtpUIeType.GtpUPeerAddress, 0, (byte)address.Length]) && AddBytes(address);

    /// <summary>Extension Header Type List IE (type 141, one-octet length, §8.5).</summary>
    public bool AddExtensionHeaderTypeList(ReadOnlySpan<byte> types) =>
        (types.Length <= 255 || (_ok = false)) && AddBytes([GtpUIeType.ExtensionHeaderTypeList, (byte)types.Length]) && AddBytes(types);

    /// <summary>Sets the Length field for the octets written plus <paramref name="payloadLength"/> the caller writes after them.</summary>
    public bool TryFinish(int payloadLength, out int headerLength)
    {
        headerLength = 0;
        int length = _position - 8 + payloadLength;
        if (!_ok || length > ushort.MaxValue || payloadLength < 0)
        {
            return false;
        }
        BinaryPrimitives.WriteUInt16BigEndian(_destination[2..], (ushort)length);
        headerLength = _position;
        return true;
    }
}

/// <summary>The GTP-U messages of TS 29.281 §7, each written in one call.</summary>
public static class GtpUMessages
{
    /// <summary>G-PDU header with a PDU Session Container (N3/N9, TS 38.415); the T-PDU goes after <paramref name="written"/> octets.</summary>
    public static bool TryWriteGpduHeader(Span<byte> destination, uint teid, int payloadLength, in PduSessionInformation info, out int written)
    {
        var w = new GtpUWriter(destination, GtpUMessageType.GPdu, teid, GtpUFlags.Base | GtpUFlags.E);
        w.AddPduSessionContainer(info);
        return w.TryFinish(payloadLength, out written);
    }

    /// <summary>G-PDU header without extension headers.</summary>
    public static bool TryWriteGpduHeader(Span<byte> destination, uint teid, int payloadLength, out int written) =>
        new GtpUWriter(destination, GtpUMessageType.GPdu, teid).TryFinish(payloadLength, out written);

    /// <summary>§7.2.1 Echo Request: TEID 0, S = 1.</summary>
    public static bool TryWriteEchoRequest(Span<byte> destination, ushort sequenceNumber, out int written) =>
        new GtpUWriter(destination, GtpUMessageType.EchoRequest, 0, GtpUFlags.Base | GtpUFlags.S, sequenceNumber).TryFinish(0, out written);

    /// <summary>§7.2.2 Echo Response: the request's sequence number and a Recovery IE of 0.</summary>
    public static bool TryWriteEchoResponse(Span<byte> destination, ushort sequenceNumber, out int written)
    {
        var w = new GtpUWriter(destination, GtpUMessageType.EchoResponse, 0, GtpUFlags.Base | GtpUFlags.S, sequenceNumber);
        w.AddRecovery(0);
        return w.TryFinish(0, out written);
    }

    /// <summary>§7.3.1 Error Indication: the TEID that was not found and this node's address.</summary>
    public static bool TryWriteErrorIndication(Span<byte> destination, uint teidDataI, ReadOnlySpan<byte> peerAddress, ushort sequenceNumber, out int written)
    {
        var w = new GtpUWriter(destination, GtpUMessageType.ErrorIndication, 0, GtpUFlags.Base | GtpUFlags.S, sequenceNumber);
        w.AddTeidDataI(teidDataI);
        w.AddPeerAddress(peerAddress);
        return w.TryFinish(0, out written);
    }

    /// <summary>§7.3.2 End Marker on the old tunnel after a path switch.</summary>
    public static bool TryWriteEndMarker(Span<byte> destination, uint teid, out int written) =>
        new GtpUWriter(destination, GtpUMessageType.EndMarker, teid).TryFinish(0, out written);

    /// <summary>§7.4.1 Supported Extension Headers Notification.</summary>
    public static bool TryWriteSupportedExtensionHeadersNotification(Span<byte> destination, ushort sequenceNumber, ReadOnlySpan<byte> types, out int written)
    {
        var w = new GtpUWriter(destination, GtpUMessageType.SupportedExtensionHeadersNotification, 0, GtpUFlags.Base | GtpUFlags.S, sequenceNumber);
        w.AddExtensionHeaderTypeList(types);
        return w.TryFinish(0, out written);
    }
}
