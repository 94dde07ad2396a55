// TS 38.413 §8.6.2 (Downlink NAS Transport) and §8.3.3 (UE Context Release): what the AMF core asks of the NGAP layer.
namespace GlassCore.Amf;

/// <summary>
/// Delivery of downlink NAS towards a UE, keyed by AMF-UE-NGAP-ID (with the RAN-UE-NGAP-ID both NGAP messages carry). The NGAP layer implements it (Downlink NAS
/// Transport, or the NAS-PDU of Initial Context Setup); tests implement it in memory. Called only from the UE's own
/// mailbox task, so an implementation sees one UE's messages in order.
/// </summary>
public interface INasDownlink
{
    ValueTask SendAsync(UeNgapIds ue, ReadOnlyMemory<byte> nasPdu, CancellationToken ct);

    /// <summary>The AMF is done with this UE's N1 signalling (reject, abort): the NGAP layer releases the UE context.</summary>
    ValueTask ReleaseAsync(UeNgapIds ue, CancellationToken ct);
}
