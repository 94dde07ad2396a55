// TS 24.501 §8.2.10.1 and §7.7.2: the conditional IEs of the UlNasTransport message (the table part is generated from nas-messages.tsv).
namespace GlassCore.Nas.Messages;

public sealed partial class UlNasTransport
{
    /// <summary>
    /// §8.2.10.1: the PDU session ID is conditional, present when the payload container type is "N1 SM information"
    /// (§9.11.3.40 value 1); without it the message is a conditional IE error (§7.7.2, cause #100).
    /// </summary>
    internal override NasError ValidateMessage() =>
        PayloadContainerType.Value == PayloadContainerTypeN1SmInformation && PduSessionId is null
            ? NasError.Conditional(GetEncodedLength(), 0x12)
            : default;

    private const byte PayloadContainerTypeN1SmInformation = 1;
}
