// TS 24.501 §8.2.4 Authentication failure.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Authentication failure (TS 24.501 §8.2.4).</summary>
public sealed class AuthenticationFailure() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.AuthenticationFailure, "Authentication failure",
    [
        IeSpec.V("5GMM cause", IeKind.FiveGmmCause, 1),
        IeSpec.Tlv(0x30, "Authentication failure parameter", IeKind.Auts, 14),
    ]);

    /// <summary>5GMM cause.</summary>
    public OctetValue Cause { get => Get<OctetValue>(0); set => Set(0, value); }

    /// <summary>Authentication failure parameter.</summary>
    public OctetString? FailureParameter { get => GetOptional<OctetString>(1); set => SetOptional(1, value); }
}
