// TS 24.501 §8.2.30 Control plane service request.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Control plane service request (TS 24.501 §8.2.30).</summary>
public sealed class ControlPlaneServiceRequest() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.ControlPlaneServiceRequest, "Control plane service request",
    [
        IeSpec.VHalf("ngKSI", IeKind.NasKeySetIdentifier),
        IeSpec.VHalf("Control plane service type", IeKind.HalfOctet),
        IeSpec.Tlv(0x6F, "CIoT small data container", IeKind.Opaque, 1),
        IeSpec.Tv1(0x8, "Payload container type", IeKind.PayloadContainerType),
        IeSpec.TlvE(0x7B, "Payload container", IeKind.PayloadContainer, 1),
        IeSpec.Tv(0x12, "PDU session ID", IeKind.PduSessionIdentity, 1),
        IeSpec.Tlv(0x50, "PDU session status", IeKind.PduSessionStatus, 2),
        IeSpec.Tv1(0xF, "Release assistance indication", IeKind.HalfOctet),
        IeSpec.Tlv(0x40, "Uplink data status", IeKind.PduSessionStatus, 2),
        IeSpec.TlvE(0x71, "NAS message container", IeKind.NasMessageContainer, 1),
        IeSpec.Tlv(0x24, "Additional information", IeKind.Opaque, 1),
        IeSpec.Tlv(0x25, "Allowed PDU session status", IeKind.PduSessionStatus, 2),
        IeSpec.Tlv(0x29, "UE request type", IeKind.Opaque, 1),
        IeSpec.Tlv(0x28, "Paging restriction", IeKind.Opaque, 1),
    ]);

    /// <summary>ngKSI.</summary>
    public NasKeySetIdentifier NgKsi { get => Get<NasKeySetIdentifier>(0); set => Set(0, value); }

    /// <summary>Control plane service type.</summary>
    public HalfOctet ControlPlaneServiceType { get => Get<HalfOctet>(1); set => Set(1, value); }

    /// <summary>CIoT small data container.</summary>
    public OctetString? CiotSmallDataContainer { get => GetOptional<OctetString>(2); set => SetOptional(2, value); }

    /// <summary>Payload container type.</summary>
    public HalfOctet? PayloadContainerType { get => GetOptional<HalfOctet>(3); set => SetOptional(3, value); }

    /// <summary>Payload container.</summary>
    public PayloadContainer? PayloadContainer { get => GetOptional<PayloadContainer>(4); set => SetOptional(4, value); }

    /// <summary>PDU session ID.</summary>
    public OctetValue? PduSessionId { get => GetOptional<OctetValue>(5); set => SetOptional(5, value); }

    /// <summary>PDU session status.</summary>
    public PduSessionStatus? PduSessionStatus { get => GetOptional<PduSessionStatus>(6); set => SetOptional(6, value); }

    /// <summary>Release assistance indication.</summary>
    public HalfOctet? ReleaseAssistanceIndication { get => GetOptional<HalfOctet>(7); set => SetOptional(7, value); }

    /// <summary>Uplink data status.</summary>
    public PduSessionStatus? UplinkDataStatus { get => GetOptional<PduSessionStatus>(8); set => SetOptional(8, value); }

    /// <summary>NAS message container.</summary>
    public OctetString? NasMessageContainer { get => GetOptional<OctetString>(9); set => SetOptional(9, value); }

    /// <summary>Additional information.</summary>
    public OctetString? AdditionalInformation { get => GetOptional<OctetString>(10); set => SetOptional(10, value); }

    /// <summary>Allowed PDU session status.</summary>
    public PduSessionStatus? AllowedPduSessionStatus { get => GetOptional<PduSessionStatus>(11); set => SetOptional(11, value); }

    /// <summary>UE request type.</summary>
    public OctetString? UeRequestType { get => GetOptional<OctetString>(12); set => SetOptional(12, value); }

    /// <summary>Paging restriction.</summary>
    public OctetString? PagingRestriction { get => GetOptional<OctetString>(13); set => SetOptional(13, value); }
}
