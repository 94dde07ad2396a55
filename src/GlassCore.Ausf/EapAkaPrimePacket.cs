// RFC 9048 (EAP-AKA', updating RFC 5448) over RFC 3748 EAP: the packets the AUSF sends and reads.
//
//  0                   1                   2                   3
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |     Code      |  Identifier   |            Length             |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |  Type (50)    |    Subtype    |           Reserved            |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// | attributes: Type (1) | Length in 4-byte words (1) | value ... |
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace GlassCore.Ausf;

public static class EapAkaPrimePacket
{
    public const byte CodeRequest = 1;
    public const byte CodeResponse = 2;
    public const byte CodeSuccess = 3;
    public const byte CodeFailure = 4;
    public const byte TypeAkaPrime = 50;
    public const byte SubtypeChallenge = 1;
    public const byte SubtypeAuthenticationReject = 2;
    public const byte SubtypeSynchronizationFailure = 4;
    public const byte SubtypeClientError = 14;
    public const byte AtRand = 1;
    public const byte AtAutn = 2;
    public const byte AtRes = 3;
    public const byte AtAuts = 4;
    public const byte AtMac = 11;
    public const byte AtKdfInput = 23;
    public const byte AtKdf = 24;

    /// <summary>EAP-Request/AKA'-Challenge with AT_RAND, AT_AUTN, AT_KDF (1), AT_KDF_INPUT (network name) and AT_MAC (K_aut).</summary>
    public static byte[] BuildChallenge(byte identifier, ReadOnlySpan<byte> rand, ReadOnlySpan<byte> autn, string networkName, ReadOnlySpan<byte> kAut)
    {
        byte[] name = Encoding.ASCII.GetBytes(networkName);
        int kdfInputLen = 4 + ((name.Length + 3) & ~3);
        int length = 8 + 20 + 20 + 4 + kdfInputLen + 20;
        byte[] p = new byte[length];
        p[0] = CodeRequest;
        p[1] = identifier;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)length);
        p[4] = TypeAkaPrime;
        p[5] = SubtypeChallenge;
        int o = 8;
        p[o] = AtRand; p[o + 1] = 5; rand.CopyTo(p.AsSpan(o + 4)); o += 20;
        p[o] = AtAutn; p[o + 1] = 5; autn.CopyTo(p.AsSpan(o + 4)); o += 20;
        p[o] = AtKdf; p[o + 1] = 1; BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(o + 2), 1); o += 4;
        p[o] = AtKdfInput; p[o + 1] = (byte)(kdfInputLen / 4); BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(o + 2), (ushort)name.Length);
        name.CopyTo(p.AsSpan(o + 4)); o += kdfInputLen;
        int macAt = o;
        p[o] = AtMac; p[o + 1] = 5;
        Mac(kAut, p, p.AsSpan(macAt + 4, 16));
        return p;
    }

    public static byte[] Success(byte identifier) => [CodeSuccess, identifier, 0, 4];

    public static byte[] Failure(byte identifier) => [CodeFailure, identifier, 0, 4];

    /// <summary>RFC 9048 §3.4.1 / RFC 4187 §10.15: AT_MAC = HMAC-SHA-256-128(K_aut, packet with the MAC value zeroed).</summary>
    public static void Mac(ReadOnlySpan<byte> kAut, ReadOnlySpan<byte> packetWithZeroMac, Span<byte> mac16)
    {
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(kAut, packetWithZeroMac, full);
        full[..16].CopyTo(mac16);
    }

    /// <summary>A parsed EAP-Response/AKA' packet; attributes are bounds-checked, unknown skippable ones ignored.</summary>
    public readonly record struct Response(byte Identifier, byte Subtype, byte[]? Res, int ResBits, byte[]? Auts, int MacOffset);

    public static bool TryParseResponse(ReadOnlySpan<byte> p, out Response response, out string error)
    {
        response = default;
        if (p.Length < 8)
        {
            error = "EAP packet shorter than 8 bytes";
            return false;
        }
        int length = BinaryPrimitives.ReadUInt16BigEndian(p[2..]);
        if (length != p.Length)
        {
            error = "EAP length field does not match the packet";
            return false;
        }
        if (p[0] != CodeResponse || p[4] != TypeAkaPrime)
        {
            error = "not an EAP-Response/AKA'";
            return false;
        }
        byte subtype = p[5];
        byte[]? res = null;
        byte[]? auts = null;
        int resBits = 0;
        int macOffset = -1;
        int o = 8;
        while (o < p.Length)
        {
            if (o + 2 > p.Length)
            {
                error = "truncated attribute header";
                return false;
            }
            int attrLen = p[o + 1] * 4;
            if (attrLen == 0 || o + attrLen > p.Length)
            {
                error = "attribute length out of bounds";
                return false;
            }
            ReadOnlySpan<byte> a = p.Slice(o, attrLen);
            switch (a[0])
            {
                case AtRes:
                    resBits = attrLen >= 4 ? BinaryPrimitives.ReadUInt16BigEndian(a[2..]) : 0;
                    if (resBits % 8 != 0 || 4 + resBits / 8 > attrLen || resBits < 32 || resBits > 128)
                    {
                        error = "AT_RES length invalid";
                        return false;
                    }
                    res = a.Slice(4, resBits / 8).ToArray();
                    break;
                case AtAuts when attrLen == 16:
                    auts = a.Slice(2, 14).ToArray();
                    break;
                case AtMac when attrLen == 20:
                    macOffset = o + 4;
                    break;
                default:
                    if (a[0] < 128 && a[0] is not (AtKdf or AtKdfInput or AtAuts or AtMac))
                    {
                        // RFC 4187 §8.1: non-skippable (type < 128) attributes that are not understood fail the packet.
                        error = $"unexpected non-skippable attribute {a[0]}";
                        return false;
                    }
                    break;
            }
            o += attrLen;
        }
        response = new Response(p[1], subtype, res, resBits, auts, macOffset);
        error = "";
        return true;
    }
}
