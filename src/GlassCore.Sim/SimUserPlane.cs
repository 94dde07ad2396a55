// TS 29.281 §5-§7 (G-PDU, echo, error indication) and TS 38.415 §5.5.2 (PDU Session Container with the QFI) on the
// simulated gNBs' N3; TS 38.413 §8.2.1 gives each PDU session its tunnels. The UE side is one TUN in a network namespace.
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using GlassCore.Gtp;
using GlassCore.Gtp.Linux;

namespace GlassCore.Sim;

/// <summary>Where the simulator's N3 runs and where its UEs' traffic enters and leaves.</summary>
public sealed record SimUserPlaneOptions
{
    /// <summary>The gNBs' N3 address: GTP-U on UDP 2152 (the UPF sends downlink to port 2152, TS 29.281 §4.4.2.3).</summary>
    public IPAddress N3Address { get; init; } = IPAddress.Loopback;

    public int N3Port { get; init; } = SimUserPlane.GtpUPort;

    /// <summary>
    /// A network namespace (ip-netns(8)) for the UEs' TUN. Null = no TUN: downlink goes to each tunnel's
    /// <see cref="SimTunnel.Received"/> and uplink is sent with <see cref="SimUserPlane.SendUplink"/>.
    /// </summary>
    public string? UeNamespace { get; init; }

    public string TunName { get; init; } = "gcsim0";

    /// <summary>
    /// The /64 prefix of a UE's IPv6 session (SUPI, PDU session ID), as its first address; null: not known. A UE learns
    /// the prefix from the Router Advertisement the SMF sends through the UPF after establishment (TS 23.501 §5.8.2.2.1;
    /// the PDU Address IE carries only the interface identifier, TS 24.501 §9.11.4.10). Neither the SMF nor the UPF
    /// sends one yet, so the simulator asks this in its place (in process: the SMF's SM context). Without it, IPv6
    /// sessions get no address on the TUN.
    /// </summary>
    public Func<string, byte, IPAddress?>? Ipv6PrefixOf { get; init; }
}

/// <summary>
/// One PDU session's N3 tunnel pair at the gNB: the UPF's UL endpoint and the DL TEID this gNB gave, the QoS flows, and
/// (once the UE has its address) the UE address that picks it for uplink.
/// </summary>
public sealed class SimTunnel
{
    internal SimTunnel(uint dlTeid, IPEndPoint upf, uint ulTeid, byte qfi, IReadOnlyList<long> qosFlows)
    {
        DlTeid = dlTeid;
        Upf = upf;
        UlTeid = ulTeid;
        Qfi = qfi;
        QosFlows = qosFlows;
    }

    public uint DlTeid { get; }

    public IPEndPoint Upf { get; }

    public uint UlTeid { get; }

    /// <summary>The QFI uplink packets carry (the first flow of the setup request).</summary>
    public byte Qfi { get; }

    public IReadOnlyList<long> QosFlows { get; }

    /// <summary>The UE's IPv4 address, or for an IPv6-only session its IPv6 address.</summary>
    public IPAddress? UeAddress { get; internal set; }

    /// <summary>The UE's IPv6 address (/64 prefix + the interface identifier from the PDU Address IE), if bound.</summary>
    public IPAddress? UeIpv6Address { get; internal set; }

    private long _uplinkPackets;
    private long _downlinkPackets;

    public long UplinkPackets => Interlocked.Read(ref _uplinkPackets);

    public long DownlinkPackets => Interlocked.Read(ref _downlinkPackets);

    /// <summary>The QFI of the last downlink G-PDU (from its PDU Session Container), 0 if it had none.</summary>
    public byte LastDownlinkQfi { get; private set; }

    /// <summary>Downlink T-PDUs when there is no TUN (newest kept, at most 256).</summary>
    public Channel<byte[]> Received { get; } = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });

    internal void CountUplink() => Interlocked.Increment(ref _uplinkPackets);

    internal void CountDownlink(byte qfi)
    {
        Interlocked.Increment(ref _downlinkPackets);
        LastDownlinkQfi = qfi;
    }
}

/// <summary>
/// The gNBs' user plane: one N3 UDP socket shared by every simulated gNB (DL TEIDs are unique across them) and, with a
/// UE namespace, one TUN there carrying every UE address (/32 each): the source address of an uplink packet picks its
/// session, so 10,000 sessions need one interface, not 10,000, and any program in the namespace can use a session by
/// binding to its address (ping -I ADDRESS).
/// </summary>
public sealed class SimUserPlane : IAsyncDisposable
{
    /// <summary>TS 29.281 §4.4.2.3: GTP-U is on UDP 2152 at both ends (the TNL information carries no port).</summary>
    public const int GtpUPort = 2152;

