// TS 24.501 §8.2.3 Authentication result.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Authentication result (TS 24.501 §8.2.3).</summary>
public sealed class AuthenticationResult() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.AuthenticationResult, "Authentication result",
    [
        IeSpec.VHalf("ngKSI", IeKind.NasKeySetIdentifier),
        IeSpec.Spare(),
        IeSpec.LvE("EAP message", IeKind.EapMessage, 4),
        IeSpec.Tlv(0x38, "ABBA", IeKind.Abba, 2),
    ]);

    /// <summary>ngKSI.</summary>
    public NasKeySetIdentifier NgKsi { get => Get<NasKeySetIdentifier>(0); set => Set(0, value); }

    /// <summary>EAP message.</summary>
    public OctetString EapMessage { get => Get<OctetString>(2); set => Set(2, value); }

    /// <summary>ABBA.</summary>
    public OctetString? Abba { get => GetOptional<OctetString>(3); set => SetOptional(3, value); }
}
