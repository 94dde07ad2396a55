// TS 24.501 §8.3.4 PDU session authentication command.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>PDU session authentication command (TS 24.501 §8.3.4).</summary>
public sealed class PduSessionAuthenticationCommand() : FiveGsmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.PduSessionAuthenticationCommand, "PDU session authentication command",
    [
        IeSpec.LvE("EAP message", IeKind.EapMessage, 4),
        IeSpec.TlvE(0x7B, "Extended protocol configuration options", IeKind.ExtendedPco, 1),
    ]);

    /// <summary>EAP message.</summary>
    public OctetString EapMessage { get => Get<OctetString>(0); set => Set(0, value); }

    /// <summary>Extended protocol configuration options.</summary>
    public ExtendedProtocolConfigurationOptions? ExtendedProtocolConfigurationOptions { get => GetOptional<ExtendedProtocolConfigurationOptions>(1); set => SetOptional(1, value); }
}
