// TS 29.244 §5.2 / §7.5: one PFCP session in the UP function — its rules as the CP function created them, the compiled
// PDRs the packet path uses, and the downlink buffer of §5.2.4 (BAR) while a FAR says BUFF.
using System.Collections.Concurrent;
using System.Net;
using GlassCore.Pfcp;

namespace GlassCore.Upf;

/// <summary>A PDR as created (its F-TEID already allocated); compiled against the session's FARs, QERs and URRs.</summary>
public sealed record PdrDefinition(
    ushort Id,
    uint Precedence,
    InterfaceValue Source,
    uint? LocalTeid,
    uint? UeIpv4,
    bool UeIpIsDestination,
    byte[] Qfis,
    SdfRule[] Filters,
    bool RemovesGtpU,
    uint FarId,
    uint[] QerIds,
    uint[] UrrIds,
    ulong? UeIpv6Prefix = null);

/// <summary>One PFCP session. Only the PFCP side changes it; workers see its compiled PDRs and the buffer.</summary>
public sealed class UpfSession
{
    private int _buffered;
    private int _downlinkReported;

    public UpfSession(ulong localSeid, ulong remoteSeid, string nodeKey, IPEndPoint cpPeer)
    {
        LocalSeid = localSeid;
        RemoteSeid = remoteSeid;
        NodeKey = nodeKey;
        CpPeer = cpPeer;
    }

    public ulong LocalSeid { get; }

    public ulong RemoteSeid { get; set; }

    public string NodeKey { get; }

    /// <summary>Where Session Report Requests go (the CP function's PFCP endpoint).</summary>
    public IPEndPoint CpPeer { get; set; }

    public Dictionary<ushort, PdrDefinition> Pdrs { get; set; } = [];

    public Dictionary<uint, FarRule> Fars { get; set; } = [];

    public Dictionary<uint, QerRule> Qers { get; set; } = [];

    public Dictionary<uint, UrrRule> Urrs { get; set; } = [];

    /// <summary>BAR ID → Suggested Buffering Packets Count (0: the UPF's default).</summary>
    public Dictionary<byte, byte> Bars { get; set; } = [];

    public CompiledPdr[] Compiled { get; set; } = [];

    /// <summary>TEIDs and UE addresses this session last put into the forwarding tables (removed on the next publish).</summary>
    internal uint[] PublishedTeids { get; set; } = [];

    internal uint[] PublishedUeIps { get; set; } = [];

    internal ulong[] PublishedUeIpv6Prefixes { get; set; } = [];

    /// <summary>Downlink packets held while a FAR says BUFF, with the PDR that matched them.</summary>
    internal ConcurrentQueue<(byte[] Packet, int Length)> Buffer { get; } = new();

    public int BufferedCount => Volatile.Read(ref _buffered);

    /// <summary>Holds a copy of a downlink packet; false when the buffer is full (the packet is dropped).</summary>
    internal bool TryBuffer(ReadOnlySpan<byte> packet, int limit)
    {
        if (Interlocked.Increment(ref _buffered) > limit)
        {
            Interlocked.Decrement(ref _buffered);
            return false;
        }
        byte[] copy = System.Buffers.ArrayPool<byte>.Shared.Rent(packet.Length);
        packet.CopyTo(copy);
        Buffer.Enqueue((copy, packet.Length));
        return true;
    }

    internal bool TryTakeBuffered(out byte[] packet, out int length)
    {
        if (Buffer.TryDequeue(out var item))
        {
            Interlocked.Decrement(ref _buffered);
            (packet, length) = item;
            return true;
        }
        packet = [];
        length = 0;
        return false;
    }

    /// <summary>True for the first buffered packet since the CP function last touched the session: one Downlink Data Report each time (§5.2.4.1).</summary>
    internal bool ClaimDownlinkReport() => Interlocked.CompareExchange(ref _downlinkReported, 1, 0) == 0;

    internal void ResetDownlinkReport() => Volatile.Write(ref _downlinkReported, 0);

    /// <summary>Resolves every PDR's FAR, QERs and URRs; fails (with the rule at fault) when one is missing.</summary>
    public static bool TryCompile(UpfSession session, Dictionary<ushort, PdrDefinition> pdrs, Dictionary<uint, FarRule> fars,
        Dictionary<uint, QerRule> qers, Dictionary<uint, UrrRule> urrs, out CompiledPdr[] compiled, out ushort failedPdr)
    {
        var list = new List<CompiledPdr>(pdrs.Count);
        compiled = [];
        foreach (PdrDefinition d in pdrs.Values)
        {
            failedPdr = d.Id;
            if (!fars.TryGetValue(d.FarId, out FarRule? far))
            {
                return false;
            }
            var q = new QerRule[d.QerIds.Length];
            for (int i = 0; i < q.Length; i++)
            {
                if (!qers.TryGetValue(d.QerIds[i], out q[i]!))
                {
                    return false;
                }
            }
            var u = new UrrRule[d.UrrIds.Length];
            for (int i = 0; i < u.Length; i++)
            {
                if (!urrs.TryGetValue(d.UrrIds[i], out u[i]!))
                {
                    return false;
                }
            }
            byte qfi = 0;
            foreach (QerRule r in q)
            {
                if (r.Qfi != 0)
                {
                    qfi = r.Qfi;
                    break;
                }
            }
            list.Add(new CompiledPdr
            {
                Session = session,
                Id = d.Id,
                Precedence = d.Precedence,
                Source = d.Source,
                LocalTeid = d.LocalTeid,
                UeIpv4 = d.UeIpv4,
                UeIpv6Prefix = d.UeIpv6Prefix,
                UeIpIsDestination = d.UeIpIsDestination,
                Qfis = d.Qfis,
                Filters = d.Filters,
                RemovesGtpU = d.RemovesGtpU,
                Far = far,
                Qers = q,
                Urrs = u,
                Qfi = qfi,
            });
        }
        // Lower Precedence value = higher precedence (§8.2.11); ties keep PDR ID order so lookups are deterministic.
        list.Sort((a, b) => a.Precedence != b.Precedence ? a.Precedence.CompareTo(b.Precedence) : a.Id.CompareTo(b.Id));
        compiled = [.. list];
        failedPdr = 0;
        return true;
    }
}
