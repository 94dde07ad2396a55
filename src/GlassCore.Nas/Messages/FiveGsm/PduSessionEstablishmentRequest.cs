// TS 24.501 §8.3.1 PDU session establishment request.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>PDU session establishment request (TS 24.501 §8.3.1).</summary>
public sealed class PduSessionEstablishmentRequest() : FiveGsmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.PduSessionEstablishmentRequest, "PDU session establishment request",
    [
        IeSpec.V("Integrity protection maximum data rate", IeKind.IntegrityProtectionMaximumDataRate, 2),
        IeSpec.Tv1(0x9, "PDU session type", IeKind.PduSessionType),
        IeSpec.Tv1(0xA, "SSC mode", IeKind.SscMode),
        IeSpec.Tlv(0x28, "5GSM capability", IeKind.Opaque, 1),
        IeSpec.Tv(0x55, "Maximum number of supported packet filters", IeKind.Opaque, 2),
        IeSpec.Tv1(0xB, "Always-on PDU session requested", IeKind.HalfOctet),
        IeSpec.Tlv(0x39, "SM PDU DN request container", IeKind.Opaque, 1),
        IeSpec.TlvE(0x7B, "Extended protocol configuration options", IeKind.ExtendedPco, 1),
        IeSpec.Tlv(0x66, "IP header compression configuration", IeKind.Opaque, 3),
        IeSpec.Tlv(0x6E, "DS-TT Ethernet port MAC address", IeKind.Opaque, 6),
        IeSpec.Tlv(0x6F, "UE-DS-TT residence time", IeKind.Opaque, 8),
        IeSpec.TlvE(0x74, "Port management information container", IeKind.Opaque, 1),
        IeSpec.Tlv(0x1F, "Ethernet header compression configuration", IeKind.Opaque, 1),
        IeSpec.Tlv(0x29, "Suggested interface identifier", IeKind.Opaque, 9),
        IeSpec.TlvE(0x72, "Service-level-AA container", IeKind.Opaque, 0),
        IeSpec.TlvE(0x70, "Requested MBS container", IeKind.Opaque, 0),
        IeSpec.Tlv(0x34, "PDU session pair ID", IeKind.Opaque, 1),
        IeSpec.Tlv(0x35, "RSN", IeKind.Opaque, 1),
    ]);

    /// <summary>Integrity protection maximum data rate.</summary>
    public OctetString IntegrityProtectionMaximumDataRate { get => Get<OctetString>(0); set => Set(0, value); }

    /// <summary>PDU session type.</summary>
    public HalfOctet? PduSessionType { get => GetOptional<HalfOctet>(1); set => SetOptional(1, value); }

    /// <summary>SSC mode.</summary>
    public HalfOctet? SscMode { get => GetOptional<HalfOctet>(2); set => SetOptional(2, value); }

    /// <summary>5GSM capability.</summary>
    public OctetString? FiveGsmCapability { get => GetOptional<OctetString>(3); set => SetOptional(3, value); }

    /// <summary>Maximum number of supported packet filters.</summary>
    public OctetString? MaximumNumberOfSupportedPacketFilters { get => GetOptional<OctetString>(4); set => SetOptional(4, value); }

    /// <summary>Always-on PDU session requested.</summary>
    public HalfOctet? AlwaysOnPduSessionRequested { get => GetOptional<HalfOctet>(5); set => SetOptional(5, value); }

    /// <summary>SM PDU DN request container.</summary>
    public OctetString? SmPduDnRequestContainer { get => GetOptional<OctetString>(6); set => SetOptional(6, value); }

    /// <summary>Extended protocol configuration options.</summary>
    public ExtendedProtocolConfigurationOptions? ExtendedProtocolConfigurationOptions { get => GetOptional<ExtendedProtocolConfigurationOptions>(7); set => SetOptional(7, value); }

    /// <summary>IP header compression configuration.</summary>
    public OctetString? IpHeaderCompressionConfiguration { get => GetOptional<OctetString>(8); set => SetOptional(8, value); }

    /// <summary>DS-TT Ethernet port MAC address.</summary>
    public OctetString? DsTtEthernetPortMacAddress { get => GetOptional<OctetString>(9); set => SetOptional(9, value); }

    /// <summary>UE-DS-TT residence time.</summary>
    public OctetString? UeDsTtResidenceTime { get => GetOptional<OctetString>(10); set => SetOptional(10, value); }

    /// <summary>Port management information container.</summary>
    public OctetString? PortManagementInformationContainer { get => GetOptional<OctetString>(11); set => SetOptional(11, value); }

    /// <summary>Ethernet header compression configuration.</summary>
    public OctetString? EthernetHeaderCompressionConfiguration { get => GetOptional<OctetString>(12); set => SetOptional(12, value); }

    /// <summary>Suggested interface identifier.</summary>
    public OctetString? SuggestedInterfaceIdentifier { get => GetOptional<OctetString>(13); set => SetOptional(13, value); }

    /// <summary>Service-level-AA container.</summary>
    public OctetString? ServiceLevelAaContainer { get => GetOptional<OctetString>(14); set => SetOptional(14, value); }

    /// <summary>Requested MBS container.</summary>
    public OctetString? RequestedMbsContainer { get => GetOptional<OctetString>(15); set => SetOptional(15, value); }

    /// <summary>PDU session pair ID.</summary>
    public OctetString? PduSessionPairId { get => GetOptional<OctetString>(16); set => SetOptional(16, value); }

    /// <summary>RSN.</summary>
    public OctetString? Rsn { get => GetOptional<OctetString>(17); set => SetOptional(17, value); }
}
