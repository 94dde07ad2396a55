// TS 24.501 §8.3.13 PDU session release reject.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>PDU session release reject (TS 24.501 §8.3.13).</summary>
public sealed class PduSessionReleaseReject() : FiveGsmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.PduSessionReleaseReject, "PDU session release reject",
    [
        IeSpec.V("5GSM cause", IeKind.FiveGsmCause, 1),
        IeSpec.TlvE(0x7B, "Extended protocol configuration options", IeKind.ExtendedPco, 1),
    ]);

    /// <summary>5GSM cause.</summary>
    public OctetValue Cause { get => Get<OctetValue>(0); set => Set(0, value); }

    /// <summary>Extended protocol configuration options.</summary>
    public ExtendedProtocolConfigurationOptions? ExtendedProtocolConfigurationOptions { get => GetOptional<ExtendedProtocolConfigurationOptions>(1); set => SetOptional(1, value); }
}
