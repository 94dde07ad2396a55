// TS 24.501 §8.2.16 Service request.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Service request (TS 24.501 §8.2.16).</summary>
public sealed class ServiceRequest() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.ServiceRequest, "Service request",
    [
        IeSpec.VHalf("ngKSI", IeKind.NasKeySetIdentifier),
        IeSpec.VHalf("Service type", IeKind.ServiceType),
        IeSpec.LvE("5G-S-TMSI", IeKind.MobileIdentity, 7),
        IeSpec.Tlv(0x40, "Uplink data status", IeKind.PduSessionStatus, 2),
        IeSpec.Tlv(0x50, "PDU session status", IeKind.PduSessionStatus, 2),
        IeSpec.Tlv(0x25, "Allowed PDU session status", IeKind.PduSessionStatus, 2),
        IeSpec.TlvE(0x71, "NAS message container", IeKind.NasMessageContainer, 1),
        IeSpec.Tlv(0x29, "UE request type", IeKind.Opaque, 1),
        IeSpec.Tlv(0x28, "Paging restriction", IeKind.Opaque, 1),
    ]);

    /// <summary>ngKSI.</summary>
    public NasKeySetIdentifier NgKsi { get => Get<NasKeySetIdentifier>(0); set => Set(0, value); }

    /// <summary>Service type.</summary>
    public HalfOctet ServiceType { get => Get<HalfOctet>(1); set => Set(1, value); }

    /// <summary>5G-S-TMSI.</summary>
    public FiveGsMobileIdentity STmsi { get => Get<FiveGsMobileIdentity>(2); set => Set(2, value); }

    /// <summary>Uplink data status.</summary>
    public PduSessionStatus? UplinkDataStatus { get => GetOptional<PduSessionStatus>(3); set => SetOptional(3, value); }

    /// <summary>PDU session status.</summary>
    public PduSessionStatus? PduSessionStatus { get => GetOptional<PduSessionStatus>(4); set => SetOptional(4, value); }

    /// <summary>Allowed PDU session status.</summary>
    public PduSessionStatus? AllowedPduSessionStatus { get => GetOptional<PduSessionStatus>(5); set => SetOptional(5, value); }

    /// <summary>NAS message container.</summary>
    public OctetString? NasMessageContainer { get => GetOptional<OctetString>(6); set => SetOptional(6, value); }

    /// <summary>UE request type.</summary>
    public OctetString? UeRequestType { get => GetOptional<OctetString>(7); set => SetOptional(7, value); }

    /// <summary>Paging restriction.</summary>
    public OctetString? PagingRestriction { get => GetOptional<OctetString>(8); set => SetOptional(8, value); }
}
