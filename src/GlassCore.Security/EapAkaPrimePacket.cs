// RFC 9048 (EAP-AKA', updating RFC 5448) over RFC 3748 EAP, with the attributes of RFC 4187 §10: the one codec the
// AUSF (server), the AMF (relay, which reads only code and identifier) and the simulated UE (peer) share.
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

namespace GlassCore.Security;

/// <summary>A parsed EAP-AKA' packet: the attributes this codec knows; unknown skippable ones are ignored.</summary>
public sealed record EapAkaPrimeMessage(byte Code, byte Identifier, byte Subtype)
{
    public byte[]? Rand { get; init; }
    public byte[]? Autn { get; init; }
    public byte[]? Res { get; init; }
    public int ResBits { get; init; }
    public byte[]? Auts { get; init; }
    /// <summary>AT_KDF values in the order received (RFC 5448 §3.2: the first is the server's choice).</summary>
    public IReadOnlyList<ushort> Kdfs { get; init; } = [];
    /// <summary>AT_KDF_INPUT: the network name (TS 33.501 §6.1.3.1: the serving network name).</summary>
    public string? KdfInput { get; init; }
    public ushort? ClientErrorCode { get; init; }
    /// <summary>Offset of the AT_MAC value (16 octets) in the packet, or -1 without AT_MAC.</summary>
    public int MacOffset { get; init; } = -1;
}

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
    public const byte AtClientErrorCode = 22;
    public const byte AtKdfInput = 23;
    public const byte AtKdf = 24;

    /// <summary>RFC 5448 §3.3: KDF 1 is CK' and IK' by TS 33.402 Annex A (TS 33.501 A.3) and PRF' = HMAC-SHA-256.</summary>
    public const ushort KdfCkIkPrimeSha256 = 1;

    /// <summary>RFC 4187 §10.20: client error code 0, "unable to process packet".</summary>
    public const ushort ClientErrorUnableToProcess = 0;

    /// <summary>EAP-Request/AKA'-Challenge with AT_RAND, AT_AUTN, AT_KDF (1), AT_KDF_INPUT (network name) and AT_MAC (K_aut).</summary>
    public static byte[] BuildChallenge(byte identifier, ReadOnlySpan<byte> rand, ReadOnlySpan<byte> autn, string networkName, ReadOnlySpan<byte> kAut)
    {
        ArgumentNullException.ThrowIfNull(networkName);
        byte[] name = Encoding.ASCII.GetBytes(networkName);
        int kdfInputLen = 4 + ((name.Length + 3) & ~3);
        byte[] p = Header(CodeRequest, identifier, SubtypeChallenge, 20 + 20 + 4 + kdfInputLen + 20);
        int o = 8;
        p[o] = AtRand;
        p[o + 1] = 5;
        rand.CopyTo(p.AsSpan(o + 4, 16));
        o += 20;
        p[o] = AtAutn;
        p[o + 1] = 5;
        autn.CopyTo(p.AsSpan(o + 4, 16));
        o += 20;
        p[o] = AtKdf;
        p[o + 1] = 1;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(o + 2), KdfCkIkPrimeSha256);
        o += 4;
        p[o] = AtKdfInput;
        p[o + 1] = (byte)(kdfInputLen / 4);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(o + 2), (ushort)name.Length);
        name.CopyTo(p.AsSpan(o + 4));
        o += kdfInputLen;
        WriteMac(p, o, kAut);
        return p;
    }

    /// <summary>
    /// RFC 4187 §9.4 / RFC 9048 §3: EAP-Response/AKA'-Challenge with AT_RES (RES length in bits, padded to 4-octet
    /// words) and AT_MAC over the whole packet with K_aut.
    /// </summary>
    public static byte[] BuildChallengeResponse(byte identifier, ReadOnlySpan<byte> res, ReadOnlySpan<byte> kAut)
    {
        if (res.Length is < 4 or > 16)
        {
            throw new ArgumentException("RES is 4 to 16 octets", nameof(res));
        }
        int resLen = 4 + ((res.Length + 3) & ~3);
        byte[] p = Header(CodeResponse, identifier, SubtypeChallenge, resLen + 20);
        p[8] = AtRes;
        p[9] = (byte)(resLen / 4);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(10), (ushort)(res.Length * 8));
        res.CopyTo(p.AsSpan(12));
        WriteMac(p, 8 + resLen, kAut);
        return p;
    }

    /// <summary>RFC 4187 §9.6: EAP-Response/AKA'-Synchronization-Failure with AT_AUTS (14 octets, no padding).</summary>
    public static byte[] BuildSynchronizationFailure(byte identifier, ReadOnlySpan<byte> auts)
    {
        if (auts.Length != 14)
        {
            throw new ArgumentException("AUTS is 14 octets", nameof(auts));
        }
        byte[] p = Header(CodeResponse, identifier, SubtypeSynchronizationFailure, 16);
        p[8] = AtAuts;
        p[9] = 4;
        auts.CopyTo(p.AsSpan(10));
        return p;
    }

    /// <summary>RFC 4187 §9.5: EAP-Response/AKA'-Authentication-Reject (the peer rejects AUTN), no attributes.</summary>
    public static byte[] BuildAuthenticationReject(byte identifier) => Header(CodeResponse, identifier, SubtypeAuthenticationReject, 0);

    /// <summary>RFC 4187 §9.10: EAP-Response/AKA'-Client-Error with AT_CLIENT_ERROR_CODE.</summary>
    public static byte[] BuildClientError(byte identifier, ushort code = ClientErrorUnableToProcess)
    {
        byte[] p = Header(CodeResponse, identifier, SubtypeClientError, 4);
        p[8] = AtClientErrorCode;
        p[9] = 1;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(10), code);
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

    /// <summary>Whether the AT_MAC at <paramref name="macOffset"/> verifies with K_aut (constant-time comparison).</summary>
    public static bool MacValid(ReadOnlySpan<byte> packet, int macOffset, ReadOnlySpan<byte> kAut)
    {
        if (macOffset < 8 || macOffset + 16 > packet.Length)
        {
            return false;
        }
        byte[] copy = packet.ToArray();
        Span<byte> received = stackalloc byte[16];
        copy.AsSpan(macOffset, 16).CopyTo(received);
        copy.AsSpan(macOffset, 16).Clear();
        Span<byte> expected = stackalloc byte[16];
        Mac(kAut, copy, expected);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    /// <summary>
    /// Parses an EAP packet: Success and Failure (4 octets), or a Request/Response of type AKA' with its attributes,
    /// each bounds-checked; an unknown non-skippable attribute (type &lt; 128) fails the packet (RFC 4187 §8.1).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> p, out EapAkaPrimeMessage message, out string error)
    {
        message = null!;
        if (p.Length < 4)
        {
            error = "EAP packet shorter than 4 octets";
            return false;
        }
        if (BinaryPrimitives.ReadUInt16BigEndian(p[2..]) != p.Length)
        {
            error = "EAP length field does not match the packet";
            return false;
        }
        byte code = p[0];
        if (code is CodeSuccess or CodeFailure)
        {
            if (p.Length != 4)
            {
                error = "EAP-Success/Failure longer than 4 octets";
                return false;
            }
            message = new EapAkaPrimeMessage(code, p[1], 0);
            error = "";
            return true;
        }
        if (code is not (CodeRequest or CodeResponse) || p.Length < 8 || p[4] != TypeAkaPrime)
        {
            error = "not an EAP-Request/Response of type AKA'";
            return false;
        }
        byte[]? rand = null, autn = null, res = null, auts = null;
        int resBits = 0, macOffset = -1;
        ushort? clientError = null;
        string? kdfInput = null;
        var kdfs = new List<ushort>(1);
        int o = 8;
        while (o < p.Length)
        {
            if (o + 4 > p.Length)
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
                case AtRand when attrLen == 20:
                    rand = a[4..].ToArray();
                    break;
                case AtAutn when attrLen == 20:
                    autn = a[4..].ToArray();
                    break;
                case AtRes:
                    resBits = BinaryPrimitives.ReadUInt16BigEndian(a[2..]);
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
                case AtKdf when attrLen == 4:
                    kdfs.Add(BinaryPrimitives.ReadUInt16BigEndian(a[2..]));
                    break;
                case AtKdfInput:
                    int nameLen = BinaryPrimitives.ReadUInt16BigEndian(a[2..]);
                    if (nameLen == 0 || 4 + nameLen > attrLen)
                    {
                        error = "AT_KDF_INPUT length invalid";
                        return false;
                    }
                    kdfInput = Encoding.ASCII.GetString(a.Slice(4, nameLen));
                    break;
                case AtClientErrorCode when attrLen == 4:
                    clientError = BinaryPrimitives.ReadUInt16BigEndian(a[2..]);
                    break;
                case AtRand or AtAutn or AtAuts or AtMac or AtKdf or AtClientErrorCode:
                    error = $"attribute {a[0]} has the wrong length";
                    return false;
                default:
                    if (a[0] < 128)
                    {
                        error = $"unexpected non-skippable attribute {a[0]}";
                        return false;
                    }
                    break;
            }
            o += attrLen;
        }
        message = new EapAkaPrimeMessage(code, p[1], p[5])
        {
            Rand = rand,
            Autn = autn,
            Res = res,
            ResBits = resBits,
            Auts = auts,
            Kdfs = kdfs,
            KdfInput = kdfInput,
            ClientErrorCode = clientError,
            MacOffset = macOffset,
        };
        error = "";
        return true;
    }

    /// <summary>The EAP-AKA' identity for a SUPI in the key derivation: its IMSI digits (TS 33.501 §6.1.3.1, Annex F).</summary>
    public static string KeyIdentity(string supi)
    {
        ArgumentNullException.ThrowIfNull(supi);
        return supi.StartsWith("imsi-", StringComparison.Ordinal) ? supi[5..] : supi;
    }

    private static byte[] Header(byte code, byte identifier, byte subtype, int attributesLength)
    {
        int length = 8 + attributesLength;
        byte[] p = new byte[length];
        p[0] = code;
        p[1] = identifier;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)length);
        p[4] = TypeAkaPrime;
        p[5] = subtype;
        return p;
    }

    private static void WriteMac(byte[] p, int at, ReadOnlySpan<byte> kAut)
    {
        p[at] = AtMac;
        p[at + 1] = 5;
        Mac(kAut, p, p.AsSpan(at + 4, 16));
    }
}
