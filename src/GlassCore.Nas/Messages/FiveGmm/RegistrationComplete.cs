// TS 24.501 §8.2.8 Registration complete.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Registration complete (TS 24.501 §8.2.8).</summary>
public sealed class RegistrationComplete() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.RegistrationComplete, "Registration complete",
    [
        IeSpec.TlvE(0x73, "SOR transparent container", IeKind.Opaque, 17),
    ]);

    /// <summary>SOR transparent container.</summary>
    public OctetString? SorTransparentContainer { get => GetOptional<OctetString>(0); set => SetOptional(0, value); }
}
