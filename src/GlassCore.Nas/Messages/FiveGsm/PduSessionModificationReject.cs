// TS 24.501 §8.3.8 PDU session modification reject.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>PDU session modification reject (TS 24.501 §8.3.8).</summary>
public sealed class PduSessionModificationReject() : FiveGsmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.PduSessionModificationReject, "PDU session modification reject",
    [
        IeSpec.V("5GSM cause", IeKind.FiveGsmCause, 1),
        IeSpec.Tlv(0x37, "Back-off timer value", IeKind.GprsTimer3, 1),
        IeSpec.Tlv(0x61, "5GSM congestion re-attempt indicator", IeKind.Opaque, 1),
        IeSpec.TlvE(0x7B, "Extended protocol configuration options", IeKind.ExtendedPco, 1),
        IeSpec.Tlv(0x1D, "Re-attempt indicator", IeKind.Opaque, 1),
    ]);

    /// <summary>5GSM cause.</summary>
    public OctetValue Cause { get => Get<OctetValue>(0); set => Set(0, value); }

    /// <summary>Back-off timer value.</summary>
    public GprsTimer? BackOffTimerValue { get => GetOptional<GprsTimer>(1); set => SetOptional(1, value); }

    /// <summary>5GSM congestion re-attempt indicator.</summary>
    public OctetString? CongestionReattemptIndicator { get => GetOptional<OctetString>(2); set => SetOptional(2, value); }

    /// <summary>Extended protocol configuration options.</summary>
    public ExtendedProtocolConfigurationOptions? ExtendedProtocolConfigurationOptions { get => GetOptional<ExtendedProtocolConfigurationOptions>(3); set => SetOptional(3, value); }

    /// <summary>Re-attempt indicator.</summary>
    public OctetString? ReattemptIndicator { get => GetOptional<OctetString>(4); set => SetOptional(4, value); }
}
