// TS 24.501 §8.2.31 Network slice-specific authentication command.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Network slice-specific authentication command (TS 24.501 §8.2.31).</summary>
public sealed class NetworkSliceSpecificAuthenticationCommand() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.NetworkSliceSpecificAuthenticationCommand, "Network slice-specific authentication command",
    [
        IeSpec.Lv("S-NSSAI", IeKind.SNssai, 1),
        IeSpec.LvE("EAP message", IeKind.EapMessage, 4),
    ]);

    /// <summary>S-NSSAI.</summary>
    public SNssai SNssai { get => Get<SNssai>(0); set => Set(0, value); }

    /// <summary>EAP message.</summary>
    public OctetString EapMessage { get => Get<OctetString>(1); set => Set(1, value); }
}
