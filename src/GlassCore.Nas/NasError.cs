// TS 24.501 §7 (handling of unknown, unforeseen and erroneous protocol data): the typed decode failure.
namespace GlassCore.Nas;

/// <summary>What went wrong while decoding; the matching 5GMM/5GSM cause is in <see cref="NasError.Cause"/>.</summary>
public enum NasErrorKind : byte
{
    None = 0,
    /// <summary>§7.2: shorter than its header or a mandatory part; the receiver ignores the message.</summary>
    MessageTooShort,
    /// <summary>§7.3: extended protocol discriminator not 5GMM (0x7E) or 5GSM (0x2E).</summary>
    UnknownProtocolDiscriminator,
    /// <summary>§7.4: message type not defined.</summary>
    MessageTypeNonExistent,
    /// <summary>§7.5: a mandatory IE is missing or its contents are wrong.</summary>
    InvalidMandatoryInformation,
    /// <summary>§7.6.1: an unknown IE encoded as comprehension required.</summary>
    UnknownComprehensionRequiredIe,
    /// <summary>§7.4 / §9.1: security header type not defined, or a protected message where none may be.</summary>
    InvalidSecurityHeader,
    /// <summary>Bytes follow the last IE that cannot be parsed as an IE.</summary>
    TrailingGarbage,
    /// <summary>§7.7.2: a conditional IE is missing where the message's other contents require it.</summary>
    ConditionalIeError,
}

/// <summary>TS 24.501 §9.11.3.2 5GMM cause values the decoder reports (the 5GSM values of §9.11.4.2 are the same numbers).</summary>
public static class NasCauses
{
    public const byte SemanticallyIncorrectMessage = 95;
    public const byte InvalidMandatoryInformation = 96;
    public const byte MessageTypeNonExistent = 97;
    public const byte MessageTypeNotCompatible = 98;
    public const byte IeNonExistent = 99;
    public const byte ConditionalIeError = 100;
    public const byte MessageNotCompatible = 101;
    public const byte ProtocolErrorUnspecified = 111;
}

/// <summary>A decode failure: the kind, the 5GMM/5GSM cause to answer with, the byte offset and the IEI involved (0 if none).</summary>
public readonly record struct NasError(NasErrorKind Kind, byte Cause, int Offset, byte Iei = 0)
{
    public bool IsError => Kind != NasErrorKind.None;

    internal static NasError TooShort(int offset) => new(NasErrorKind.MessageTooShort, NasCauses.ProtocolErrorUnspecified, offset);

    /// <summary>§7.7.2: cause #100; the offset is the end of the message, where the missing IE would have been looked for.</summary>
    internal static NasError Conditional(int offset, byte iei) => new(NasErrorKind.ConditionalIeError, NasCauses.ConditionalIeError, offset, iei);

    internal static NasError Mandatory(int offset, byte iei = 0) => new(NasErrorKind.InvalidMandatoryInformation, NasCauses.InvalidMandatoryInformation, offset, iei);

    public override string ToString() =>
        $"{Kind} (cause #{Cause}) at offset {Offset}" + (Iei != 0 ? $", IEI 0x{Iei:x2}" : "");
}
