// TS 29.281 §8: GTP-U IEs — TV with fixed lengths below 128 (Recovery 1, TEID Data I 4), TLV with a 2-octet length from 128,
// except the Extension Header Type List (§8.5), whose length is one octet.
using System.Buffers.Binary;

namespace GlassCore.Gtp;

/// <summary>Reads the IEs of a GTP-U signalling message; unknown TV types cannot be skipped and end the walk with an error.</summary>
public ref struct GtpUIeReader(ReadOnlySpan<byte> ies)
{
    private readonly ReadOnlySpan<byte> _ies = ies;
    private int _position;

    public readonly bool HasMore => _position < _ies.Length;

    public bool TryRead(out byte type, out ReadOnlySpan<byte> value, out GtpUError error)
    {
        value = default;
        type = _ies[_position];
        int start, length;
        switch (type)
        {
            case GtpUIeType.Recovery:
                (start, length) = (1, 1);
                break;
            case GtpUIeType.TeidDataI:
                (start, length) = (1, 4);
                break;
            case GtpUIeType.ExtensionHeaderTypeList:
                if (_position + 2 > _ies.Length)
                {
                    error = GtpUError.IeTruncated;
                    return false;
                }
                (start, length) = (2, _ies[_position + 1]);
                break;
            case >= 128:
                if (_position + 3 > _ies.Length)
                {
                    error = GtpUError.IeTruncated;
                    return false;
                }
                (start, length) = (3, BinaryPrimitives.ReadUInt16BigEndian(_ies[(_position + 1)..]));
                break;
            default:
                error = GtpUError.UnknownIe;
                return false;
        }
        if (_position + start + length > _ies.Length)
        {
            error = GtpUError.IeTruncated;
            return false;
        }
        value = _ies.Slice(_position + start, length);
        _position += start + length;
        error = GtpUError.None;
        return true;
    }
}

/// <summary>Reads the IEs TS 29.281 §7 requires of Echo Response and Error Indication.</summary>
public static class GtpUSignalling
{
    /// <summary>§7.2.2: an Echo Response carries Recovery.</summary>
    public static bool TryParseEchoResponse(ReadOnlySpan<byte> ies, out byte recovery, out GtpUError error)
    {
        recovery = 0;
        var r = new GtpUIeReader(ies);
        bool found = false;
        while (r.HasMore)
        {
            if (!r.TryRead(out byte type, out ReadOnlySpan<byte> value, out error))
            {
                return false;
            }
            if (type == GtpUIeType.Recovery && !found)
            {
                recovery = value[0];
                found = true;
            }
        }
        error = found ? GtpUError.None : GtpUError.MissingIe;
        return found;
    }

    /// <summary>§7.3.1: an Error Indication carries TEID Data I and GTP-U Peer Address (4 or 16 octets).</summary>
    public static bool TryParseErrorIndication(ReadOnlySpan<byte> ies, out uint teidDataI, out ReadOnlySpan<byte> peerAddress, out GtpUError error)
    {
        teidDataI = 0;
        peerAddress = default;
        bool teid = false, peer = false;
        var r = new GtpUIeReader(ies);
        while (r.HasMore)
        {
            if (!r.TryRead(out byte type, out ReadOnlySpan<byte> value, out error))
            {
                return false;
            }
            if (type == GtpUIeType.TeidDataI && !teid)
            {
                teidDataI = BinaryPrimitives.ReadUInt32BigEndian(value);
                teid = true;
            }
            else if (type == GtpUIeType.GtpUPeerAddress && !peer)
            {
                if (value.Length is not (4 or 16))
                {
                    error = GtpUError.IeTruncated;
                    return false;
                }
                peerAddress = value;
                peer = true;
            }
        }
        error = teid && peer ? GtpUError.None : GtpUError.MissingIe;
        return teid && peer;
    }
}
