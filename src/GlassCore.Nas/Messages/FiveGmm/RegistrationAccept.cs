// TS 24.501 §8.2.7 Registration accept.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Registration accept (TS 24.501 §8.2.7).</summary>
public sealed class RegistrationAccept() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.RegistrationAccept, "Registration accept",
    [
        IeSpec.Lv("5GS registration result", IeKind.RegistrationResult, 1),
        IeSpec.TlvE(0x77, "5G-GUTI", IeKind.MobileIdentity, 11),
        IeSpec.Tlv(0x4A, "Equivalent PLMNs", IeKind.PlmnList, 3),
        IeSpec.Tlv(0x54, "TAI list", IeKind.TaiList, 7),
        IeSpec.Tlv(0x15, "Allowed NSSAI", IeKind.Nssai, 2),
        IeSpec.Tlv(0x11, "Rejected NSSAI", IeKind.RejectedNssai, 2),
        IeSpec.Tlv(0x31, "Configured NSSAI", IeKind.Nssai, 2),
        IeSpec.Tlv(0x21, "5GS network feature support", IeKind.NetworkFeatureSupport, 1),
        IeSpec.Tlv(0x50, "PDU session status", IeKind.PduSessionStatus, 2),
        IeSpec.Tlv(0x26, "PDU session reactivation result", IeKind.PduSessionStatus, 2),
        IeSpec.TlvE(0x72, "PDU session reactivation result error cause", IeKind.Opaque, 2),
        IeSpec.TlvE(0x79, "LADN information", IeKind.Opaque, 0),
        IeSpec.Tv1(0xB, "MICO indication", IeKind.HalfOctet),
        IeSpec.Tv1(0x9, "Network slicing indication", IeKind.HalfOctet),
        IeSpec.Tlv(0x27, "Service area list", IeKind.Opaque, 4),
        IeSpec.Tlv(0x5E, "T3512 value", IeKind.GprsTimer3, 1),
        IeSpec.Tlv(0x5D, "Non-3GPP de-registration timer value", IeKind.GprsTimer2, 1),
        IeSpec.Tlv(0x16, "T3502 value", IeKind.GprsTimer2, 1),
        IeSpec.Tlv(0x34, "Emergency number list", IeKind.Opaque, 3),
        IeSpec.TlvE(0x7A, "Extended emergency number list", IeKind.Opaque, 4),
        IeSpec.TlvE(0x73, "SOR transparent container", IeKind.Opaque, 17),
        IeSpec.TlvE(0x78, "EAP message", IeKind.EapMessage, 4),
        IeSpec.Tv1(0xA, "NSSAI inclusion mode", IeKind.HalfOctet),
        IeSpec.TlvE(0x76, "Operator-defined access category definitions", IeKind.Opaque, 0),
        IeSpec.Tlv(0x51, "Negotiated DRX parameters", IeKind.Opaque, 1),
        IeSpec.Tv1(0xD, "Non-3GPP NW policies", IeKind.HalfOctet),
        IeSpec.Tlv(0x60, "EPS bearer context status", IeKind.Opaque, 2),
        IeSpec.Tlv(0x6E, "Negotiated extended DRX parameters", IeKind.Opaque, 1),
        IeSpec.Tlv(0x6C, "T3447 value", IeKind.GprsTimer3, 1),
        IeSpec.Tlv(0x6B, "T3448 value", IeKind.GprsTimer3, 1),
        IeSpec.Tlv(0x6A, "T3324 value", IeKind.GprsTimer3, 1),
        IeSpec.Tlv(0x67, "UE radio capability ID", IeKind.Opaque, 0),
        IeSpec.Tv1(0xE, "UE radio capability ID deletion indication", IeKind.HalfOctet),
        IeSpec.Tlv(0x39, "Pending NSSAI", IeKind.Nssai, 2),
        IeSpec.TlvE(0x74, "Ciphering key data", IeKind.Opaque, 0),
        IeSpec.TlvE(0x75, "CAG information list", IeKind.Opaque, 0),
        IeSpec.Tlv(0x1B, "Truncated 5G-S-TMSI configuration", IeKind.Opaque, 1),
        IeSpec.Tlv(0x1C, "Negotiated WUS assistance information", IeKind.Opaque, 1),
        IeSpec.Tlv(0x29, "Negotiated NB-N1 mode DRX parameters", IeKind.Opaque, 1),
        IeSpec.Tlv(0x68, "Extended rejected NSSAI", IeKind.Opaque, 3),
        IeSpec.TlvE(0x7B, "Service-level-AA container", IeKind.Opaque, 0),
        IeSpec.Tlv(0x33, "Negotiated PEIPS assistance information", IeKind.Opaque, 1),
        IeSpec.Tlv(0x35, "5GS additional request result", IeKind.Opaque, 1),
        IeSpec.TlvE(0x70, "NSSRG information", IeKind.Opaque, 0),
        IeSpec.Tlv(0x14, "Disaster roaming wait range", IeKind.Opaque, 2),
        IeSpec.Tlv(0x2C, "Disaster return wait range", IeKind.Opaque, 2),
        IeSpec.Tlv(0x13, "List of PLMNs to be used in disaster condition", IeKind.Opaque, 0),
        IeSpec.Tlv(0x1D, "Forbidden TAI(s) for the list of \"5GS forbidden tracking areas for roaming\"", IeKind.TaiList, 7),
        IeSpec.Tlv(0x1E, "Forbidden TAI(s) for the list of \"5GS forbidden tracking areas for regional provision of service\"", IeKind.TaiList, 7),
        IeSpec.TlvE(0x71, "Extended CAG information list", IeKind.Opaque, 0),
        IeSpec.TlvE(0x7C, "NSAG information", IeKind.Opaque, 0),
    ]);

    /// <summary>5GS registration result.</summary>
    public FiveGsRegistrationResult RegistrationResult { get => Get<FiveGsRegistrationResult>(0); set => Set(0, value); }

    /// <summary>5G-GUTI.</summary>
    public FiveGsMobileIdentity? Guti { get => GetOptional<FiveGsMobileIdentity>(1); set => SetOptional(1, value); }

    /// <summary>Equivalent PLMNs.</summary>
    public OctetString? EquivalentPlmns { get => GetOptional<OctetString>(2); set => SetOptional(2, value); }

    /// <summary>TAI list.</summary>
    public TaiList? TaiList { get => GetOptional<TaiList>(3); set => SetOptional(3, value); }

    /// <summary>Allowed NSSAI.</summary>
    public Nssai? AllowedNssai { get => GetOptional<Nssai>(4); set => SetOptional(4, value); }

    /// <summary>Rejected NSSAI.</summary>
    public RejectedNssai? RejectedNssai { get => GetOptional<RejectedNssai>(5); set => SetOptional(5, value); }

    /// <summary>Configured NSSAI.</summary>
    public Nssai? ConfiguredNssai { get => GetOptional<Nssai>(6); set => SetOptional(6, value); }

    /// <summary>5GS network feature support.</summary>
    public OctetString? NetworkFeatureSupport { get => GetOptional<OctetString>(7); set => SetOptional(7, value); }

    /// <summary>PDU session status.</summary>
    public PduSessionStatus? PduSessionStatus { get => GetOptional<PduSessionStatus>(8); set => SetOptional(8, value); }

    /// <summary>PDU session reactivation result.</summary>
    public PduSessionStatus? PduSessionReactivationResult { get => GetOptional<PduSessionStatus>(9); set => SetOptional(9, value); }

    /// <summary>PDU session reactivation result error cause.</summary>
    public OctetString? PduSessionReactivationResultErrorCause { get => GetOptional<OctetString>(10); set => SetOptional(10, value); }

    /// <summary>LADN information.</summary>
    public OctetString? LadnInformation { get => GetOptional<OctetString>(11); set => SetOptional(11, value); }

    /// <summary>MICO indication.</summary>
    public HalfOctet? MicoIndication { get => GetOptional<HalfOctet>(12); set => SetOptional(12, value); }

    /// <summary>Network slicing indication.</summary>
    public HalfOctet? NetworkSlicingIndication { get => GetOptional<HalfOctet>(13); set => SetOptional(13, value); }

    /// <summary>Service area list.</summary>
    public OctetString? ServiceAreaList { get => GetOptional<OctetString>(14); set => SetOptional(14, value); }

    /// <summary>T3512 value.</summary>
    public GprsTimer? T3512Value { get => GetOptional<GprsTimer>(15); set => SetOptional(15, value); }

    /// <summary>Non-3GPP de-registration timer value.</summary>
    public GprsTimer? Non3gppDeregistrationTimerValue { get => GetOptional<GprsTimer>(16); set => SetOptional(16, value); }

    /// <summary>T3502 value.</summary>
    public GprsTimer? T3502Value { get => GetOptional<GprsTimer>(17); set => SetOptional(17, value); }

    /// <summary>Emergency number list.</summary>
    public OctetString? EmergencyNumberList { get => GetOptional<OctetString>(18); set => SetOptional(18, value); }

    /// <summary>Extended emergency number list.</summary>
    public OctetString? ExtendedEmergencyNumberList { get => GetOptional<OctetString>(19); set => SetOptional(19, value); }

    /// <summary>SOR transparent container.</summary>
    public OctetString? SorTransparentContainer { get => GetOptional<OctetString>(20); set => SetOptional(20, value); }

    /// <summary>EAP message.</summary>
    public OctetString? EapMessage { get => GetOptional<OctetString>(21); set => SetOptional(21, value); }

    /// <summary>NSSAI inclusion mode.</summary>
    public HalfOctet? NssaiInclusionMode { get => GetOptional<HalfOctet>(22); set => SetOptional(22, value); }

    /// <summary>Operator-defined access category definitions.</summary>
    public OctetString? OperatorDefinedAccessCategoryDefinitions { get => GetOptional<OctetString>(23); set => SetOptional(23, value); }

    /// <summary>Negotiated DRX parameters.</summary>
    public OctetString? NegotiatedDrxParameters { get => GetOptional<OctetString>(24); set => SetOptional(24, value); }

    /// <summary>Non-3GPP NW policies.</summary>
    public HalfOctet? Non3gppNwPolicies { get => GetOptional<HalfOctet>(25); set => SetOptional(25, value); }

    /// <summary>EPS bearer context status.</summary>
    public OctetString? EpsBearerContextStatus { get => GetOptional<OctetString>(26); set => SetOptional(26, value); }

    /// <summary>Negotiated extended DRX parameters.</summary>
    public OctetString? NegotiatedExtendedDrxParameters { get => GetOptional<OctetString>(27); set => SetOptional(27, value); }

    /// <summary>T3447 value.</summary>
    public GprsTimer? T3447Value { get => GetOptional<GprsTimer>(28); set => SetOptional(28, value); }

    /// <summary>T3448 value.</summary>
    public GprsTimer? T3448Value { get => GetOptional<GprsTimer>(29); set => SetOptional(29, value); }

    /// <summary>T3324 value.</summary>
    public GprsTimer? T3324Value { get => GetOptional<GprsTimer>(30); set => SetOptional(30, value); }

    /// <summary>UE radio capability ID.</summary>
    public OctetString? UeRadioCapabilityId { get => GetOptional<OctetString>(31); set => SetOptional(31, value); }

    /// <summary>UE radio capability ID deletion indication.</summary>
    public HalfOctet? UeRadioCapabilityIdDeletionIndication { get => GetOptional<HalfOctet>(32); set => SetOptional(32, value); }

    /// <summary>Pending NSSAI.</summary>
    public Nssai? PendingNssai { get => GetOptional<Nssai>(33); set => SetOptional(33, value); }

    /// <summary>Ciphering key data.</summary>
    public OctetString? CipheringKeyData { get => GetOptional<OctetString>(34); set => SetOptional(34, value); }

    /// <summary>CAG information list.</summary>
    public OctetString? CagInformationList { get => GetOptional<OctetString>(35); set => SetOptional(35, value); }

    /// <summary>Truncated 5G-S-TMSI configuration.</summary>
    public OctetString? Truncated5GSTmsiConfiguration { get => GetOptional<OctetString>(36); set => SetOptional(36, value); }

    /// <summary>Negotiated WUS assistance information.</summary>
    public OctetString? NegotiatedWusAssistanceInformation { get => GetOptional<OctetString>(37); set => SetOptional(37, value); }

    /// <summary>Negotiated NB-N1 mode DRX parameters.</summary>
    public OctetString? NegotiatedNbN1ModeDrxParameters { get => GetOptional<OctetString>(38); set => SetOptional(38, value); }

    /// <summary>Extended rejected NSSAI.</summary>
    public OctetString? ExtendedRejectedNssai { get => GetOptional<OctetString>(39); set => SetOptional(39, value); }

    /// <summary>Service-level-AA container.</summary>
    public OctetString? ServiceLevelAaContainer { get => GetOptional<OctetString>(40); set => SetOptional(40, value); }

    /// <summary>Negotiated PEIPS assistance information.</summary>
    public OctetString? NegotiatedPeipsAssistanceInformation { get => GetOptional<OctetString>(41); set => SetOptional(41, value); }

    /// <summary>5GS additional request result.</summary>
    public OctetString? AdditionalRequestResult { get => GetOptional<OctetString>(42); set => SetOptional(42, value); }

    /// <summary>NSSRG information.</summary>
    public OctetString? NssrgInformation { get => GetOptional<OctetString>(43); set => SetOptional(43, value); }

    /// <summary>Disaster roaming wait range.</summary>
    public OctetString? DisasterRoamingWaitRange { get => GetOptional<OctetString>(44); set => SetOptional(44, value); }

    /// <summary>Disaster return wait range.</summary>
    public OctetString? DisasterReturnWaitRange { get => GetOptional<OctetString>(45); set => SetOptional(45, value); }

    /// <summary>List of PLMNs to be used in disaster condition.</summary>
    public OctetString? ListOfPlmnsToBeUsedInDisasterCondition { get => GetOptional<OctetString>(46); set => SetOptional(46, value); }

    /// <summary>Forbidden TAI(s) for the list of &quot;5GS forbidden tracking areas for roaming&quot;.</summary>
    public TaiList? ForbiddenTaisForRoaming { get => GetOptional<TaiList>(47); set => SetOptional(47, value); }

    /// <summary>Forbidden TAI(s) for the list of &quot;5GS forbidden tracking areas for regional provision of service&quot;.</summary>
    public TaiList? ForbiddenTaisForRegionalProvisionOfService { get => GetOptional<TaiList>(48); set => SetOptional(48, value); }

    /// <summary>Extended CAG information list.</summary>
    public OctetString? ExtendedCagInformationList { get => GetOptional<OctetString>(49); set => SetOptional(49, value); }

    /// <summary>NSAG information.</summary>
    public OctetString? NsagInformation { get => GetOptional<OctetString>(50); set => SetOptional(50, value); }
}
