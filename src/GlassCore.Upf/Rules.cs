// TS 29.244 §5.2 packet processing: PDR (§5.2.1) → FAR (§5.2.1 / §7.5.2.3), QER (§5.4), URR (§5.2.2), BAR (§5.2.4).
// These are the compiled forms the packet path reads: built by the PFCP side, never changed once a worker can see them,
// except the QER buckets and URR counters, which are the only state the fast path writes (with Interlocked).
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using GlassCore.Gtp.Linux;
using GlassCore.Pfcp;
using GlassCore.Upf.DataPath;

namespace GlassCore.Upf;

/// <summary>A FAR as the packet path applies it.</summary>
public sealed class FarRule
{
    public required uint Id { get; init; }

    public bool Drop { get; init; }

    public bool Forward { get; init; }

    public bool Buffer { get; init; }

    public bool NotifyCp { get; init; }

    public InterfaceValue Destination { get; init; }

    /// <summary>GTP-U/UDP/IPv4 outer header to create (downlink to the gNB, or N9).</summary>
    public bool CreatesGtpU { get; init; }

    public uint OuterTeid { get; init; }

    public IPAddress? OuterAddress { get; init; }

    internal SockAddrIn OuterSockAddr { get; init; }

    public byte? BarId { get; init; }
}

/// <summary>A token bucket in bytes, refilled at the MBR (TS 29.244 §5.4.2 MBR enforcement); lock-free.</summary>
public sealed class TokenBucket
{
    private long _tokens;
    private long _last;
    private long _bytesPerSecond;
    private long _depth;

    public TokenBucket(ulong kbps) => SetRate(kbps);

    /// <summary>0 = no limit.</summary>
    public long BytesPerSecond => Volatile.Read(ref _bytesPerSecond);

    public void SetRate(ulong kbps)
    {
        long rate = (long)Math.Min(kbps * 125, long.MaxValue / 4);
        // 100 ms of traffic (at least a few full-size packets) absorbs scheduling jitter without letting bursts exceed the MBR for long.
        long depth = Math.Max(rate / 10, 16 * 1500);
        Volatile.Write(ref _depth, depth);
        Volatile.Write(ref _tokens, depth);
        Volatile.Write(ref _last, Stopwatch.GetTimestamp());
        Volatile.Write(ref _bytesPerSecond, rate);
    }

    public bool TryConsume(int bytes, long now)
    {
        long rate = Volatile.Read(ref _bytesPerSecond);
        if (rate == 0)
        {
            return true;
        }
        long last = Volatile.Read(ref _last);
        if (now > last && Interlocked.CompareExchange(ref _last, now, last) == last)
        {
            long elapsed = Math.Min(now - last, Stopwatch.Frequency);
            long add = (long)((double)elapsed * rate / Stopwatch.Frequency);
            long depth = Volatile.Read(ref _depth);
            long t = Interlocked.Add(ref _tokens, add);
            if (t > depth)
            {
                Interlocked.CompareExchange(ref _tokens, depth, t);
            }
        }
        if (Interlocked.Add(ref _tokens, -bytes) >= 0)
        {
            return true;
        }
        Interlocked.Add(ref _tokens, bytes);
        return false;
    }
}

/// <summary>A QER: gates, MBR buckets and the QFI to mark (TS 29.244 §5.4).</summary>
public sealed class QerRule
{
    public required uint Id { get; init; }

    public bool UplinkOpen { get; init; } = true;

    public bool DownlinkOpen { get; init; } = true;

    public byte Qfi { get; init; }

    public bool Rqi { get; init; }

    public required TokenBucket UplinkMbr { get; init; }

    public required TokenBucket DownlinkMbr { get; init; }

    public ulong UplinkMbrKbps { get; init; }

    public ulong DownlinkMbrKbps { get; init; }
}

/// <summary>A URR: what to measure, when to report, and the counters since the last report (TS 29.244 §5.2.2).</summary>
public sealed class UrrRule
{
    private long _ulBytes;
    private long _dlBytes;
    private long _ulPackets;
    private long _dlPackets;
    private int _thresholdReported;

    public required uint Id { get; init; }

    public bool MeasureVolume { get; set; }

    public bool MeasureDuration { get; set; }

    /// <summary>Volume Threshold (§8.2.13) total, uplink and downlink volumes in octets, each 0 when absent: a report is due
    /// when any present one is reached (§5.2.2.2.1); none is derived from the others.</summary>
    public ulong VolumeThreshold { get; set; }

    public ulong UplinkVolumeThreshold { get; set; }

    public ulong DownlinkVolumeThreshold { get; set; }

    /// <summary>Time threshold in seconds (TIMTH), 0 for none.</summary>
    public uint TimeThreshold { get; set; }

    public bool ReportOnVolumeThreshold { get; set; }

    public bool ReportOnTimeThreshold { get; set; }

    public uint MeasurementPeriod { get; set; }

    public DateTime StartTime { get; set; } = DateTime.UtcNow;

    public uint ReportSequence { get; set; }

    public long UplinkBytes => Volatile.Read(ref _ulBytes);

    public long DownlinkBytes => Volatile.Read(ref _dlBytes);

    public long UplinkPackets => Volatile.Read(ref _ulPackets);

    public long DownlinkPackets => Volatile.Read(ref _dlPackets);

