// TS 24.501 §8.3.10 PDU session modification complete.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>PDU session modification complete (TS 24.501 §8.3.10).</summary>
public sealed class PduSessionModificationComplete() : FiveGsmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.PduSessionModificationComplete, "PDU session modification complete",
    [
        IeSpec.TlvE(0x7B, "Extended protocol configuration options", IeKind.ExtendedPco, 1),
        IeSpec.TlvE(0x74, "Port management information container", IeKind.Opaque, 1),
    ]);

    /// <summary>Extended protocol configuration options.</summary>
    public ExtendedProtocolConfigurationOptions? ExtendedProtocolConfigurationOptions { get => GetOptional<ExtendedProtocolConfigurationOptions>(0); set => SetOptional(0, value); }

    /// <summary>Port management information container.</summary>
    public OctetString? PortManagementInformationContainer { get => GetOptional<OctetString>(1); set => SetOptional(1, value); }
}
