// TS 24.501 §8.2.26 Security mode complete.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Security mode complete (TS 24.501 §8.2.26).</summary>
public sealed class SecurityModeComplete() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.SecurityModeComplete, "Security mode complete",
    [
        IeSpec.TlvE(0x77, "IMEISV", IeKind.MobileIdentity, 9),
        IeSpec.TlvE(0x71, "NAS message container", IeKind.NasMessageContainer, 1),
        IeSpec.TlvE(0x78, "non-IMEISV PEI", IeKind.MobileIdentity, 1),
    ]);

    /// <summary>IMEISV.</summary>
    public FiveGsMobileIdentity? Imeisv { get => GetOptional<FiveGsMobileIdentity>(0); set => SetOptional(0, value); }

    /// <summary>NAS message container.</summary>
    public OctetString? NasMessageContainer { get => GetOptional<OctetString>(1); set => SetOptional(1, value); }

    /// <summary>non-IMEISV PEI.</summary>
    public FiveGsMobileIdentity? NonImeisvPei { get => GetOptional<FiveGsMobileIdentity>(2); set => SetOptional(2, value); }
}
