// TS 24.501 §8.2.11 DL NAS transport.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>DL NAS transport (TS 24.501 §8.2.11).</summary>
public sealed class DlNasTransport() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.DlNasTransport, "DL NAS transport",
    [
        IeSpec.VHalf("Payload container type", IeKind.PayloadContainerType),
        IeSpec.Spare(),
        IeSpec.LvE("Payload container", IeKind.PayloadContainer, 1),
        IeSpec.Tv(0x12, "PDU session ID", IeKind.PduSessionIdentity, 1),
        IeSpec.Tlv(0x24, "Additional information", IeKind.Opaque, 1),
        IeSpec.Tv(0x58, "5GMM cause", IeKind.FiveGmmCause, 1),
        IeSpec.Tlv(0x37, "Back-off timer value", IeKind.GprsTimer3, 1),
        IeSpec.Tlv(0x3A, "Lower bound timer value", IeKind.GprsTimer3, 1),
    ]);

    /// <summary>Payload container type.</summary>
    public HalfOctet PayloadContainerType { get => Get<HalfOctet>(0); set => Set(0, value); }

    /// <summary>Payload container.</summary>
    public PayloadContainer PayloadContainer { get => Get<PayloadContainer>(2); set => Set(2, value); }

    /// <summary>PDU session ID.</summary>
    public OctetValue? PduSessionId { get => GetOptional<OctetValue>(3); set => SetOptional(3, value); }

    /// <summary>Additional information.</summary>
    public OctetString? AdditionalInformation { get => GetOptional<OctetString>(4); set => SetOptional(4, value); }

    /// <summary>5GMM cause.</summary>
    public OctetValue? Cause { get => GetOptional<OctetValue>(5); set => SetOptional(5, value); }

    /// <summary>Back-off timer value.</summary>
    public GprsTimer? BackOffTimerValue { get => GetOptional<GprsTimer>(6); set => SetOptional(6, value); }

    /// <summary>Lower bound timer value.</summary>
    public GprsTimer? LowerBoundTimerValue { get => GetOptional<GprsTimer>(7); set => SetOptional(7, value); }

    /// <summary>
    /// §8.2.11.1: the PDU session ID is conditional, present when the payload container type is "N1 SM information"
    /// (§9.11.3.40 value 1); without it the message is a conditional IE error (§7.7.2, cause #100).
    /// </summary>
    internal override NasError ValidateMessage() =>
        PayloadContainerType.Value == PayloadContainerTypeN1SmInformation && PduSessionId is null
            ? NasError.Conditional(GetEncodedLength(), 0x12)
            : default;

    private const byte PayloadContainerTypeN1SmInformation = 1;
}
