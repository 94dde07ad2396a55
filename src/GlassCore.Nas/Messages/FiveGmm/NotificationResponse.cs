// TS 24.501 §8.2.24 Notification response.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Notification response (TS 24.501 §8.2.24).</summary>
public sealed class NotificationResponse() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.NotificationResponse, "Notification response",
    [
        IeSpec.Tlv(0x50, "PDU session status", IeKind.PduSessionStatus, 2),
    ]);

    /// <summary>PDU session status.</summary>
    public PduSessionStatus? PduSessionStatus { get => GetOptional<PduSessionStatus>(0); set => SetOptional(0, value); }
}
