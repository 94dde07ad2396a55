// TS 24.501 §8.3.16 5GSM status.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>5GSM status (TS 24.501 §8.3.16).</summary>
public sealed class FiveGsmStatus() : FiveGsmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.FiveGsmStatus, "5GSM status",
    [
        IeSpec.V("5GSM cause", IeKind.FiveGsmCause, 1),
    ]);

    /// <summary>5GSM cause.</summary>
    public OctetValue Cause { get => Get<OctetValue>(0); set => Set(0, value); }
}
