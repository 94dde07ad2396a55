// TS 24.501 §8.3.2 PDU session establishment accept.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>PDU session establishment accept (TS 24.501 §8.3.2).</summary>
public sealed class PduSessionEstablishmentAccept() : FiveGsmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.PduSessionEstablishmentAccept, "PDU session establishment accept",
    [
        IeSpec.VHalf("Selected PDU session type", IeKind.PduSessionType),
        IeSpec.VHalf("Selected SSC mode", IeKind.SscMode),
        IeSpec.LvE("Authorized QoS rules", IeKind.QosRules, 4),
        IeSpec.Lv("Session AMBR", IeKind.SessionAmbr, 6),
        IeSpec.Tv(0x59, "5GSM cause", IeKind.FiveGsmCause, 1),
        IeSpec.Tlv(0x29, "PDU address", IeKind.PduAddress, 5),
        IeSpec.Tv(0x56, "RQ timer value", IeKind.GprsTimer, 1),
        IeSpec.Tlv(0x22, "S-NSSAI", IeKind.SNssai, 1),
        IeSpec.Tv1(0x8, "Always-on PDU session indication", IeKind.HalfOctet),
        IeSpec.TlvE(0x75, "Mapped EPS bearer contexts", IeKind.Opaque, 4),
        IeSpec.TlvE(0x78, "EAP message", IeKind.EapMessage, 4),
        IeSpec.TlvE(0x79, "Authorized QoS flow descriptions", IeKind.QosFlowDescriptions, 3),
        IeSpec.TlvE(0x7B, "Extended protocol configuration options", IeKind.ExtendedPco, 1),
        IeSpec.Tlv(0x25, "DNN", IeKind.Dnn, 1),
        IeSpec.Tlv(0x17, "5GSM network feature support", IeKind.Opaque, 1),
        IeSpec.Tlv(0x18, "Serving PLMN rate control", IeKind.Opaque, 2),
        IeSpec.TlvE(0x77, "ATSSS container", IeKind.Opaque, 0),
        IeSpec.Tv1(0xC, "Control plane only indication", IeKind.HalfOctet),
        IeSpec.Tlv(0x66, "IP header compression configuration", IeKind.Opaque, 3),
        IeSpec.Tlv(0x1F, "Ethernet header compression configuration", IeKind.Opaque, 1),
        IeSpec.TlvE(0x72, "Service-level-AA container", IeKind.Opaque, 0),
        IeSpec.TlvE(0x70, "Received MBS container", IeKind.Opaque, 0),
    ]);

    /// <summary>Selected PDU session type.</summary>
    public HalfOctet SelectedPduSessionType { get => Get<HalfOctet>(0); set => Set(0, value); }

    /// <summary>Selected SSC mode.</summary>
    public HalfOctet SelectedSscMode { get => Get<HalfOctet>(1); set => Set(1, value); }

    /// <summary>Authorized QoS rules.</summary>
    public QosRules AuthorizedQosRules { get => Get<QosRules>(2); set => Set(2, value); }

    /// <summary>Session AMBR.</summary>
    public SessionAmbr SessionAmbr { get => Get<SessionAmbr>(3); set => Set(3, value); }

    /// <summary>5GSM cause.</summary>
    public OctetValue? Cause { get => GetOptional<OctetValue>(4); set => SetOptional(4, value); }

    /// <summary>PDU address.</summary>
    public PduAddress? PduAddress { get => GetOptional<PduAddress>(5); set => SetOptional(5, value); }

    /// <summary>RQ timer value.</summary>
    public GprsTimer? RqTimerValue { get => GetOptional<GprsTimer>(6); set => SetOptional(6, value); }

    /// <summary>S-NSSAI.</summary>
    public SNssai? SNssai { get => GetOptional<SNssai>(7); set => SetOptional(7, value); }

    /// <summary>Always-on PDU session indication.</summary>
    public HalfOctet? AlwaysOnPduSessionIndication { get => GetOptional<HalfOctet>(8); set => SetOptional(8, value); }

    /// <summary>Mapped EPS bearer contexts.</summary>
    public OctetString? MappedEpsBearerContexts { get => GetOptional<OctetString>(9); set => SetOptional(9, value); }

    /// <summary>EAP message.</summary>
    public OctetString? EapMessage { get => GetOptional<OctetString>(10); set => SetOptional(10, value); }

    /// <summary>Authorized QoS flow descriptions.</summary>
    public QosFlowDescriptions? AuthorizedQosFlowDescriptions { get => GetOptional<QosFlowDescriptions>(11); set => SetOptional(11, value); }

    /// <summary>Extended protocol configuration options.</summary>
    public ExtendedProtocolConfigurationOptions? ExtendedProtocolConfigurationOptions { get => GetOptional<ExtendedProtocolConfigurationOptions>(12); set => SetOptional(12, value); }

    /// <summary>DNN.</summary>
    public Dnn? Dnn { get => GetOptional<Dnn>(13); set => SetOptional(13, value); }

    /// <summary>5GSM network feature support.</summary>
    public OctetString? FiveGsmNetworkFeatureSupport { get => GetOptional<OctetString>(14); set => SetOptional(14, value); }

    /// <summary>Serving PLMN rate control.</summary>
    public OctetString? ServingPlmnRateControl { get => GetOptional<OctetString>(15); set => SetOptional(15, value); }

    /// <summary>ATSSS container.</summary>
    public OctetString? AtsssContainer { get => GetOptional<OctetString>(16); set => SetOptional(16, value); }

    /// <summary>Control plane only indication.</summary>
    public HalfOctet? ControlPlaneOnlyIndication { get => GetOptional<HalfOctet>(17); set => SetOptional(17, value); }

    /// <summary>IP header compression configuration.</summary>
    public OctetString? IpHeaderCompressionConfiguration { get => GetOptional<OctetString>(18); set => SetOptional(18, value); }

    /// <summary>Ethernet header compression configuration.</summary>
    public OctetString? EthernetHeaderCompressionConfiguration { get => GetOptional<OctetString>(19); set => SetOptional(19, value); }

    /// <summary>Service-level-AA container.</summary>
    public OctetString? ServiceLevelAaContainer { get => GetOptional<OctetString>(20); set => SetOptional(20, value); }

    /// <summary>Received MBS container.</summary>
    public OctetString? ReceivedMbsContainer { get => GetOptional<OctetString>(21); set => SetOptional(21, value); }
}
