// TS 24.501 §8.2.13 Deregistration accept (UE originating de-registration).
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Deregistration accept (UE originating de-registration) (TS 24.501 §8.2.13).</summary>
public sealed class DeregistrationAcceptUeOriginating() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.DeregistrationAcceptUeOriginating, "Deregistration accept (UE originating de-registration)",
    [
    ]);
}
