// TS 24.501 §8.3.3 PDU session establishment reject.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>PDU session establishment reject (TS 24.501 §8.3.3).</summary>
public sealed class PduSessionEstablishmentReject() : FiveGsmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.PduSessionEstablishmentReject, "PDU session establishment reject",
    [
        IeSpec.V("5GSM cause", IeKind.FiveGsmCause, 1),
        IeSpec.Tlv(0x37, "Back-off timer value", IeKind.GprsTimer3, 1),
        IeSpec.Tv1(0xF, "Allowed SSC mode", IeKind.HalfOctet),
        IeSpec.TlvE(0x78, "EAP message", IeKind.EapMessage, 4),
        IeSpec.Tlv(0x61, "5GSM congestion re-attempt indicator", IeKind.Opaque, 1),
        IeSpec.TlvE(0x7B, "Extended protocol configuration options", IeKind.ExtendedPco, 1),
        IeSpec.Tlv(0x1D, "Re-attempt indicator", IeKind.Opaque, 1),
        IeSpec.TlvE(0x72, "Service-level-AA container", IeKind.Opaque, 0),
    ]);

    /// <summary>5GSM cause.</summary>
    public OctetValue Cause { get => Get<OctetValue>(0); set => Set(0, value); }

    /// <summary>Back-off timer value.</summary>
    public GprsTimer? BackOffTimerValue { get => GetOptional<GprsTimer>(1); set => SetOptional(1, value); }

    /// <summary>Allowed SSC mode.</summary>
    public HalfOctet? AllowedSscMode { get => GetOptional<HalfOctet>(2); set => SetOptional(2, value); }

    /// <summary>EAP message.</summary>
    public OctetString? EapMessage { get => GetOptional<OctetString>(3); set => SetOptional(3, value); }

    /// <summary>5GSM congestion re-attempt indicator.</summary>
    public OctetString? CongestionReattemptIndicator { get => GetOptional<OctetString>(4); set => SetOptional(4, value); }

    /// <summary>Extended protocol configuration options.</summary>
    public ExtendedProtocolConfigurationOptions? ExtendedProtocolConfigurationOptions { get => GetOptional<ExtendedProtocolConfigurationOptions>(5); set => SetOptional(5, value); }

    /// <summary>Re-attempt indicator.</summary>
    public OctetString? ReattemptIndicator { get => GetOptional<OctetString>(6); set => SetOptional(6, value); }

    /// <summary>Service-level-AA container.</summary>
    public OctetString? ServiceLevelAaContainer { get => GetOptional<OctetString>(7); set => SetOptional(7, value); }
}
