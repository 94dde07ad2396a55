// TS 24.501 §9.1.1 and figure 9.1.1.2: the security protected 5GS NAS message (security header types 1-4).
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using GlassCore.Nas.Messages;

namespace GlassCore.Nas;

/// <summary>Security header type, bits 1-4 of octet 2 (§9.3.1).</summary>
public enum SecurityHeaderType : byte
{
    PlainNasMessage = 0,
    IntegrityProtected = 1,
    IntegrityProtectedAndCiphered = 2,
    IntegrityProtectedWithNewSecurityContext = 3,
    IntegrityProtectedAndCipheredWithNewSecurityContext = 4,
}

/// <summary>
/// A security-protected 5GMM envelope: EPD, security header type, 4-octet MAC, sequence number, and the (possibly
/// ciphered) plain NAS message. <see cref="NasSecurityContext"/> checks the MAC and deciphers.
/// </summary>
public sealed class SecurityProtectedNasMessage : NasPdu
{
    public const int HeaderLength = 7;

    public override byte ExtendedProtocolDiscriminator => FiveGmmDiscriminator;

    /// <summary>Octet 2 as received: spare half octet (bits 5-8) and security header type.</summary>
    public byte SecurityHeaderOctet { get; set; }

    public SecurityHeaderType SecurityHeaderType
    {
        get => (SecurityHeaderType)(SecurityHeaderOctet & 0x0F);
        set => SecurityHeaderOctet = (byte)(SecurityHeaderOctet & 0xF0 | (byte)value);
    }

    public bool IsCiphered => SecurityHeaderType is SecurityHeaderType.IntegrityProtectedAndCiphered or SecurityHeaderType.IntegrityProtectedAndCipheredWithNewSecurityContext;

    public uint MessageAuthenticationCode { get; set; }

    public byte SequenceNumber { get; set; }

    /// <summary>The plain NAS message, ciphered when <see cref="IsCiphered"/> (unless the algorithm is NEA0).</summary>
    public ReadOnlyMemory<byte> Payload { get; set; }

    public static bool TryDecode(ReadOnlyMemory<byte> pdu, [NotNullWhen(true)] out SecurityProtectedNasMessage? message, out NasError error)
    {
        var v = pdu.Span;
        message = null;
        if (v.Length < 1 || v[0] != FiveGmmDiscriminator)
        {
            error = new NasError(NasErrorKind.UnknownProtocolDiscriminator, NasCauses.ProtocolErrorUnspecified, 0);
            return false;
        }
        if (v.Length < HeaderLength + 1)
        {
            error = NasError.TooShort(v.Length);
            return false;
        }
        if ((v[1] & 0x0F) is 0 or > 4)
        {
            error = new NasError(NasErrorKind.InvalidSecurityHeader, NasCauses.ProtocolErrorUnspecified, 1);
            return false;
        }
        message = new SecurityProtectedNasMessage
        {
            SecurityHeaderOctet = v[1],
            MessageAuthenticationCode = BinaryPrimitives.ReadUInt32BigEndian(v[2..]),
            SequenceNumber = v[6],
            Payload = pdu[HeaderLength..],
        };
        error = default;
        return true;
    }

    /// <summary>Decodes the payload as a plain message (valid when not ciphered, or ciphered with NEA0).</summary>
    public bool TryDecodeInner([NotNullWhen(true)] out NasMessage? inner, out NasError error)
    {
        if (!NasMessage.TryDecode(Payload, out inner, out error))
        {
            error = error with { Offset = error.Offset + HeaderLength };
            return false;
        }
        return true;
    }

    public override int GetEncodedLength() => HeaderLength + Payload.Length;

    public override void Encode(ref NasWriter writer)
    {
        writer.WriteByte(FiveGmmDiscriminator);
        writer.WriteByte(SecurityHeaderOctet);
        writer.WriteUInt16((int)(MessageAuthenticationCode >> 16));
        writer.WriteUInt16((int)(MessageAuthenticationCode & 0xFFFF));
        writer.WriteByte(SequenceNumber);
        writer.Write(Payload.Span);
    }
}
