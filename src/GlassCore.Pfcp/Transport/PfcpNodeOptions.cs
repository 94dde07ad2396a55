// TS 29.244 §6.4 (reliable delivery: T1, N1, sequence numbers) and §4.2 (UDP port 8805).
using System.Net;

namespace GlassCore.Pfcp.Transport;

public sealed class PfcpNodeOptions
{
    /// <summary>The registered PFCP port (TS 29.244 §4.2.2).</summary>
    public const int Port = 8805;

    public IPEndPoint LocalEndPoint { get; set; } = new(IPAddress.Any, Port);

    /// <summary>T1: time to wait for a response before retransmitting a request.</summary>
    public TimeSpan T1 { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>N1: retransmissions after the first transmission before the request fails.</summary>
    public int N1 { get; set; } = 3;

    /// <summary>How long a response stays cached to answer a retransmitted request; at least the peer's T1 × (N1 + 1).</summary>
    public TimeSpan ResponseCacheLifetime { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The socket's receive buffer. One receive loop serves the socket, so a burst of requests (hundreds of
    /// session establishments at once) waits in this buffer while it works; the kernel's default (about 200 KiB, a few
    /// hundred datagrams on loopback) overflows and the lost requests come back only after T1. Raised with
    /// SO_RCVBUFFORCE where the process may (CAP_NET_ADMIN), otherwise up to net.core.rmem_max; 0 keeps the default.</summary>
    public int ReceiveBufferBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>This node's Node ID, put into responses the node builds itself (rejections of malformed requests).</summary>
    public NodeId? NodeId { get; set; }

    /// <summary>When this node started; kept for its lifetime (a new value tells peers it restarted, TS 29.244 §6.2.2).</summary>
    public PfcpTimeStamp RecoveryTimeStamp { get; set; } = PfcpTimeStamp.FromTime(DateTime.UtcNow);
}

/// <summary>A request got no response after N1 retransmissions (TS 29.244 §6.4).</summary>
public sealed class PfcpTimeoutException(PfcpMessageType type, uint sequenceNumber, int transmissions)
    : TimeoutException($"{PfcpMessageTypes.Name(type)} seq {sequenceNumber}: no response after {transmissions} transmissions")
{
    public PfcpMessageType MessageType { get; } = type;

    public uint SequenceNumber { get; } = sequenceNumber;

    public int Transmissions { get; } = transmissions;
}

/// <summary>Handles requests a peer sends. Returns the response (the node sends, caches and retransmits it), or null for none.
/// Handlers are called without sockets, so tests can call them directly.</summary>
public interface IPfcpRequestHandler
{
    ValueTask<PfcpMessage?> HandleAsync(PfcpMessage request, IPEndPoint peer, CancellationToken cancellationToken);
}
