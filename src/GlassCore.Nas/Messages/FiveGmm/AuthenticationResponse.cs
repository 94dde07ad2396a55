// TS 24.501 §8.2.2 Authentication response.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Authentication response (TS 24.501 §8.2.2).</summary>
public sealed class AuthenticationResponse() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.AuthenticationResponse, "Authentication response",
    [
        IeSpec.Tlv(0x2D, "Authentication response parameter", IeKind.ResStar, 16),
        IeSpec.TlvE(0x78, "EAP message", IeKind.EapMessage, 4),
    ]);

    /// <summary>Authentication response parameter.</summary>
    public OctetString? ResponseParameter { get => GetOptional<OctetString>(0); set => SetOptional(0, value); }

    /// <summary>EAP message.</summary>
    public OctetString? EapMessage { get => GetOptional<OctetString>(1); set => SetOptional(1, value); }
}
