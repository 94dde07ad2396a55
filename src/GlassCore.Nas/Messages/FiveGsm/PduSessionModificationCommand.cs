// TS 24.501 §8.3.9 PDU session modification command.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>PDU session modification command (TS 24.501 §8.3.9).</summary>
public sealed class PduSessionModificationCommand() : FiveGsmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.PduSessionModificationCommand, "PDU session modification command",
    [
        IeSpec.Tv(0x59, "5GSM cause", IeKind.FiveGsmCause, 1),
        IeSpec.Tlv(0x2A, "Session AMBR", IeKind.SessionAmbr, 6),
        IeSpec.Tv(0x56, "RQ timer value", IeKind.GprsTimer, 1),
        IeSpec.Tv1(0x8, "Always-on PDU session indication", IeKind.HalfOctet),
        IeSpec.TlvE(0x7A, "Authorized QoS rules", IeKind.QosRules, 4),
        IeSpec.TlvE(0x75, "Mapped EPS bearer contexts", IeKind.Opaque, 4),
        IeSpec.TlvE(0x79, "Authorized QoS flow descriptions", IeKind.QosFlowDescriptions, 3),
        IeSpec.TlvE(0x7B, "Extended protocol configuration options", IeKind.ExtendedPco, 1),
        IeSpec.TlvE(0x77, "ATSSS container", IeKind.Opaque, 0),
        IeSpec.Tlv(0x66, "IP header compression configuration", IeKind.Opaque, 3),
        IeSpec.TlvE(0x74, "Port management information container", IeKind.Opaque, 1),
        IeSpec.Tlv(0x1E, "Serving PLMN rate control", IeKind.Opaque, 2),
        IeSpec.Tlv(0x1F, "Ethernet header compression configuration", IeKind.Opaque, 1),
        IeSpec.TlvE(0x71, "Received MBS container", IeKind.Opaque, 0),
        IeSpec.TlvE(0x72, "Service-level-AA container", IeKind.Opaque, 0),
    ]);

    /// <summary>5GSM cause.</summary>
    public OctetValue? Cause { get => GetOptional<OctetValue>(0); set => SetOptional(0, value); }

    /// <summary>Session AMBR.</summary>
    public SessionAmbr? SessionAmbr { get => GetOptional<SessionAmbr>(1); set => SetOptional(1, value); }

    /// <summary>RQ timer value.</summary>
    public GprsTimer? RqTimerValue { get => GetOptional<GprsTimer>(2); set => SetOptional(2, value); }

    /// <summary>Always-on PDU session indication.</summary>
    public HalfOctet? AlwaysOnPduSessionIndication { get => GetOptional<HalfOctet>(3); set => SetOptional(3, value); }

    /// <summary>Authorized QoS rules.</summary>
    public QosRules? AuthorizedQosRules { get => GetOptional<QosRules>(4); set => SetOptional(4, value); }

    /// <summary>Mapped EPS bearer contexts.</summary>
    public OctetString? MappedEpsBearerContexts { get => GetOptional<OctetString>(5); set => SetOptional(5, value); }

    /// <summary>Authorized QoS flow descriptions.</summary>
    public QosFlowDescriptions? AuthorizedQosFlowDescriptions { get => GetOptional<QosFlowDescriptions>(6); set => SetOptional(6, value); }

    /// <summary>Extended protocol configuration options.</summary>
    public ExtendedProtocolConfigurationOptions? ExtendedProtocolConfigurationOptions { get => GetOptional<ExtendedProtocolConfigurationOptions>(7); set => SetOptional(7, value); }

    /// <summary>ATSSS container.</summary>
    public OctetString? AtsssContainer { get => GetOptional<OctetString>(8); set => SetOptional(8, value); }

    /// <summary>IP header compression configuration.</summary>
    public OctetString? IpHeaderCompressionConfiguration { get => GetOptional<OctetString>(9); set => SetOptional(9, value); }

    /// <summary>Port management information container.</summary>
    public OctetString? PortManagementInformationContainer { get => GetOptional<OctetString>(10); set => SetOptional(10, value); }

    /// <summary>Serving PLMN rate control.</summary>
    public OctetString? ServingPlmnRateControl { get => GetOptional<OctetString>(11); set => SetOptional(11, value); }

    /// <summary>Ethernet header compression configuration.</summary>
    public OctetString? EthernetHeaderCompressionConfiguration { get => GetOptional<OctetString>(12); set => SetOptional(12, value); }

    /// <summary>Received MBS container.</summary>
    public OctetString? ReceivedMbsContainer { get => GetOptional<OctetString>(13); set => SetOptional(13, value); }

    /// <summary>Service-level-AA container.</summary>
    public OctetString? ServiceLevelAaContainer { get => GetOptional<OctetString>(14); set => SetOptional(14, value); }
}
