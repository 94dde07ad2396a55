// TS 24.501 §8.3.2 (the PDU address clause of table 8.3.2.1.1) and §7.7.2: a PDU session establishment accept for an IP PDU session carries the PDU address.
namespace GlassCore.Nas.Messages;

public sealed partial class PduSessionEstablishmentAccept
{
    /// <summary>
    /// §8.3.2: the network includes the PDU address when the selected PDU session type is IPv4, IPv6 or IPv4v6
    /// (§9.11.4.11 values 1-3); without it the UE has no address for the session: a conditional IE error (§7.7.2,
    /// 5GSM cause #100).
    /// </summary>
    internal override NasError ValidateMessage() =>
        SelectedPduSessionType.Value is >= 1 and <= 3 && PduAddress is null ? NasError.Conditional(GetEncodedLength(), PduAddressIei) : default;

    private const byte PduAddressIei = 0x29;
}
