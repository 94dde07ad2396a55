// Style anchor #12: the PFCP side reaches the user plane only through this narrow interface, so handlers are tested
// against a plane without sockets.
using System.Threading.Channels;

namespace GlassCore.Upf;

public interface IForwardingPlane
{
    /// <summary>Publishes the session's compiled PDRs (replacing what it published before) to every worker.</summary>
    void Install(UpfSession session);

    /// <summary>Takes the session out of the forwarding tables and drops its buffered packets.</summary>
    void Remove(UpfSession session);

    /// <summary>Sends the buffered downlink packets through the session's current rules (after BUFF became FORW).</summary>
    void FlushBuffered(UpfSession session);

    /// <summary>Discards the buffered downlink packets (DROBU, or the FAR now drops).</summary>
    void DropBuffered(UpfSession session);

    /// <summary>TS 29.281 §7.3.2 End Marker on the tunnel a FAR used before it was switched.</summary>
    void SendEndMarker(FarRule previous);

    /// <summary>What the packet path reports (downlink data, volume thresholds).</summary>
    ChannelReader<UpfEvent> Events { get; }
}