    private const int MaxPacket = 65535;
    private const int UplinkHeadroom = 16;

    private readonly SimUserPlaneOptions _options;
    private readonly Socket _n3;
    private readonly ConcurrentDictionary<uint, SimTunnel> _byTeid = new();
    private readonly ConcurrentDictionary<uint, SimTunnel> _byUeIpv4 = new();

    // Keyed by the /64 prefix (upper 64 bits): the session owns the whole prefix (TS 23.501 §5.8.2.2.3), as at the UPF.
    private readonly ConcurrentDictionary<ulong, SimTunnel> _byUeIpv6Prefix = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receive;
    private readonly TunDevice? _tun;

    // Opened in the UE namespace with the TUN: UE addresses are set over it, not by an ip(8) process per session.
    private readonly RouteNetlink? _netlink;
    private readonly int _tunIndex;
    private readonly Thread? _tunReader;
    private readonly Lock _sendGate = new();
    private readonly byte[] _sendBuffer = new byte[MaxPacket + UplinkHeadroom];
    private uint _nextTeid = (uint)Random.Shared.Next(1, 1 << 24);
    private long _errorIndications;
    private long _unknownTeid;
    private int _disposed;

    private SimUserPlane(SimUserPlaneOptions options, Socket n3, TunDevice? tun, RouteNetlink? netlink, int tunIndex)
    {
        _options = options;
        _n3 = n3;
        _tun = tun;
        _netlink = netlink;
        _tunIndex = tunIndex;
        _receive = Task.Run(() => ReceiveAsync(_stop.Token), CancellationToken.None);
        if (tun is not null)
        {
            _tunReader = new Thread(ReadTun) { IsBackground = true, Name = "sim-tun" };
            _tunReader.Start();
        }
    }

    public IPEndPoint N3 => (IPEndPoint)_n3.LocalEndPoint!;

    public string? UeNamespace => _options.UeNamespace;

    public string? TunName => _tun?.Name;

    /// <summary>Error Indications received from the UPF (TS 29.281 §7.3.1: it knew no session for a TEID we used).</summary>
    public long ErrorIndications => Interlocked.Read(ref _errorIndications);

    /// <summary>G-PDUs received for a TEID this gNB did not give out.</summary>
    public long UnknownTeidPackets => Interlocked.Read(ref _unknownTeid);

