// TS 24.501 §8.2.27 Security mode reject.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Security mode reject (TS 24.501 §8.2.27).</summary>
public sealed class SecurityModeReject() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.SecurityModeReject, "Security mode reject",
    [
        IeSpec.V("5GMM cause", IeKind.FiveGmmCause, 1),
    ]);

    /// <summary>5GMM cause.</summary>
    public OctetValue Cause { get => Get<OctetValue>(0); set => Set(0, value); }
}