    /// <summary>Counts a packet; true when this packet reached one of the volume thresholds (the caller queues one report).</summary>
    public bool Count(int bytes, bool uplink)
    {
        long ul, dl;
        if (uplink)
        {
            Interlocked.Increment(ref _ulPackets);
            ul = Interlocked.Add(ref _ulBytes, bytes);
            dl = Volatile.Read(ref _dlBytes);
        }
        else
        {
            Interlocked.Increment(ref _dlPackets);
            dl = Interlocked.Add(ref _dlBytes, bytes);
            ul = Volatile.Read(ref _ulBytes);
        }
        if (!ReportOnVolumeThreshold)
        {
            return false;
        }
        bool reached = (VolumeThreshold != 0 && (ulong)(ul + dl) >= VolumeThreshold)
            || (UplinkVolumeThreshold != 0 && (ulong)ul >= UplinkVolumeThreshold)
            || (DownlinkVolumeThreshold != 0 && (ulong)dl >= DownlinkVolumeThreshold);
        return reached && Interlocked.CompareExchange(ref _thresholdReported, 1, 0) == 0;
    }

    /// <summary>Takes the counters for a usage report and starts a new measurement.</summary>
    public (long UlBytes, long DlBytes, long UlPackets, long DlPackets) Take()
    {
        var r = (Interlocked.Exchange(ref _ulBytes, 0), Interlocked.Exchange(ref _dlBytes, 0),
            Interlocked.Exchange(ref _ulPackets, 0), Interlocked.Exchange(ref _dlPackets, 0));
        Volatile.Write(ref _thresholdReported, 0);
        return r;
    }
}

/// <summary>A PDR with its FAR, QERs and URRs resolved: what a worker evaluates per packet.</summary>
public sealed class CompiledPdr
{
    public required UpfSession Session { get; init; }

    public required ushort Id { get; init; }

    public required uint Precedence { get; init; }

    public InterfaceValue Source { get; init; }

    public uint? LocalTeid { get; init; }

    /// <summary>The UE IPv4 address (host order) the PDI names, if any.</summary>
    public uint? UeIpv4 { get; init; }

    /// <summary>The /64 prefix (upper 64 bits, host order) of the UE IPv6 address the PDI names, if any: a PDU session
    /// owns a whole /64 (TS 23.501 §5.8.2.2.3), whatever interface identifier the UE picks.</summary>
    public ulong? UeIpv6Prefix { get; init; }

    /// <summary>The UE IP Address IE has S/D = 1: the UE address is the destination (downlink PDI).</summary>
    public bool UeIpIsDestination { get; init; }

    /// <summary>QFIs the PDI requires (empty: any).</summary>
    public byte[] Qfis { get; init; } = [];

    public SdfRule[] Filters { get; init; } = [];

    public bool RemovesGtpU { get; init; }

    public required FarRule Far { get; init; }

    public QerRule[] Qers { get; init; } = [];

    public UrrRule[] Urrs { get; init; } = [];

    /// <summary>The QFI to put in the downlink PDU Session Container: the first QER's that has one.</summary>
    public byte Qfi { get; init; }

    /// <summary>The PDI against a packet (§5.2.1): QFI, the UE address as source for an access-side PDI, SDF filters
    /// (applied as written for a Core source and swapped for an Access source, §5.2.1A.2A).</summary>
    public bool Matches(ReadOnlySpan<byte> ip, byte qfi)
    {
        if (Qfis.Length != 0 && Array.IndexOf(Qfis, qfi) < 0)
        {
            return false;
        }
        if (!UeIpIsDestination && (UeIpv4.HasValue || UeIpv6Prefix.HasValue) && !FromUe(ip))
        {
            return false;
        }
        SdfRule[] filters = Filters;
        if (filters.Length == 0)
        {
            return true;
        }
        bool swap = Source == InterfaceValue.Access;
        foreach (SdfRule f in filters)
        {
            if (f.Matches(ip, swap))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The packet's source is this PDR's UE address (the uplink anti-spoofing check); a packet of a family the session has no address of fails.</summary>
    private bool FromUe(ReadOnlySpan<byte> ip)
    {
        if (ip.Length >= 20 && ip[0] >> 4 == 4)
        {
            return UeIpv4 is uint ue && System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(ip[12..]) == ue;
        }
        if (ip.Length >= 40 && ip[0] >> 4 == 6)
        {
            return UeIpv6Prefix is ulong prefix && System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(ip[8..]) == prefix;
        }
        return false;
    }
}

/// <summary>What the packet path looks up: uplink PDRs by local TEID, downlink PDRs by UE IPv4 address or UE IPv6 /64
/// prefix, each list sorted by precedence. Entries are replaced whole (an array is never changed once published), so
/// workers read without locks while the PFCP side installs one session in time independent of how many exist.</summary>
public sealed class ForwardingTables
{
    public ConcurrentDictionary<uint, CompiledPdr[]> Uplink { get; } = new();

    public ConcurrentDictionary<uint, CompiledPdr[]> Downlink { get; } = new();

    public ConcurrentDictionary<ulong, CompiledPdr[]> Downlink6 { get; } = new();

    /// <summary>The downlink PDRs for an IP packet's destination (IPv4 address or IPv6 /64), false for anything else.</summary>
    public bool TryGetDownlink(ReadOnlySpan<byte> ip, [NotNullWhen(true)] out CompiledPdr[]? pdrs)
    {
        if (ip.Length >= 20 && ip[0] >> 4 == 4)
        {
            return Downlink.TryGetValue(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(ip[16..]), out pdrs);
        }
        if (ip.Length >= 40 && ip[0] >> 4 == 6)
        {
            return Downlink6.TryGetValue(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(ip[24..]), out pdrs);
        }
        pdrs = null;
        return false;
    }

    public static CompiledPdr? Match(CompiledPdr[] pdrs, ReadOnlySpan<byte> ip, byte qfi)
    {
        foreach (CompiledPdr p in pdrs)
        {
            if (p.Matches(ip, qfi))
            {
                return p;
            }
        }
        return null;
    }
}
