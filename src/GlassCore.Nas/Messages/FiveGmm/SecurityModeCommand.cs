// TS 24.501 §8.2.25 Security mode command.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Security mode command (TS 24.501 §8.2.25).</summary>
public sealed class SecurityModeCommand() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.SecurityModeCommand, "Security mode command",
    [
        IeSpec.V("Selected NAS security algorithms", IeKind.NasSecurityAlgorithms, 1),
        IeSpec.VHalf("ngKSI", IeKind.NasKeySetIdentifier),
        IeSpec.Spare(),
        IeSpec.Lv("Replayed UE security capabilities", IeKind.UeSecurityCapability, 2),
        IeSpec.Tv1(0xE, "IMEISV request", IeKind.HalfOctet),
        IeSpec.Tv(0x57, "Selected EPS NAS security algorithms", IeKind.NasSecurityAlgorithms, 1),
        IeSpec.Tlv(0x36, "Additional 5G security information", IeKind.Opaque, 1),
        IeSpec.TlvE(0x78, "EAP message", IeKind.EapMessage, 4),
        IeSpec.Tlv(0x38, "ABBA", IeKind.Abba, 2),
        IeSpec.Tlv(0x19, "Replayed S1 UE security capabilities", IeKind.Opaque, 2),
    ]);

    /// <summary>Selected NAS security algorithms.</summary>
    public NasSecurityAlgorithms SelectedNasSecurityAlgorithms { get => Get<NasSecurityAlgorithms>(0); set => Set(0, value); }

    /// <summary>ngKSI.</summary>
    public NasKeySetIdentifier NgKsi { get => Get<NasKeySetIdentifier>(1); set => Set(1, value); }

    /// <summary>Replayed UE security capabilities.</summary>
    public UeSecurityCapability ReplayedUeSecurityCapabilities { get => Get<UeSecurityCapability>(3); set => Set(3, value); }

    /// <summary>IMEISV request.</summary>
    public HalfOctet? ImeisvRequest { get => GetOptional<HalfOctet>(4); set => SetOptional(4, value); }

    /// <summary>Selected EPS NAS security algorithms.</summary>
    public NasSecurityAlgorithms? SelectedEpsNasSecurityAlgorithms { get => GetOptional<NasSecurityAlgorithms>(5); set => SetOptional(5, value); }

    /// <summary>Additional 5G security information.</summary>
    public OctetString? AdditionalSecurityInformation { get => GetOptional<OctetString>(6); set => SetOptional(6, value); }

    /// <summary>EAP message.</summary>
    public OctetString? EapMessage { get => GetOptional<OctetString>(7); set => SetOptional(7, value); }

    /// <summary>ABBA.</summary>
    public OctetString? Abba { get => GetOptional<OctetString>(8); set => SetOptional(8, value); }

    /// <summary>Replayed S1 UE security capabilities.</summary>
    public OctetString? ReplayedS1UeSecurityCapabilities { get => GetOptional<OctetString>(9); set => SetOptional(9, value); }
}
