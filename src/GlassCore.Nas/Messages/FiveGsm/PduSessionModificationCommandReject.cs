// TS 24.501 §8.3.11 PDU session modification command reject.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>PDU session modification command reject (TS 24.501 §8.3.11).</summary>
public sealed class PduSessionModificationCommandReject() : FiveGsmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.PduSessionModificationCommandReject, "PDU session modification command reject",
    [
        IeSpec.V("5GSM cause", IeKind.FiveGsmCause, 1),
        IeSpec.TlvE(0x7B, "Extended protocol configuration options", IeKind.ExtendedPco, 1),
    ]);

    /// <summary>5GSM cause.</summary>
    public OctetValue Cause { get => Get<OctetValue>(0); set => Set(0, value); }

    /// <summary>Extended protocol configuration options.</summary>
    public ExtendedProtocolConfigurationOptions? ExtendedProtocolConfigurationOptions { get => GetOptional<ExtendedProtocolConfigurationOptions>(1); set => SetOptional(1, value); }
}