    /// <summary>Binds N3 and, with a UE namespace, creates the TUN inside it with a default route through it.</summary>
    public static SimUserPlane Start(SimUserPlaneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var n3 = new Socket(options.N3Address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        TunDevice? tun = null;
        RouteNetlink? netlink = null;
        int tunIndex = 0;
        try
        {
            n3.Bind(new IPEndPoint(options.N3Address, options.N3Port));
            if (options.UeNamespace is { } ns)
            {
                if (!NetworkNamespace.Exists(ns))
                {
                    throw new IOException($"network namespace '{ns}' does not exist (scripts/dn-netns.sh up creates one)");
                }
                (tun, netlink, tunIndex) = NetworkNamespace.Run(ns, () =>
                {
                    var t = TunDevice.Open(options.TunName, 1, null, 0, 0);
                    return (t, RouteNetlink.Open(), RouteNetlink.InterfaceIndex(options.TunName));
                });
                NetworkNamespace.Ip("-n", ns, "route", "replace", "default", "dev", options.TunName);
                NetworkNamespace.Ip("-n", ns, "-6", "route", "replace", "default", "dev", options.TunName);
            }
            return new SimUserPlane(options, n3, tun, netlink, tunIndex);
        }
        catch
        {
            netlink?.Dispose();
            tun?.Dispose();
            n3.Dispose();
            throw;
        }
    }

    /// <summary>§8.2.1.2: a DL TEID for a session whose UL end is <paramref name="upf"/>/<paramref name="ulTeid"/>.</summary>
    public SimTunnel Add(IPEndPoint upf, uint ulTeid, IReadOnlyList<long> qosFlows)
    {
        ArgumentNullException.ThrowIfNull(upf);
        ArgumentNullException.ThrowIfNull(qosFlows);
        while (true)
        {
            uint teid = Interlocked.Increment(ref _nextTeid);
            if (teid == 0)
            {
                continue;
            }
            var t = new SimTunnel(teid, upf, ulTeid, qosFlows.Count > 0 ? (byte)qosFlows[0] : (byte)0, qosFlows);
            if (_byTeid.TryAdd(teid, t))
            {
                return t;
            }
        }
    }

    /// <summary>The /64 prefix of a UE's IPv6 session, where <see cref="SimUserPlaneOptions.Ipv6PrefixOf"/> knows it.</summary>
    public IPAddress? Ipv6PrefixOf(string supi, byte pduSessionId) => _options.Ipv6PrefixOf?.Invoke(supi, pduSessionId);

    /// <summary>The UE's IPv6 address: the upper 64 bits of <paramref name="prefix"/> and the 8-octet interface identifier
    /// (TS 23.501 §5.8.2.2.2: the UE may use it to form its global address as well as its link-local one).</summary>
    public static IPAddress Ipv6Address(IPAddress prefix, ReadOnlySpan<byte> interfaceIdentifier)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.AddressFamily != AddressFamily.InterNetworkV6 || interfaceIdentifier.Length != 8)
        {
            throw new ArgumentException("an IPv6 prefix and an 8-octet interface identifier");
        }
        Span<byte> a = stackalloc byte[16];
        prefix.TryWriteBytes(a, out _);
        interfaceIdentifier.CopyTo(a[8..]);
        return new IPAddress(a);
    }

    /// <summary>The UE learnt its address (PDU Session Establishment Accept; for IPv6 the prefix as well): uplink from it
    /// now goes to <paramref name="t"/>; with a TUN the address is added to it. An IPv4v6 session is bound once per family.</summary>
    public void Bind(SimTunnel t, IPAddress ueAddress)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(ueAddress);
        bool first;
        switch (ueAddress.AddressFamily)
        {
            case AddressFamily.InterNetwork:
                t.UeAddress = ueAddress;
                uint key = Ipv4Key(ueAddress);
                first = !_byUeIpv4.ContainsKey(key);
                _byUeIpv4[key] = t;
                break;
            case AddressFamily.InterNetworkV6:
                t.UeAddress ??= ueAddress;
                t.UeIpv6Address = ueAddress;
                ulong prefix = Ipv6PrefixKey(ueAddress);
                first = !_byUeIpv6Prefix.ContainsKey(prefix);
                _byUeIpv6Prefix[prefix] = t;
                break;
            default:
                return;
        }
        if (first && _netlink is not null)
        {
            _netlink.ReplaceAddress(_tunIndex, ueAddress, ueAddress.AddressFamily == AddressFamily.InterNetwork ? (byte)32 : (byte)128);
        }
    }

    /// <summary>The tunnel is gone (session released, or the UE's context released: its sessions are deactivated).
    /// The UE address stays on the TUN while the session exists; <paramref name="sessionReleased"/> removes it too.</summary>
    public void Remove(SimTunnel t, bool sessionReleased)
    {
        ArgumentNullException.ThrowIfNull(t);
        _byTeid.TryRemove(t.DlTeid, out _);
        if (t.UeAddress is { AddressFamily: AddressFamily.InterNetwork } a)
        {
            _byUeIpv4.TryRemove(new KeyValuePair<uint, SimTunnel>(Ipv4Key(a), t));
            if (sessionReleased)
            {
                DeleteAddress(a, 32);
            }
        }
        if (t.UeIpv6Address is { } a6)
        {
            _byUeIpv6Prefix.TryRemove(new KeyValuePair<ulong, SimTunnel>(Ipv6PrefixKey(a6), t));
            if (sessionReleased)
            {
                DeleteAddress(a6, 128);
            }
        }
    }

    private void DeleteAddress(IPAddress a, byte prefixLength)
    {
        if (_netlink is null)
        {
            return;
        }
        try
        {
            // False: already gone; nothing to undo.
            _netlink.DeleteAddress(_tunIndex, a, prefixLength);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The namespace or the TUN went first (shutdown).
        }
    }

    /// <summary>The tunnel a UE address uses now, if any.</summary>
    public SimTunnel? TunnelOf(IPAddress ueAddress)
    {
        ArgumentNullException.ThrowIfNull(ueAddress);
        return ueAddress.AddressFamily switch
        {
            AddressFamily.InterNetwork => _byUeIpv4.TryGetValue(Ipv4Key(ueAddress), out var t) ? t : null,
            AddressFamily.InterNetworkV6 => _byUeIpv6Prefix.TryGetValue(Ipv6PrefixKey(ueAddress), out var t6) ? t6 : null,
            _ => null,
        };
    }

    /// <summary>One uplink IP packet as a G-PDU with the UL PDU Session Information (QFI) to the UPF.</summary>
    public void SendUplink(SimTunnel t, ReadOnlySpan<byte> ipPacket)
    {
        ArgumentNullException.ThrowIfNull(t);
        lock (_sendGate)
        {
            if (!GtpUMessages.TryWriteGpduHeader(_sendBuffer, t.UlTeid, ipPacket.Length, PduSessionInformation.Uplink(t.Qfi), out int header)
                || header + ipPacket.Length > _sendBuffer.Length)
            {
                return;
            }
            ipPacket.CopyTo(_sendBuffer.AsSpan(header));
            if (!TrySend(_sendBuffer.AsSpan(0, header + ipPacket.Length), t.Upf))
            {
                return;
            }
        }
        t.CountUplink();
    }

    /// <summary>False when N3 is closed (shutdown) or the kernel refused the datagram: like a radio link, the packet is lost.
    /// Never throws: the TUN reader is a dedicated thread, where an exception would end the process.</summary>
    private bool TrySend(ReadOnlySpan<byte> datagram, EndPoint to)
    {
        try
        {
            _n3.SendTo(datagram, SocketFlags.None, to);
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    private static uint Ipv4Key(IPAddress a)
    {
        Span<byte> b = stackalloc byte[4];
        a.TryWriteBytes(b, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(b);
    }

    private static ulong Ipv6PrefixKey(IPAddress a)
    {
        Span<byte> b = stackalloc byte[16];
        a.TryWriteBytes(b, out _);
        return BinaryPrimitives.ReadUInt64BigEndian(b);
    }

    private async Task ReceiveAsync(CancellationToken ct)
    {
        byte[] buffer = new byte[MaxPacket];
        byte[] reply = new byte[64];
        EndPoint any = new IPEndPoint(_options.N3Address.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!ct.IsCancellationRequested)
        {
            SocketReceiveFromResult r;
            try
            {
                r = await _n3.ReceiveFromAsync(buffer, SocketFlags.None, any, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            int replyLength = Handle(buffer.AsSpan(0, r.ReceivedBytes), reply);
            if (replyLength > 0)
            {
                TrySend(reply.AsSpan(0, replyLength), r.RemoteEndPoint);
            }
        }
    }

    /// <summary>One datagram from N3; returns the length of a reply to send back (echo response) or 0.</summary>
    private int Handle(ReadOnlySpan<byte> datagram, Span<byte> reply)
    {
        if (!GtpUPacket.TryParse(datagram, out var p, out _))
        {
            return 0;
        }
        switch (p.MessageType)
        {
            case GtpUMessageType.GPdu:
                if (!_byTeid.TryGetValue(p.Teid, out var t))
                {
                    Interlocked.Increment(ref _unknownTeid);
                    return 0;
                }
                t.CountDownlink(p.TryGetPduSessionInformation(out var info) ? info.Qfi : (byte)0);
                Deliver(t, p.Payload);
                return 0;
            case GtpUMessageType.EchoRequest:
                return GtpUMessages.TryWriteEchoResponse(reply, p.SequenceNumber, out int n) ? n : 0;
            case GtpUMessageType.ErrorIndication:
                Interlocked.Increment(ref _errorIndications);
                return 0;
            default:
                return 0;
        }
    }

    private unsafe void Deliver(SimTunnel t, ReadOnlySpan<byte> ip)
    {
        if (_tun is null)
        {
            t.Received.Writer.TryWrite(ip.ToArray());
            return;
        }
        fixed (byte* b = ip)
        {
            // A full TUN queue drops the packet, as a radio link would.
            Native.Write(_tun.Queues[0], b, (nuint)ip.Length);
        }
    }

    /// <summary>Uplink from the UE namespace: each packet the kernel routes into the TUN goes to its source address's session.</summary>
    private unsafe void ReadTun()
    {
        int fd = _tun!.Queues[0];
        byte[] packet = new byte[MaxPacket];
        var poll = new PollFd { Fd = fd, Events = Native.PollIn };
        while (!_stop.IsCancellationRequested)
        {
            if (Native.Poll(&poll, 1, 200) <= 0)
            {
                continue;
            }
            nint n;
            fixed (byte* b = packet)
            {
                n = Native.Read(fd, b, (nuint)packet.Length);
            }
            // The source address picks the session: IPv4 header octets 12-15, IPv6 (RFC 8200 §3) octets 8-23, of which
            // the /64 prefix. Link-local traffic (the kernel's router solicitations, MLD) matches no session and ends here.
            SimTunnel? t = (n, packet[0] >> 4) switch
            {
                ( >= 20, 4) => _byUeIpv4.TryGetValue(BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(12)), out var t4) ? t4 : null,
                ( >= 40, 6) => _byUeIpv6Prefix.TryGetValue(BinaryPrimitives.ReadUInt64BigEndian(packet.AsSpan(8)), out var t6) ? t6 : null,
                _ => null,
            };
            if (t is not null)
            {
                SendUplink(t, packet.AsSpan(0, (int)n));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        // The TUN reader sends on N3: it stops (within its 200 ms poll) before N3 closes.
        _tunReader?.Join();
        _n3.Dispose();
        await _receive.ConfigureAwait(false);
        _netlink?.Dispose();
        _tun?.Dispose();
        _stop.Dispose();
    }
}
