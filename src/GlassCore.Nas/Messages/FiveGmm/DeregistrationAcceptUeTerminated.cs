// TS 24.501 §8.2.15 Deregistration accept (UE terminated de-registration).
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Deregistration accept (UE terminated de-registration) (TS 24.501 §8.2.15).</summary>
public sealed class DeregistrationAcceptUeTerminated() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.DeregistrationAcceptUeTerminated, "Deregistration accept (UE terminated de-registration)",
    [
    ]);
}
