// TS 38.412 §7: NGAP over SCTP — one stream for non-UE-associated signalling, the others for UE-associated signalling.
namespace GlassCore.Ngap;

public static class NgapStreams
{
    /// <summary>The SCTP stream carrying non-UE-associated signalling (NG Setup, NG Reset, ...).</summary>
    public const ushort NonUeAssociated = 0;

    /// <summary>
    /// The stream for a message: stream 0 for non-UE-associated procedures; for a UE, one of streams 1..n-1 chosen by
    /// the RAN UE NGAP ID, so all of one UE's messages stay in order on one stream.
    /// </summary>
    public static ushort Select(bool ueAssociated, long ranUeNgapId, int outboundStreams)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outboundStreams, 1);
        if (!ueAssociated || outboundStreams == 1)
        {
            return NonUeAssociated;
        }
        return (ushort)(1 + (ulong)ranUeNgapId % (ulong)(outboundStreams - 1));
    }
}
