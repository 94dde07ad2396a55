// TS 24.501 §8.2.19 Configuration update command.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Configuration update command (TS 24.501 §8.2.19).</summary>
public sealed class ConfigurationUpdateCommand() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.ConfigurationUpdateCommand, "Configuration update command",
    [
        IeSpec.Tv1(0xD, "Configuration update indication", IeKind.HalfOctet),
        IeSpec.TlvE(0x77, "5G-GUTI", IeKind.MobileIdentity, 11),
        IeSpec.Tlv(0x54, "TAI list", IeKind.TaiList, 7),
        IeSpec.Tlv(0x15, "Allowed NSSAI", IeKind.Nssai, 2),
        IeSpec.Tlv(0x27, "Service area list", IeKind.Opaque, 4),
        IeSpec.Tlv(0x43, "Full name for network", IeKind.Opaque, 1),
        IeSpec.Tlv(0x45, "Short name for network", IeKind.Opaque, 1),
        IeSpec.Tv(0x46, "Local time zone", IeKind.Octet, 1),
        IeSpec.Tv(0x47, "Universal time and local time zone", IeKind.Opaque, 7),
        IeSpec.Tlv(0x49, "Network daylight saving time", IeKind.Opaque, 1),
        IeSpec.TlvE(0x79, "LADN information", IeKind.Opaque, 0),
        IeSpec.Tv1(0xB, "MICO indication", IeKind.HalfOctet),
        IeSpec.Tv1(0x9, "Network slicing indication", IeKind.HalfOctet),
        IeSpec.Tlv(0x31, "Configured NSSAI", IeKind.Nssai, 2),
        IeSpec.Tlv(0x11, "Rejected NSSAI", IeKind.RejectedNssai, 2),
        IeSpec.TlvE(0x76, "Operator-defined access category definitions", IeKind.Opaque, 0),
        IeSpec.Tv1(0xF, "SMS indication", IeKind.HalfOctet),
        IeSpec.Tlv(0x6C, "T3447 value", IeKind.GprsTimer3, 1),
        IeSpec.TlvE(0x75, "CAG information list", IeKind.Opaque, 0),
        IeSpec.Tlv(0x67, "UE radio capability ID", IeKind.Opaque, 0),
        IeSpec.Tv1(0xA, "UE radio capability ID deletion indication", IeKind.HalfOctet),
        IeSpec.Tlv(0x44, "5GS registration result", IeKind.RegistrationResult, 1),
        IeSpec.Tlv(0x1B, "Truncated 5G-S-TMSI configuration", IeKind.Opaque, 1),
        IeSpec.Tv1(0xC, "Additional configuration indication", IeKind.HalfOctet),
        IeSpec.Tlv(0x68, "Extended rejected NSSAI", IeKind.Opaque, 3),
        IeSpec.TlvE(0x72, "Service-level-AA container", IeKind.Opaque, 0),
        IeSpec.TlvE(0x70, "NSSRG information", IeKind.Opaque, 0),
        IeSpec.Tlv(0x14, "Disaster roaming wait range", IeKind.Opaque, 2),
        IeSpec.Tlv(0x2C, "Disaster return wait range", IeKind.Opaque, 2),
        IeSpec.Tlv(0x13, "List of PLMNs to be used in disaster condition", IeKind.Opaque, 0),
        IeSpec.TlvE(0x71, "Extended CAG information list", IeKind.Opaque, 0),
        IeSpec.Tlv(0x1F, "Updated PEIPS assistance information", IeKind.Opaque, 1),
        IeSpec.TlvE(0x73, "NSAG information", IeKind.Opaque, 0),
        IeSpec.Tv1(0xE, "Priority indicator", IeKind.HalfOctet),
    ]);

    /// <summary>Configuration update indication.</summary>
    public HalfOctet? ConfigurationUpdateIndication { get => GetOptional<HalfOctet>(0); set => SetOptional(0, value); }

    /// <summary>5G-GUTI.</summary>
    public FiveGsMobileIdentity? Guti { get => GetOptional<FiveGsMobileIdentity>(1); set => SetOptional(1, value); }

    /// <summary>TAI list.</summary>
    public TaiList? TaiList { get => GetOptional<TaiList>(2); set => SetOptional(2, value); }

    /// <summary>Allowed NSSAI.</summary>
    public Nssai? AllowedNssai { get => GetOptional<Nssai>(3); set => SetOptional(3, value); }

    /// <summary>Service area list.</summary>
    public OctetString? ServiceAreaList { get => GetOptional<OctetString>(4); set => SetOptional(4, value); }

    /// <summary>Full name for network.</summary>
    public OctetString? FullNameForNetwork { get => GetOptional<OctetString>(5); set => SetOptional(5, value); }

    /// <summary>Short name for network.</summary>
    public OctetString? ShortNameForNetwork { get => GetOptional<OctetString>(6); set => SetOptional(6, value); }

    /// <summary>Local time zone.</summary>
    public OctetValue? LocalTimeZone { get => GetOptional<OctetValue>(7); set => SetOptional(7, value); }

    /// <summary>Universal time and local time zone.</summary>
    public OctetString? UniversalTimeAndLocalTimeZone { get => GetOptional<OctetString>(8); set => SetOptional(8, value); }

    /// <summary>Network daylight saving time.</summary>
    public OctetString? NetworkDaylightSavingTime { get => GetOptional<OctetString>(9); set => SetOptional(9, value); }

    /// <summary>LADN information.</summary>
    public OctetString? LadnInformation { get => GetOptional<OctetString>(10); set => SetOptional(10, value); }

    /// <summary>MICO indication.</summary>
    public HalfOctet? MicoIndication { get => GetOptional<HalfOctet>(11); set => SetOptional(11, value); }

    /// <summary>Network slicing indication.</summary>
    public HalfOctet? NetworkSlicingIndication { get => GetOptional<HalfOctet>(12); set => SetOptional(12, value); }

    /// <summary>Configured NSSAI.</summary>
    public Nssai? ConfiguredNssai { get => GetOptional<Nssai>(13); set => SetOptional(13, value); }

    /// <summary>Rejected NSSAI.</summary>
    public RejectedNssai? RejectedNssai { get => GetOptional<RejectedNssai>(14); set => SetOptional(14, value); }

    /// <summary>Operator-defined access category definitions.</summary>
    public OctetString? OperatorDefinedAccessCategoryDefinitions { get => GetOptional<OctetString>(15); set => SetOptional(15, value); }

    /// <summary>SMS indication.</summary>
    public HalfOctet? SmsIndication { get => GetOptional<HalfOctet>(16); set => SetOptional(16, value); }

    /// <summary>T3447 value.</summary>
    public GprsTimer? T3447Value { get => GetOptional<GprsTimer>(17); set => SetOptional(17, value); }

    /// <summary>CAG information list.</summary>
    public OctetString? CagInformationList { get => GetOptional<OctetString>(18); set => SetOptional(18, value); }

    /// <summary>UE radio capability ID.</summary>
    public OctetString? UeRadioCapabilityId { get => GetOptional<OctetString>(19); set => SetOptional(19, value); }

    /// <summary>UE radio capability ID deletion indication.</summary>
    public HalfOctet? UeRadioCapabilityIdDeletionIndication { get => GetOptional<HalfOctet>(20); set => SetOptional(20, value); }

    /// <summary>5GS registration result.</summary>
    public FiveGsRegistrationResult? RegistrationResult { get => GetOptional<FiveGsRegistrationResult>(21); set => SetOptional(21, value); }

    /// <summary>Truncated 5G-S-TMSI configuration.</summary>
    public OctetString? Truncated5GSTmsiConfiguration { get => GetOptional<OctetString>(22); set => SetOptional(22, value); }

    /// <summary>Additional configuration indication.</summary>
    public HalfOctet? AdditionalConfigurationIndication { get => GetOptional<HalfOctet>(23); set => SetOptional(23, value); }

    /// <summary>Extended rejected NSSAI.</summary>
    public OctetString? ExtendedRejectedNssai { get => GetOptional<OctetString>(24); set => SetOptional(24, value); }

    /// <summary>Service-level-AA container.</summary>
    public OctetString? ServiceLevelAaContainer { get => GetOptional<OctetString>(25); set => SetOptional(25, value); }

    /// <summary>NSSRG information.</summary>
    public OctetString? NssrgInformation { get => GetOptional<OctetString>(26); set => SetOptional(26, value); }

    /// <summary>Disaster roaming wait range.</summary>
    public OctetString? DisasterRoamingWaitRange { get => GetOptional<OctetString>(27); set => SetOptional(27, value); }

    /// <summary>Disaster return wait range.</summary>
    public OctetString? DisasterReturnWaitRange { get => GetOptional<OctetString>(28); set => SetOptional(28, value); }

    /// <summary>List of PLMNs to be used in disaster condition.</summary>
    public OctetString? ListOfPlmnsToBeUsedInDisasterCondition { get => GetOptional<OctetString>(29); set => SetOptional(29, value); }

    /// <summary>Extended CAG information list.</summary>
    public OctetString? ExtendedCagInformationList { get => GetOptional<OctetString>(30); set => SetOptional(30, value); }

    /// <summary>Updated PEIPS assistance information.</summary>
    public OctetString? UpdatedPeipsAssistanceInformation { get => GetOptional<OctetString>(31); set => SetOptional(31, value); }

    /// <summary>NSAG information.</summary>
    public OctetString? NsagInformation { get => GetOptional<OctetString>(32); set => SetOptional(32, value); }

    /// <summary>Priority indicator.</summary>
    public HalfOctet? PriorityIndicator { get => GetOptional<HalfOctet>(33); set => SetOptional(33, value); }
}
