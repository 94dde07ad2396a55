// TS 24.501 §8.2.21 Identity request.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Identity request (TS 24.501 §8.2.21).</summary>
public sealed class IdentityRequest() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.IdentityRequest, "Identity request",
    [
        IeSpec.VHalf("Identity type", IeKind.IdentityType),
        IeSpec.Spare(),
    ]);

    /// <summary>Identity type.</summary>
    public HalfOctet IdentityType { get => Get<HalfOctet>(0); set => Set(0, value); }
}
