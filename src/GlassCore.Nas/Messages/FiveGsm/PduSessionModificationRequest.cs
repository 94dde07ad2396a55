// TS 24.501 §8.3.7 PDU session modification request.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>PDU session modification request (TS 24.501 §8.3.7).</summary>
public sealed class PduSessionModificationRequest() : FiveGsmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.PduSessionModificationRequest, "PDU session modification request",
    [
        IeSpec.Tlv(0x28, "5GSM capability", IeKind.Opaque, 1),
        IeSpec.Tv(0x59, "5GSM cause", IeKind.FiveGsmCause, 1),
        IeSpec.Tv(0x55, "Maximum number of supported packet filters", IeKind.Opaque, 2),
        IeSpec.Tv1(0xB, "Always-on PDU session requested", IeKind.HalfOctet),
        IeSpec.Tv(0x13, "Integrity protection maximum data rate", IeKind.IntegrityProtectionMaximumDataRate, 2),
        IeSpec.TlvE(0x7A, "Requested QoS rules", IeKind.QosRules, 4),
        IeSpec.TlvE(0x79, "Requested QoS flow descriptions", IeKind.QosFlowDescriptions, 3),
        IeSpec.TlvE(0x75, "Mapped EPS bearer contexts", IeKind.Opaque, 4),
        IeSpec.TlvE(0x7B, "Extended protocol configuration options", IeKind.ExtendedPco, 1),
        IeSpec.TlvE(0x74, "Port management information container", IeKind.Opaque, 1),
        IeSpec.Tlv(0x66, "IP header compression configuration", IeKind.Opaque, 3),
        IeSpec.Tlv(0x1F, "Ethernet header compression configuration", IeKind.Opaque, 1),
        IeSpec.TlvE(0x70, "Requested MBS container", IeKind.Opaque, 0),
        IeSpec.TlvE(0x72, "Service-level-AA container", IeKind.Opaque, 0),
    ]);

    /// <summary>5GSM capability.</summary>
    public OctetString? FiveGsmCapability { get => GetOptional<OctetString>(0); set => SetOptional(0, value); }

    /// <summary>5GSM cause.</summary>
    public OctetValue? Cause { get => GetOptional<OctetValue>(1); set => SetOptional(1, value); }

    /// <summary>Maximum number of supported packet filters.</summary>
    public OctetString? MaximumNumberOfSupportedPacketFilters { get => GetOptional<OctetString>(2); set => SetOptional(2, value); }

    /// <summary>Always-on PDU session requested.</summary>
    public HalfOctet? AlwaysOnPduSessionRequested { get => GetOptional<HalfOctet>(3); set => SetOptional(3, value); }

    /// <summary>Integrity protection maximum data rate.</summary>
    public OctetString? IntegrityProtectionMaximumDataRate { get => GetOptional<OctetString>(4); set => SetOptional(4, value); }

    /// <summary>Requested QoS rules.</summary>
    public QosRules? RequestedQosRules { get => GetOptional<QosRules>(5); set => SetOptional(5, value); }

    /// <summary>Requested QoS flow descriptions.</summary>
    public QosFlowDescriptions? RequestedQosFlowDescriptions { get => GetOptional<QosFlowDescriptions>(6); set => SetOptional(6, value); }

    /// <summary>Mapped EPS bearer contexts.</summary>
    public OctetString? MappedEpsBearerContexts { get => GetOptional<OctetString>(7); set => SetOptional(7, value); }

    /// <summary>Extended protocol configuration options.</summary>
    public ExtendedProtocolConfigurationOptions? ExtendedProtocolConfigurationOptions { get => GetOptional<ExtendedProtocolConfigurationOptions>(8); set => SetOptional(8, value); }

    /// <summary>Port management information container.</summary>
    public OctetString? PortManagementInformationContainer { get => GetOptional<OctetString>(9); set => SetOptional(9, value); }

    /// <summary>IP header compression configuration.</summary>
    public OctetString? IpHeaderCompressionConfiguration { get => GetOptional<OctetString>(10); set => SetOptional(10, value); }

    /// <summary>Ethernet header compression configuration.</summary>
    public OctetString? EthernetHeaderCompressionConfiguration { get => GetOptional<OctetString>(11); set => SetOptional(11, value); }

    /// <summary>Requested MBS container.</summary>
    public OctetString? RequestedMbsContainer { get => GetOptional<OctetString>(12); set => SetOptional(12, value); }

    /// <summary>Service-level-AA container.</summary>
    public OctetString? ServiceLevelAaContainer { get => GetOptional<OctetString>(13); set => SetOptional(13, value); }
}
