// TS 24.501 §8.2.5 Authentication reject.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Authentication reject (TS 24.501 §8.2.5).</summary>
public sealed class AuthenticationReject() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.AuthenticationReject, "Authentication reject",
    [
        IeSpec.TlvE(0x78, "EAP message", IeKind.EapMessage, 4),
    ]);

    /// <summary>EAP message.</summary>
    public OctetString? EapMessage { get => GetOptional<OctetString>(0); set => SetOptional(0, value); }
}
