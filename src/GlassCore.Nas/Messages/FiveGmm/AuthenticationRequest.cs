// TS 24.501 §8.2.1 Authentication request.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Authentication request (TS 24.501 §8.2.1).</summary>
public sealed class AuthenticationRequest() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.AuthenticationRequest, "Authentication request",
    [
        IeSpec.VHalf("ngKSI", IeKind.NasKeySetIdentifier),
        IeSpec.Spare(),
        IeSpec.Lv("ABBA", IeKind.Abba, 2),
        IeSpec.Tv(0x21, "Authentication parameter RAND", IeKind.Rand, 16),
        IeSpec.Tlv(0x20, "Authentication parameter AUTN", IeKind.Autn, 16),
        IeSpec.TlvE(0x78, "EAP message", IeKind.EapMessage, 4),
    ]);

    /// <summary>ngKSI.</summary>
    public NasKeySetIdentifier NgKsi { get => Get<NasKeySetIdentifier>(0); set => Set(0, value); }

    /// <summary>ABBA.</summary>
    public OctetString Abba { get => Get<OctetString>(2); set => Set(2, value); }

    /// <summary>Authentication parameter RAND.</summary>
    public OctetString? Rand { get => GetOptional<OctetString>(3); set => SetOptional(3, value); }

    /// <summary>Authentication parameter AUTN.</summary>
    public OctetString? Autn { get => GetOptional<OctetString>(4); set => SetOptional(4, value); }

    /// <summary>EAP message.</summary>
    public OctetString? EapMessage { get => GetOptional<OctetString>(5); set => SetOptional(5, value); }
}
