// TS 24.501 §8.2.20 Configuration update complete.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Configuration update complete (TS 24.501 §8.2.20).</summary>
public sealed class ConfigurationUpdateComplete() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.ConfigurationUpdateComplete, "Configuration update complete",
    [
    ]);
}
