// TS 23.501 §5.8.2 / TS 29.244 §5.2: the UPF packet path. N3 GTP-U (TS 29.281) ↔ N6 TUN. Lookup tables are published
// copy-on-write by the PFCP side and read by the workers without locks.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Threading.Channels;
using GlassCore.Gtp;
using GlassCore.Gtp.Linux;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GlassCore.Upf.DataPath;

/// <summary>Counters of the packet path, summed over the workers.</summary>
public readonly record struct UserPlaneStats(long UplinkForwarded, long DownlinkForwarded, long Dropped, long UnknownTeid, long Malformed, long Buffered, long EchoRequests, long ErrorIndicationsSent);

/// <summary>The forwarding plane: tables, workers, N3 sockets and the N6 TUN.</summary>
public sealed partial class UserPlane : IForwardingPlane, IDisposable
{
    private readonly UpfOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _publish = new();
    private readonly Channel<UpfEvent> _events = Channel.CreateUnbounded<UpfEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Worker> _workers = [];
    private readonly List<int> _udpFds = [];
    private readonly ForwardingTables _tables = new();
    private TunDevice? _tun;
    private volatile bool _stop;

    public UserPlane(UpfOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        N3SockAddr = SockAddrIn.Of(options.N3Address, UpfOptions.GtpUPort);
        N3AddressBytes = options.N3Address.GetAddressBytes();
    }

    internal SockAddrIn N3SockAddr { get; }

    internal byte[] N3AddressBytes { get; }

    internal UpfOptions Options => _options;

    public ForwardingTables Tables => _tables;

    public ChannelReader<UpfEvent> Events => _events.Reader;

    public bool IsRunning => _workers.Count > 0;

    internal bool Stopping => _stop;

    public UserPlaneStats Stats
    {
        get
        {
            long ul = 0, dl = 0, drop = 0, unk = 0, bad = 0, buf = 0, echo = 0, ei = 0;
            foreach (Worker w in _workers)
            {
                ul += Volatile.Read(ref w.UplinkForwarded);
                dl += Volatile.Read(ref w.DownlinkForwarded);
                drop += Volatile.Read(ref w.Dropped);
                unk += Volatile.Read(ref w.UnknownTeid);
                bad += Volatile.Read(ref w.Malformed);
                buf += Volatile.Read(ref w.Buffered);
                echo += Volatile.Read(ref w.EchoRequests);
                ei += Volatile.Read(ref w.ErrorIndicationsSent);
            }
            return new UserPlaneStats(ul, dl, drop, unk, bad, buf, echo, ei);
        }
    }

    /// <summary>Uplink packets one worker forwarded (to see which worker owns a TEID).</summary>
    internal long WorkerUplinkForwarded(int worker) => Volatile.Read(ref _workers[worker].UplinkForwarded);

    /// <summary>Opens the TUN and the N3 sockets and starts the workers.</summary>
    public void Start()
    {
        if (_workers.Count > 0)
        {
            return;
        }
        int n = Math.Max(1, _options.Workers);
        _tun = TunDevice.Open(_options.TunName, n, _options.TunAddress, _options.TunPrefixLength, _options.TunTxQueueLength);
        try
        {
            if (_options.TunIpv6Address is { } v6)
            {
                // The kernel adds the prefix route with the address: downlink to the UE IPv6 pool enters the TUN.
                using var netlink = RouteNetlink.Open();
                netlink.ReplaceAddress(RouteNetlink.InterfaceIndex(_options.TunName), v6, (byte)_options.TunIpv6PrefixLength);
            }
            for (int i = 0; i < n; i++)
            {
                _udpFds.Add(Native.OpenUdp(N3SockAddr, reusePort: n > 1, _options.SocketBufferBytes));
            }
            if (n > 1)
            {
                Native.AttachTeidSteering(_udpFds[0], n);
            }
            for (int i = 0; i < n; i++)
            {
                _workers.Add(new Worker(this, i, _udpFds[i], _tun.Queues[i]));
            }
        }
        catch
        {
            CloseFds();
            throw;
        }
        foreach (Worker w in _workers)
        {
            w.Start();
        }
        LogStarted(n, _options.N3Address, _options.TunName);
    }

