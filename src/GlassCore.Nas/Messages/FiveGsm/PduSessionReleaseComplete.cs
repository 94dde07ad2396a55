// TS 24.501 §8.3.15 PDU session release complete.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>PDU session release complete (TS 24.501 §8.3.15).</summary>
public sealed class PduSessionReleaseComplete() : FiveGsmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.PduSessionReleaseComplete, "PDU session release complete",
    [
        IeSpec.Tv(0x59, "5GSM cause", IeKind.FiveGsmCause, 1),
        IeSpec.TlvE(0x7B, "Extended protocol configuration options", IeKind.ExtendedPco, 1),
    ]);

    /// <summary>5GSM cause.</summary>
    public OctetValue? Cause { get => GetOptional<OctetValue>(0); set => SetOptional(0, value); }

    /// <summary>Extended protocol configuration options.</summary>
    public ExtendedProtocolConfigurationOptions? ExtendedProtocolConfigurationOptions { get => GetOptional<ExtendedProtocolConfigurationOptions>(1); set => SetOptional(1, value); }
}
