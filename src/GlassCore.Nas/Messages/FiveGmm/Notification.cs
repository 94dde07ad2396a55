// TS 24.501 §8.2.23 Notification.
using GlassCore.Nas.Ies;

namespace GlassCore.Nas.Messages;

/// <summary>Notification (TS 24.501 §8.2.23).</summary>
public sealed class Notification() : FiveGmmMessage(Table)
{
    public static readonly MessageLayout Table = new(NasMessageTypes.Notification, "Notification",
    [
        IeSpec.VHalf("Access type", IeKind.AccessType),
        IeSpec.Spare(),
    ]);

    /// <summary>Access type.</summary>
    public HalfOctet AccessType { get => Get<HalfOctet>(0); set => Set(0, value); }
}
