// TS 24.501 §8.2.12 Deregistration request (UE originating de-registration).
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Deregistration request (UE originating de-registration) (TS 24.501 §8.2.12).</summary>
public sealed class DeregistrationRequestUeOriginating() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.DeregistrationRequestUeOriginating, "Deregistration request (UE originating de-registration)",
    [
        IeSpec.VHalf("De-registration type", IeKind.DeregistrationType),
        IeSpec.VHalf("ngKSI", IeKind.NasKeySetIdentifier),
        IeSpec.LvE("5GS mobile identity", IeKind.MobileIdentity, 1),
    ]);

    /// <summary>De-registration type.</summary>
    public HalfOctet DeregistrationType { get => Get<HalfOctet>(0); set => Set(0, value); }

    /// <summary>ngKSI.</summary>
    public NasKeySetIdentifier NgKsi { get => Get<NasKeySetIdentifier>(1); set => Set(1, value); }

    /// <summary>5GS mobile identity.</summary>
    public FiveGsMobileIdentity MobileIdentity { get => Get<FiveGsMobileIdentity>(2); set => Set(2, value); }
}
