// TS 24.501 §8.2.6 Registration request.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Registration request (TS 24.501 §8.2.6).</summary>
public sealed class RegistrationRequest() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.RegistrationRequest, "Registration request",
    [
        IeSpec.VHalf("5GS registration type", IeKind.RegistrationType),
        IeSpec.VHalf("ngKSI", IeKind.NasKeySetIdentifier),
        IeSpec.LvE("5GS mobile identity", IeKind.MobileIdentity, 1),
        IeSpec.Tv1(0xC, "Non-current native NAS key set identifier", IeKind.NasKeySetIdentifier),
        IeSpec.Tlv(0x10, "5GMM capability", IeKind.Opaque, 1),
        IeSpec.Tlv(0x2E, "UE security capability", IeKind.UeSecurityCapability, 2),
        IeSpec.Tlv(0x2F, "Requested NSSAI", IeKind.Nssai, 2),
        IeSpec.Tv(0x52, "Last visited registered TAI", IeKind.Tai, 6),
        IeSpec.Tlv(0x17, "S1 UE network capability", IeKind.Opaque, 2),
        IeSpec.Tlv(0x40, "Uplink data status", IeKind.PduSessionStatus, 2),
        IeSpec.Tlv(0x50, "PDU session status", IeKind.PduSessionStatus, 2),
        IeSpec.Tv1(0xB, "MICO indication", IeKind.HalfOctet),
        IeSpec.Tlv(0x2B, "UE status", IeKind.Opaque, 1),
        IeSpec.TlvE(0x77, "Additional GUTI", IeKind.MobileIdentity, 11),
        IeSpec.Tlv(0x25, "Allowed PDU session status", IeKind.PduSessionStatus, 2),
        IeSpec.Tlv(0x18, "UE's usage setting", IeKind.Opaque, 1),
        IeSpec.Tlv(0x51, "Requested DRX parameters", IeKind.Opaque, 1),
        IeSpec.TlvE(0x70, "EPS NAS message container", IeKind.Opaque, 0),
        IeSpec.TlvE(0x74, "LADN indication", IeKind.Opaque, 0),
        IeSpec.Tv1(0x8, "Payload container type", IeKind.PayloadContainerType),
        IeSpec.TlvE(0x7B, "Payload container", IeKind.PayloadContainer, 1),
        IeSpec.Tv1(0x9, "Network slicing indication", IeKind.HalfOctet),
        IeSpec.Tlv(0x53, "5GS update type", IeKind.Opaque, 1),
        IeSpec.Tlv(0x41, "Mobile station classmark 2", IeKind.Opaque, 3),
        IeSpec.Tlv(0x42, "Supported codecs", IeKind.Opaque, 3),
        IeSpec.TlvE(0x71, "NAS message container", IeKind.NasMessageContainer, 1),
        IeSpec.Tlv(0x60, "EPS bearer context status", IeKind.Opaque, 2),
        IeSpec.Tlv(0x6E, "Requested extended DRX parameters", IeKind.Opaque, 1),
        IeSpec.Tlv(0x6A, "T3324 value", IeKind.GprsTimer3, 1),
        IeSpec.Tlv(0x67, "UE radio capability ID", IeKind.Opaque, 0),
        IeSpec.Tlv(0x35, "Requested mapped NSSAI", IeKind.Opaque, 1),
        IeSpec.Tlv(0x48, "Additional information requested", IeKind.Opaque, 1),
        IeSpec.Tlv(0x1A, "Requested WUS assistance information", IeKind.Opaque, 1),
        IeSpec.Tv1(0xA, "N5GC indication", IeKind.HalfOctet),
        IeSpec.Tlv(0x30, "Requested NB-N1 mode DRX parameters", IeKind.Opaque, 1),
        IeSpec.Tlv(0x29, "UE request type", IeKind.Opaque, 1),
        IeSpec.Tlv(0x28, "Paging restriction", IeKind.Opaque, 1),
        IeSpec.TlvE(0x72, "Service-level-AA container", IeKind.Opaque, 0),
        IeSpec.Tlv(0x32, "NID", IeKind.Opaque, 6),
        IeSpec.Tlv(0x16, "MS determined PLMN with disaster condition", IeKind.PlmnList, 3),
        IeSpec.Tlv(0x2A, "Requested PEIPS assistance information", IeKind.Opaque, 1),
        IeSpec.Tlv(0x3B, "Requested T3512 value", IeKind.GprsTimer3, 1),
    ]);

    /// <summary>5GS registration type.</summary>
    public FiveGsRegistrationType RegistrationType { get => Get<FiveGsRegistrationType>(0); set => Set(0, value); }

    /// <summary>ngKSI.</summary>
    public NasKeySetIdentifier NgKsi { get => Get<NasKeySetIdentifier>(1); set => Set(1, value); }

    /// <summary>5GS mobile identity.</summary>
    public FiveGsMobileIdentity MobileIdentity { get => Get<FiveGsMobileIdentity>(2); set => Set(2, value); }

    /// <summary>Non-current native NAS key set identifier.</summary>
    public NasKeySetIdentifier? NonCurrentNativeNasKeySetIdentifier { get => GetOptional<NasKeySetIdentifier>(3); set => SetOptional(3, value); }

    /// <summary>5GMM capability.</summary>
    public OctetString? FiveGmmCapability { get => GetOptional<OctetString>(4); set => SetOptional(4, value); }

    /// <summary>UE security capability.</summary>
    public UeSecurityCapability? UeSecurityCapability { get => GetOptional<UeSecurityCapability>(5); set => SetOptional(5, value); }

    /// <summary>Requested NSSAI.</summary>
    public Nssai? RequestedNssai { get => GetOptional<Nssai>(6); set => SetOptional(6, value); }

    /// <summary>Last visited registered TAI.</summary>
    public TrackingAreaIdentity? LastVisitedRegisteredTai { get => GetOptional<TrackingAreaIdentity>(7); set => SetOptional(7, value); }

    /// <summary>S1 UE network capability.</summary>
    public OctetString? S1UeNetworkCapability { get => GetOptional<OctetString>(8); set => SetOptional(8, value); }

    /// <summary>Uplink data status.</summary>
    public PduSessionStatus? UplinkDataStatus { get => GetOptional<PduSessionStatus>(9); set => SetOptional(9, value); }

    /// <summary>PDU session status.</summary>
    public PduSessionStatus? PduSessionStatus { get => GetOptional<PduSessionStatus>(10); set => SetOptional(10, value); }

    /// <summary>MICO indication.</summary>
    public HalfOctet? MicoIndication { get => GetOptional<HalfOctet>(11); set => SetOptional(11, value); }

    /// <summary>UE status.</summary>
    public OctetString? UeStatus { get => GetOptional<OctetString>(12); set => SetOptional(12, value); }

    /// <summary>Additional GUTI.</summary>
    public FiveGsMobileIdentity? AdditionalGuti { get => GetOptional<FiveGsMobileIdentity>(13); set => SetOptional(13, value); }

    /// <summary>Allowed PDU session status.</summary>
    public PduSessionStatus? AllowedPduSessionStatus { get => GetOptional<PduSessionStatus>(14); set => SetOptional(14, value); }

    /// <summary>UE's usage setting.</summary>
    public OctetString? UesUsageSetting { get => GetOptional<OctetString>(15); set => SetOptional(15, value); }

    /// <summary>Requested DRX parameters.</summary>
    public OctetString? RequestedDrxParameters { get => GetOptional<OctetString>(16); set => SetOptional(16, value); }

    /// <summary>EPS NAS message container.</summary>
    public OctetString? EpsNasMessageContainer { get => GetOptional<OctetString>(17); set => SetOptional(17, value); }

    /// <summary>LADN indication.</summary>
    public OctetString? LadnIndication { get => GetOptional<OctetString>(18); set => SetOptional(18, value); }

    /// <summary>Payload container type.</summary>
    public HalfOctet? PayloadContainerType { get => GetOptional<HalfOctet>(19); set => SetOptional(19, value); }

    /// <summary>Payload container.</summary>
    public PayloadContainer? PayloadContainer { get => GetOptional<PayloadContainer>(20); set => SetOptional(20, value); }

    /// <summary>Network slicing indication.</summary>
    public HalfOctet? NetworkSlicingIndication { get => GetOptional<HalfOctet>(21); set => SetOptional(21, value); }

    /// <summary>5GS update type.</summary>
    public OctetString? FiveGsUpdateType { get => GetOptional<OctetString>(22); set => SetOptional(22, value); }

    /// <summary>Mobile station classmark 2.</summary>
    public OctetString? MobileStationClassmark2 { get => GetOptional<OctetString>(23); set => SetOptional(23, value); }

    /// <summary>Supported codecs.</summary>
    public OctetString? SupportedCodecs { get => GetOptional<OctetString>(24); set => SetOptional(24, value); }

    /// <summary>NAS message container.</summary>
    public OctetString? NasMessageContainer { get => GetOptional<OctetString>(25); set => SetOptional(25, value); }

    /// <summary>EPS bearer context status.</summary>
    public OctetString? EpsBearerContextStatus { get => GetOptional<OctetString>(26); set => SetOptional(26, value); }

    /// <summary>Requested extended DRX parameters.</summary>
    public OctetString? RequestedExtendedDrxParameters { get => GetOptional<OctetString>(27); set => SetOptional(27, value); }

    /// <summary>T3324 value.</summary>
    public GprsTimer? T3324Value { get => GetOptional<GprsTimer>(28); set => SetOptional(28, value); }

    /// <summary>UE radio capability ID.</summary>
    public OctetString? UeRadioCapabilityId { get => GetOptional<OctetString>(29); set => SetOptional(29, value); }

    /// <summary>Requested mapped NSSAI.</summary>
    public OctetString? RequestedMappedNssai { get => GetOptional<OctetString>(30); set => SetOptional(30, value); }

    /// <summary>Additional information requested.</summary>
    public OctetString? AdditionalInformationRequested { get => GetOptional<OctetString>(31); set => SetOptional(31, value); }

    /// <summary>Requested WUS assistance information.</summary>
    public OctetString? RequestedWusAssistanceInformation { get => GetOptional<OctetString>(32); set => SetOptional(32, value); }

    /// <summary>N5GC indication.</summary>
    public HalfOctet? N5gcIndication { get => GetOptional<HalfOctet>(33); set => SetOptional(33, value); }

    /// <summary>Requested NB-N1 mode DRX parameters.</summary>
    public OctetString? RequestedNbN1ModeDrxParameters { get => GetOptional<OctetString>(34); set => SetOptional(34, value); }

    /// <summary>UE request type.</summary>
    public OctetString? UeRequestType { get => GetOptional<OctetString>(35); set => SetOptional(35, value); }

    /// <summary>Paging restriction.</summary>
    public OctetString? PagingRestriction { get => GetOptional<OctetString>(36); set => SetOptional(36, value); }

    /// <summary>Service-level-AA container.</summary>
    public OctetString? ServiceLevelAaContainer { get => GetOptional<OctetString>(37); set => SetOptional(37, value); }

    /// <summary>NID.</summary>
    public OctetString? Nid { get => GetOptional<OctetString>(38); set => SetOptional(38, value); }

    /// <summary>MS determined PLMN with disaster condition.</summary>
    public OctetString? MsDeterminedPlmnWithDisasterCondition { get => GetOptional<OctetString>(39); set => SetOptional(39, value); }

    /// <summary>Requested PEIPS assistance information.</summary>
    public OctetString? RequestedPeipsAssistanceInformation { get => GetOptional<OctetString>(40); set => SetOptional(40, value); }

    /// <summary>Requested T3512 value.</summary>
    public GprsTimer? RequestedT3512Value { get => GetOptional<GprsTimer>(41); set => SetOptional(41, value); }
}
