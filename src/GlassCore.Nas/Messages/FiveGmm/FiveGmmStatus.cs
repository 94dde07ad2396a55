// TS 24.501 §8.2.29 5GMM status.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>5GMM status (TS 24.501 §8.2.29).</summary>
public sealed class FiveGmmStatus() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.FiveGmmStatus, "5GMM status",
    [
        IeSpec.V("5GMM cause", IeKind.FiveGmmCause, 1),
    ]);

    /// <summary>5GMM cause.</summary>
    public OctetValue Cause { get => Get<OctetValue>(0); set => Set(0, value); }
}
