// TS 24.501 §8.2.14 Deregistration request (UE terminated de-registration).
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Deregistration request (UE terminated de-registration) (TS 24.501 §8.2.14).</summary>
public sealed class DeregistrationRequestUeTerminated() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.DeregistrationRequestUeTerminated, "Deregistration request (UE terminated de-registration)",
    [
        IeSpec.VHalf("De-registration type", IeKind.DeregistrationType),
        IeSpec.Spare(),
        IeSpec.Tv(0x58, "5GMM cause", IeKind.FiveGmmCause, 1),
        IeSpec.Tlv(0x5F, "T3346 value", IeKind.GprsTimer2, 1),
        IeSpec.Tlv(0x6D, "Rejected NSSAI", IeKind.RejectedNssai, 2),
        IeSpec.TlvE(0x75, "CAG information list", IeKind.Opaque, 0),
        IeSpec.Tlv(0x68, "Extended rejected NSSAI", IeKind.Opaque, 3),
        IeSpec.Tlv(0x2C, "Disaster return wait range", IeKind.Opaque, 2),
        IeSpec.TlvE(0x71, "Extended CAG information list", IeKind.Opaque, 0),
        IeSpec.Tlv(0x3A, "Lower bound timer value", IeKind.GprsTimer3, 1),
        IeSpec.Tlv(0x1D, "Forbidden TAI(s) for the list of \"5GS forbidden tracking areas for roaming\"", IeKind.TaiList, 7),
        IeSpec.Tlv(0x1E, "Forbidden TAI(s) for the list of \"5GS forbidden tracking areas for regional provision of service\"", IeKind.TaiList, 7),
    ]);

    /// <summary>De-registration type.</summary>
    public HalfOctet DeregistrationType { get => Get<HalfOctet>(0); set => Set(0, value); }

    /// <summary>5GMM cause.</summary>
    public OctetValue? Cause { get => GetOptional<OctetValue>(2); set => SetOptional(2, value); }

    /// <summary>T3346 value.</summary>
    public GprsTimer? T3346Value { get => GetOptional<GprsTimer>(3); set => SetOptional(3, value); }

    /// <summary>Rejected NSSAI.</summary>
    public RejectedNssai? RejectedNssai { get => GetOptional<RejectedNssai>(4); set => SetOptional(4, value); }

    /// <summary>CAG information list.</summary>
    public OctetString? CagInformationList { get => GetOptional<OctetString>(5); set => SetOptional(5, value); }

    /// <summary>Extended rejected NSSAI.</summary>
    public OctetString? ExtendedRejectedNssai { get => GetOptional<OctetString>(6); set => SetOptional(6, value); }

    /// <summary>Disaster return wait range.</summary>
    public OctetString? DisasterReturnWaitRange { get => GetOptional<OctetString>(7); set => SetOptional(7, value); }

    /// <summary>Extended CAG information list.</summary>
    public OctetString? ExtendedCagInformationList { get => GetOptional<OctetString>(8); set => SetOptional(8, value); }

    /// <summary>Lower bound timer value.</summary>
    public GprsTimer? LowerBoundTimerValue { get => GetOptional<GprsTimer>(9); set => SetOptional(9, value); }

    /// <summary>Forbidden TAI(s) for the list of &quot;5GS forbidden tracking areas for roaming&quot;.</summary>
    public TaiList? ForbiddenTaisForRoaming { get => GetOptional<TaiList>(10); set => SetOptional(10, value); }

    /// <summary>Forbidden TAI(s) for the list of &quot;5GS forbidden tracking areas for regional provision of service&quot;.</summary>
    public TaiList? ForbiddenTaisForRegionalProvisionOfService { get => GetOptional<TaiList>(11); set => SetOptional(11, value); }
}
