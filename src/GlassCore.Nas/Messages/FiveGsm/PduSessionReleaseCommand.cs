// TS 24.501 §8.3.14 PDU session release command.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>PDU session release command (TS 24.501 §8.3.14).</summary>
public sealed class PduSessionReleaseCommand() : FiveGsmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.PduSessionReleaseCommand, "PDU session release command",
    [
        IeSpec.V("5GSM cause", IeKind.FiveGsmCause, 1),
        IeSpec.Tlv(0x37, "Back-off timer value", IeKind.GprsTimer3, 1),
        IeSpec.TlvE(0x78, "EAP message", IeKind.EapMessage, 4),
        IeSpec.Tlv(0x61, "5GSM congestion re-attempt indicator", IeKind.Opaque, 1),
        IeSpec.TlvE(0x7B, "Extended protocol configuration options", IeKind.ExtendedPco, 1),
        IeSpec.Tv1(0xD, "Access type", IeKind.AccessType),
        IeSpec.TlvE(0x72, "Service-level-AA container", IeKind.Opaque, 0),
    ]);

    /// <summary>5GSM cause.</summary>
    public OctetValue Cause { get => Get<OctetValue>(0); set => Set(0, value); }

    /// <summary>Back-off timer value.</summary>
    public GprsTimer? BackOffTimerValue { get => GetOptional<GprsTimer>(1); set => SetOptional(1, value); }

    /// <summary>EAP message.</summary>
    public OctetString? EapMessage { get => GetOptional<OctetString>(2); set => SetOptional(2, value); }

    /// <summary>5GSM congestion re-attempt indicator.</summary>
    public OctetString? CongestionReattemptIndicator { get => GetOptional<OctetString>(3); set => SetOptional(3, value); }

    /// <summary>Extended protocol configuration options.</summary>
    public ExtendedProtocolConfigurationOptions? ExtendedProtocolConfigurationOptions { get => GetOptional<ExtendedProtocolConfigurationOptions>(4); set => SetOptional(4, value); }

    /// <summary>Access type.</summary>
    public HalfOctet? AccessType { get => GetOptional<HalfOctet>(5); set => SetOptional(5, value); }

    /// <summary>Service-level-AA container.</summary>
    public OctetString? ServiceLevelAaContainer { get => GetOptional<OctetString>(6); set => SetOptional(6, value); }
}
