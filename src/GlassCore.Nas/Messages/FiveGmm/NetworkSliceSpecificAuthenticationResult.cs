// TS 24.501 §8.2.33 Network slice-specific authentication result.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Network slice-specific authentication result (TS 24.501 §8.2.33).</summary>
public sealed class NetworkSliceSpecificAuthenticationResult() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.NetworkSliceSpecificAuthenticationResult, "Network slice-specific authentication result",
    [
        IeSpec.Lv("S-NSSAI", IeKind.SNssai, 1),
        IeSpec.LvE("EAP message", IeKind.EapMessage, 4),
    ]);

    /// <summary>S-NSSAI.</summary>
    public SNssai SNssai { get => Get<SNssai>(0); set => Set(0, value); }

    /// <summary>EAP message.</summary>
    public OctetString EapMessage { get => Get<OctetString>(1); set => Set(1, value); }
}
