// TS 29.244 §5.2.4.1 (downlink data notification) and §5.2.2.2 (usage reporting triggers): what the packet path
// tells the PFCP side, which turns it into a Session Report Request.
namespace GlassCore.Upf;

public enum UpfEventKind
{
    /// <summary>The first downlink packet was buffered and the FAR asks to notify the CP function (NOCP).</summary>
    DownlinkData,

    /// <summary>A URR's volume threshold was reached.</summary>
    VolumeThreshold,
}

public sealed record UpfEvent(UpfEventKind Kind, UpfSession? Session, ushort PdrId = 0, byte Qfi = 0, UrrRule? Urr = null);
