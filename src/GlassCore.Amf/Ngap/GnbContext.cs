// TS 38.413 §8.7.1 (NG Setup) and TS 38.412 §7: one gNB as the AMF knows it, owned by that association's task.
using System.Collections.Concurrent;
using System.Threading.Channels;
using GlassCore.Ngap;
using GlassCore.Sctp.N2;

namespace GlassCore.Amf.Ngap;

/// <summary>
/// One gNB association: its mailbox of N2 events (drained by one task, anchor #11) and what NG Setup told us. The
/// RAN-UE-NGAP-ID map is written by the association's task; UE tasks only read <see cref="Association"/>.
/// </summary>
public sealed class GnbContext
{
    internal GnbContext(N2Association association, int capacity)
    {
        Association = association;
        Mailbox = Channel.CreateBounded<N2Event>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public N2Association Association { get; }

    public long Id => Association.Id;

    internal Channel<N2Event> Mailbox { get; }

    internal Task Completion { get; set; } = Task.CompletedTask;

    /// <summary>True once NG Setup succeeded; before that only NG Setup (and Error Indication) are taken (§8.7.1.2).</summary>
    public bool SetupDone { get; internal set; }

    public GlobalRanNodeId? GlobalRanNodeId { get; internal set; }

    public string? RanNodeName { get; internal set; }

    public SupportedTaItem[] SupportedTaList { get; internal set; } = [];

    /// <summary>RAN-UE-NGAP-ID → AMF-UE-NGAP-ID for this gNB's UE-associated logical connections.</summary>
    internal ConcurrentDictionary<long, long> Ues { get; } = new();

    private long _dropped;
    private long _errorIndications;

    /// <summary>NGAP PDUs dropped because this gNB's mailbox was full (it sends faster than it is served).</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <summary>Error Indications this gNB sent us.</summary>
    public long ErrorIndicationsReceived => Interlocked.Read(ref _errorIndications);

    internal void CountDropped() => Interlocked.Increment(ref _dropped);

    internal void CountErrorIndication() => Interlocked.Increment(ref _errorIndications);

    /// <summary>The stream of a UE-associated message (TS 38.412 §7 via <see cref="NgapStreams"/>).</summary>
    internal ushort StreamFor(long ranUeNgapId) => NgapStreams.Select(true, ranUeNgapId, Association.Sctp.OutboundStreams);
}

/// <summary>A UE-associated logical NG connection (TS 38.413 §3.1): which gNB and RAN-UE-NGAP-ID reach the UE now.</summary>
internal sealed class UeLink(GnbContext gnb, long ranUeNgapId)
{
    public GnbContext Gnb { get; } = gnb;

    public long RanUeNgapId { get; } = ranUeNgapId;

    /// <summary>Initial Context Setup Response received: the RAN holds the UE's AS context.</summary>
    public volatile bool ContextSetUp;

    /// <summary>UE Context Release Command sent; the link goes when Release Complete arrives (or the association does).</summary>
    public volatile bool Releasing;
}
