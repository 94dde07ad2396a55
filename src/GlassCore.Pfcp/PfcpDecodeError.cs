// TS 29.244 §7.6 (error handling): a decode failure carries the Cause to answer with and the offending IE.
namespace GlassCore.Pfcp;

/// <summary>Why a PFCP message could not be decoded.</summary>
public enum PfcpErrorKind : byte
{
    /// <summary>No usable header: the message cannot be answered and is dropped (§7.6.2).</summary>
    Header,
    /// <summary>Header version other than 1: answered with Version Not Supported Response (§7.4.4.7).</summary>
    VersionNotSupported,
    /// <summary>The header is fine but an IE is missing or wrong: a request is answered with <see cref="PfcpDecodeError.Cause"/>.</summary>
    Ie,
}

/// <summary>A decode failure: the PFCP cause to answer with, the offending IE type (0 if none) and the byte offset.</summary>
public readonly record struct PfcpDecodeError(PfcpErrorKind Kind, PfcpCause Cause, ushort OffendingIe, int Offset, string Reason)
{
    public override string ToString() =>
        OffendingIe == 0
            ? $"{Reason} (cause {(byte)Cause} {Cause}, offset {Offset})"
            : $"{Reason} (cause {(byte)Cause} {Cause}, IE {OffendingIe} {PfcpIeNames.Get(OffendingIe)}, offset {Offset})";
}
