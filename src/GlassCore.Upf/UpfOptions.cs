// The UPF's configuration: N4 (TS 29.244 §4.2.2 port 8805), N3 (TS 29.281 §4.4.2 port 2152), N6 TUN, workers.
using System.Net;

namespace GlassCore.Upf;

public sealed class UpfOptions
{
    /// <summary>The GTP-U port (TS 29.281 §4.4.2.0): downlink always goes to this port of the gNB too.</summary>
    public const int GtpUPort = 2152;

    /// <summary>N4: where the PFCP server listens; its address is also the Node ID and the UP F-SEID address.</summary>
    public IPEndPoint Pfcp { get; set; } = new(IPAddress.Parse("127.0.0.7"), 8805);

    /// <summary>N3: the GTP-U address (port 2152) and the address of the F-TEIDs this UPF allocates.</summary>
    public IPAddress N3Address { get; set; } = IPAddress.Parse("127.0.0.7");

    /// <summary>Start the packet path (needs CAP_NET_ADMIN for the TUN); false runs N4 only (rules are accepted, nothing forwards).</summary>
    public bool EnableDataPath { get; set; } = true;

    /// <summary>N6 TUN interface name.</summary>
    public string TunName { get; set; } = "glasscore0";

    /// <summary>Address of the TUN interface on the data network side; its prefix routes the UE pool into the TUN.</summary>
    public IPAddress? TunAddress { get; set; } = IPAddress.Parse("10.45.0.1");

    public int TunPrefixLength { get; set; } = 16;

    /// <summary>IPv6 address of the TUN (null: none); like the IPv4 one, its prefix (<see cref="TunIpv6PrefixLength"/>)
    /// routes the UE IPv6 pool into the TUN. Put it in the pool's first /64, which the SMF never gives a session.</summary>
    public IPAddress? TunIpv6Address { get; set; }

    public int TunIpv6PrefixLength { get; set; } = 48;

    public int TunTxQueueLength { get; set; } = 4096;

    /// <summary>Packet worker threads; each owns a UDP socket of the N3 port (uplink steered by TEID) and a TUN queue.</summary>
    public int Workers { get; set; } = 1;

    /// <summary>Datagrams per recvmmsg/sendmmsg call.</summary>
    public int Batch { get; set; } = 64;

    /// <summary>Batch the N6 TUN reads and writes through io_uring: one system call per batch instead of one per packet
    /// (where the kernel has no io_uring, the workers fall back to read(2)/write(2) by themselves).</summary>
    public bool TunIoUring { get; set; } = true;

    /// <summary>Send each run of downlink G-PDUs to one gNB with one size as one UDP GSO datagram (UDP_SEGMENT); the
    /// workers stop by themselves where the egress device cannot do it.</summary>
    public bool N3Gso { get; set; } = true;

    /// <summary>Socket buffer size of each N3 socket.</summary>
    public int SocketBufferBytes { get; set; } = 8 << 20;

    /// <summary>Downlink packets buffered per session while a FAR says BUFF, unless the BAR suggests a count.</summary>
    public int BufferPackets { get; set; } = 64;

    /// <summary>Error Indications each worker sends per second at most (TS 29.281 §7.3.1 lets the rate be limited).</summary>
    public int ErrorIndicationsPerSecond { get; set; } = 100;

    /// <summary>Recovery Time Stamp: when this UPF started (TS 29.244 §19A).</summary>
    public DateTime StartTime { get; set; } = DateTime.UtcNow;
}
