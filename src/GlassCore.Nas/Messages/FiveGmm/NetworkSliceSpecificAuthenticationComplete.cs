// TS 24.501 §8.2.32 Network slice-specific authentication complete.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Network slice-specific authentication complete (TS 24.501 §8.2.32).</summary>
public sealed class NetworkSliceSpecificAuthenticationComplete() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.NetworkSliceSpecificAuthenticationComplete, "Network slice-specific authentication complete",
    [
        IeSpec.Lv("S-NSSAI", IeKind.SNssai, 1),
        IeSpec.LvE("EAP message", IeKind.EapMessage, 4),
    ]);

    /// <summary>S-NSSAI.</summary>
    public SNssai SNssai { get => Get<SNssai>(0); set => Set(0, value); }

    /// <summary>EAP message.</summary>
    public OctetString EapMessage { get => Get<OctetString>(1); set => Set(1, value); }
}
