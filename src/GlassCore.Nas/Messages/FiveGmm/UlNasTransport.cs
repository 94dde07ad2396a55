// TS 24.501 §8.2.10 UL NAS transport.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>UL NAS transport (TS 24.501 §8.2.10).</summary>
public sealed class UlNasTransport() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.UlNasTransport, "UL NAS transport",
    [
        IeSpec.VHalf("Payload container type", IeKind.PayloadContainerType),
        IeSpec.Spare(),
        IeSpec.LvE("Payload container", IeKind.PayloadContainer, 1),
        IeSpec.Tv(0x12, "PDU session ID", IeKind.PduSessionIdentity, 1),
        IeSpec.Tv(0x59, "Old PDU session ID", IeKind.PduSessionIdentity, 1),
        IeSpec.Tv1(0x8, "Request type", IeKind.RequestType),
        IeSpec.Tlv(0x22, "S-NSSAI", IeKind.SNssai, 1),
        IeSpec.Tlv(0x25, "DNN", IeKind.Dnn, 1),
        IeSpec.Tlv(0x24, "Additional information", IeKind.Opaque, 1),
        IeSpec.Tv1(0xA, "MA PDU session information", IeKind.HalfOctet),
        IeSpec.Tv1(0xF, "Release assistance indication", IeKind.HalfOctet),
    ]);

    /// <summary>Payload container type.</summary>
    public HalfOctet PayloadContainerType { get => Get<HalfOctet>(0); set => Set(0, value); }

    /// <summary>Payload container.</summary>
    public PayloadContainer PayloadContainer { get => Get<PayloadContainer>(2); set => Set(2, value); }

    /// <summary>PDU session ID.</summary>
    public OctetValue? PduSessionId { get => GetOptional<OctetValue>(3); set => SetOptional(3, value); }

    /// <summary>Old PDU session ID.</summary>
    public OctetValue? OldPduSessionId { get => GetOptional<OctetValue>(4); set => SetOptional(4, value); }

    /// <summary>Request type.</summary>
    public HalfOctet? RequestType { get => GetOptional<HalfOctet>(5); set => SetOptional(5, value); }

    /// <summary>S-NSSAI.</summary>
    public SNssai? SNssai { get => GetOptional<SNssai>(6); set => SetOptional(6, value); }

    /// <summary>DNN.</summary>
    public Dnn? Dnn { get => GetOptional<Dnn>(7); set => SetOptional(7, value); }

    /// <summary>Additional information.</summary>
    public OctetString? AdditionalInformation { get => GetOptional<OctetString>(8); set => SetOptional(8, value); }

    /// <summary>MA PDU session information.</summary>
    public HalfOctet? MaPduSessionInformation { get => GetOptional<HalfOctet>(9); set => SetOptional(9, value); }

    /// <summary>Release assistance indication.</summary>
    public HalfOctet? ReleaseAssistanceIndication { get => GetOptional<HalfOctet>(10); set => SetOptional(10, value); }

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
