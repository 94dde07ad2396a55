// TS 24.501 §8.2.22 Identity response.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Identity response (TS 24.501 §8.2.22).</summary>
public sealed class IdentityResponse() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.IdentityResponse, "Identity response",
    [
        IeSpec.LvE("Mobile identity", IeKind.MobileIdentity, 1),
    ]);

    /// <summary>Mobile identity.</summary>
    public FiveGsMobileIdentity MobileIdentity { get => Get<FiveGsMobileIdentity>(0); set => Set(0, value); }
}