    public void Install(UpfSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_publish)
        {
            var teids = new Dictionary<uint, List<CompiledPdr>>();
            var ues = new Dictionary<uint, List<CompiledPdr>>();
            var ues6 = new Dictionary<ulong, List<CompiledPdr>>();
            foreach (CompiledPdr p in session.Compiled)
            {
                if (p.LocalTeid is uint teid)
                {
                    Add(teids, teid, p);
                }
                else if (p.UeIpIsDestination)
                {
                    if (p.UeIpv4 is uint ue)
                    {
                        Add(ues, ue, p);
                    }
                    if (p.UeIpv6Prefix is ulong prefix)
                    {
                        Add(ues6, prefix, p);
                    }
                }
            }
            // New entries first, then the ones this session no longer uses: a worker sees the old rules or the new, never a gap.
            foreach ((uint teid, List<CompiledPdr> list) in teids)
            {
                _tables.Uplink[teid] = [.. list];
            }
            foreach ((uint ue, List<CompiledPdr> list) in ues)
            {
                _tables.Downlink[ue] = [.. list];
            }
            foreach ((ulong prefix, List<CompiledPdr> list) in ues6)
            {
                _tables.Downlink6[prefix] = [.. list];
            }
            Unpublish(session, _tables.Uplink, session.PublishedTeids.Where(t => !teids.ContainsKey(t)));
            Unpublish(session, _tables.Downlink, session.PublishedUeIps.Where(u => !ues.ContainsKey(u)));
            Unpublish(session, _tables.Downlink6, session.PublishedUeIpv6Prefixes.Where(u => !ues6.ContainsKey(u)));
            session.PublishedTeids = [.. teids.Keys];
            session.PublishedUeIps = [.. ues.Keys];
            session.PublishedUeIpv6Prefixes = [.. ues6.Keys];
        }
    }

    private static void Add<TKey>(Dictionary<TKey, List<CompiledPdr>> d, TKey key, CompiledPdr p)
        where TKey : notnull
    {
        if (!d.TryGetValue(key, out List<CompiledPdr>? list))
        {
            d[key] = list = [];
        }
        list.Add(p); // Compiled is sorted by precedence already.
    }

    /// <summary>Removes the keys, each only while it still maps to this session's rules (another session may own it by now).</summary>
    private static void Unpublish<TKey>(UpfSession session, ConcurrentDictionary<TKey, CompiledPdr[]> table, IEnumerable<TKey> keys)
        where TKey : notnull
    {
        foreach (TKey k in keys.ToArray())
        {
            if (table.TryGetValue(k, out CompiledPdr[]? p) && p.Length > 0 && p[0].Session == session)
            {
                table.TryRemove(KeyValuePair.Create(k, p));
            }
        }
    }

    public void Remove(UpfSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_publish)
        {
            Unpublish(session, _tables.Uplink, session.PublishedTeids);
            Unpublish(session, _tables.Downlink, session.PublishedUeIps);
            Unpublish(session, _tables.Downlink6, session.PublishedUeIpv6Prefixes);
            session.PublishedTeids = [];
            session.PublishedUeIps = [];
            session.PublishedUeIpv6Prefixes = [];
        }
        DropBuffered(session);
    }

    public void DropBuffered(UpfSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        while (session.TryTakeBuffered(out byte[] packet, out _))
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(packet);
        }
    }

    public void FlushBuffered(UpfSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        byte[] datagram = new byte[Worker.SlotSize];
        ForwardingTables t = Tables;
        while (session.TryTakeBuffered(out byte[] packet, out int length))
        {
            try
            {
                ReadOnlySpan<byte> ip = packet.AsSpan(0, length);
                if (length > Worker.SlotSize - Worker.Headroom || !t.TryGetDownlink(ip, out CompiledPdr[]? pdrs))
                {
                    continue;
                }
                CompiledPdr? pdr = ForwardingTables.Match(pdrs, ip, 0);
                if (pdr is null || !pdr.Far.Forward || !pdr.Far.CreatesGtpU)
                {
                    continue;
                }
                int h = Worker.WriteDownlinkHeader(datagram, pdr, length);
                ip.CopyTo(datagram.AsSpan(h));
                SendControl(datagram.AsSpan(0, h + length), pdr.Far.OuterSockAddr);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(packet);
            }
        }
    }

    public void SendEndMarker(FarRule previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        if (!previous.CreatesGtpU)
        {
            return;
        }
        Span<byte> buffer = stackalloc byte[16];
        if (GtpUMessages.TryWriteEndMarker(buffer, previous.OuterTeid, out int written))
        {
            SendControl(buffer[..written], previous.OuterSockAddr);
        }
    }

    /// <summary>Sends one datagram from the N3 address outside the workers' batches (control-triggered traffic).</summary>
    internal unsafe void SendControl(ReadOnlySpan<byte> datagram, SockAddrIn destination)
    {
        if (_udpFds.Count == 0)
        {
            return;
        }
        fixed (byte* p = datagram)
        {
            Native.SendTo(_udpFds[0], p, (nuint)datagram.Length, 0, &destination, 16);
        }
    }

    internal void Post(UpfEvent e) => _events.Writer.TryWrite(e);

    private void CloseFds()
    {
        foreach (int fd in _udpFds)
        {
            Native.Close(fd);
        }
        _udpFds.Clear();
        _tun?.Dispose();
        _tun = null;
    }

    public void Dispose()
    {
        _stop = true;
        foreach (Worker w in _workers)
        {
            w.Join();
        }
        foreach (Worker w in _workers)
        {
            w.Dispose();
        }
        _workers.Clear();
        CloseFds();
        _events.Writer.TryComplete();
    }

    internal void OnWorkerFault(int worker, Exception e) => LogWorkerFault(worker, e);

    [LoggerMessage(Level = LogLevel.Error, Message = "UPF worker {Worker}: a batch of packets could not be processed and was dropped")]
    private partial void LogWorkerFault(int worker, Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "UPF packet path: {Workers} worker(s), N3 {N3}:2152, N6 TUN {Tun}")]
    private partial void LogStarted(int workers, IPAddress n3, string tun);

    internal static long Now => Stopwatch.GetTimestamp();
}
