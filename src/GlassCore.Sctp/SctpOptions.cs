// RFC 9260 §15 (protocol parameters) and RFC 6951 (UDP encapsulation): the settings of an SCTP transport.
using System.Net;

namespace GlassCore.Sctp;

/// <summary>Which SCTP stack carries the associations (config key <c>sctp.backend</c>).</summary>
public enum SctpBackendKind
{
    /// <summary>The kernel's SCTP when the kernel can open an SCTP socket, else usrsctp.</summary>
    Auto,

    /// <summary>Linux kernel SCTP through libc sockets.</summary>
    Kernel,

    /// <summary>The usrsctp userland stack (libusrsctp2), over raw IP or UDP encapsulation.</summary>
    Usrsctp,
}

/// <summary>
/// Plain settings record for an SCTP transport. Times are whole milliseconds on the wire (RFC 9260 §8.3, §15).
/// </summary>
public sealed record SctpOptions
{
    /// <summary><c>sctp.backend</c>: auto | kernel | usrsctp.</summary>
    public SctpBackendKind Backend { get; init; } = SctpBackendKind.Auto;

    /// <summary>
    /// <c>sctp.udpEncapsulationPort</c>: the local UDP port of RFC 6951 encapsulation (9899 is the registered one);
    /// 0 means plain SCTP over raw IP, which usrsctp can only do as root. Only the usrsctp backend uses it.
    /// </summary>
    public int UdpEncapsulationPort { get; init; }

    /// <summary>The peer's UDP encapsulation port for associations this side starts; 0 = the same as <see cref="UdpEncapsulationPort"/>.</summary>
    public int RemoteUdpEncapsulationPort { get; init; }

    /// <summary>Outbound streams asked for in INIT (the peer may grant fewer).</summary>
    public ushort OutboundStreams { get; init; } = 16;

    /// <summary>Most inbound streams accepted from the peer.</summary>
    public ushort MaxInboundStreams { get; init; } = 16;

    /// <summary>HB.interval (RFC 9260 §8.3): idle time between heartbeats on a path.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>RTO.Initial (RFC 9260 §15).</summary>
    public TimeSpan RtoInitial { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>RTO.Min (RFC 9260 §15).</summary>
    public TimeSpan RtoMin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>RTO.Max (RFC 9260 §15).</summary>
    public TimeSpan RtoMax { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Association.Max.Retrans (RFC 9260 §8.1): consecutive unanswered retransmissions or heartbeats before the peer is declared unreachable.</summary>
    public ushort MaxRetransmissions { get; init; } = 10;

    /// <summary>Max.Init.Retransmits (RFC 9260 §15).</summary>
    public ushort MaxInitRetransmissions { get; init; } = 8;

    /// <summary>Messages queued for sending per association before <c>SendAsync</c> waits (backpressure).</summary>
    public int SendQueueCapacity { get; init; } = 1024;

    /// <summary>Received messages held per association before the read loop stops reading (the peer's window then closes).</summary>
    public int ReceiveQueueCapacity { get; init; } = 1024;

    /// <summary>Largest message accepted in either direction; a larger incoming one aborts the association before it is buffered.</summary>
    public int MaxMessageSize { get; init; } = 256 * 1024;

    /// <summary>Sets SCTP_NODELAY so small signalling messages leave at once (no Nagle-like bundling delay).</summary>
    public bool NoDelay { get; init; } = true;

    /// <summary>
    /// The longest a silent peer can stay undetected on an idle association: the peer is declared unreachable at the
    /// (Association.Max.Retrans + 1)th unanswered heartbeat (RFC 9260 §8.1), and heartbeats go out every
    /// HB.interval + RTO with RTO jittered by ±50% and capped at RTO.Max (§8.3), plus one RTO.Max for timer granularity.
    /// </summary>
    public TimeSpan FailureDetectionBound =>
        ((HeartbeatInterval + (RtoMax * 1.5)) * (MaxRetransmissions + 1)) + RtoMax;

    internal int EffectiveRemoteEncapsulationPort => RemoteUdpEncapsulationPort != 0 ? RemoteUdpEncapsulationPort : UdpEncapsulationPort;

    internal void Validate()
    {
        if (UdpEncapsulationPort is < 0 or > 65535 || RemoteUdpEncapsulationPort is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(UdpEncapsulationPort), "UDP encapsulation ports are 0..65535");
        }
        if (OutboundStreams == 0 || MaxInboundStreams == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(OutboundStreams), "an association needs at least one stream each way");
        }
        if (SendQueueCapacity < 1 || ReceiveQueueCapacity < 1 || MaxMessageSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SendQueueCapacity), "queue capacities and the message size limit must be positive");
        }
        if (HeartbeatInterval < TimeSpan.Zero || RtoMin <= TimeSpan.Zero || RtoMax < RtoMin || RtoInitial < RtoMin || RtoInitial > RtoMax)
        {
            throw new ArgumentOutOfRangeException(nameof(RtoInitial), "need 0 < RTO.Min <= RTO.Initial <= RTO.Max and HB.interval >= 0");
        }
    }
}

/// <summary>One SCTP user message as delivered (RFC 9260 §6.6: stream, §3.3.1: payload protocol identifier).</summary>
public readonly record struct SctpMessage(ushort Stream, uint Ppid, ReadOnlyMemory<byte> Payload);

/// <summary>What happened to an association (RFC 6458 §6.1 notifications, backend-neutral).</summary>
public enum SctpNotificationKind
{
    AssociationUp,
    AssociationLost,
    AssociationRestarted,
    ShutdownReceived,
    ShutdownComplete,
    CannotStartAssociation,
    PeerAddressChanged,
    SendFailed,
    RemoteError,
}

/// <summary>State of a peer address after a PEER_ADDR_CHANGE (RFC 6458 §6.1.2).</summary>
public enum SctpPeerAddressState
{
    None,
    Available,
    Unreachable,
    Removed,
    Added,
    MadePrimary,
    Confirmed,
    PotentiallyFailed,
}

/// <summary>A notification from the stack; <see cref="Address"/> and <see cref="AddressState"/> are set for peer address changes.</summary>
public sealed record SctpNotification(
    SctpNotificationKind Kind,
    int Error = 0,
    IPEndPoint? Address = null,
    SctpPeerAddressState AddressState = SctpPeerAddressState.None);

/// <summary>Why an association ended.</summary>
public enum SctpCloseReason
{
    /// <summary>SHUTDOWN handshake completed (RFC 9260 §9.2).</summary>
    Shutdown,

    /// <summary>The peer stopped answering (retransmission or heartbeat limit) or sent ABORT.</summary>
    Lost,

    /// <summary>This side aborted.</summary>
    Aborted,

    /// <summary>The association could not be set up.</summary>
    CannotStart,

    /// <summary>The peer broke a limit (e.g. a message larger than <see cref="SctpOptions.MaxMessageSize"/>) and was aborted.</summary>
    ProtocolViolation,
}

/// <summary>An SCTP operation failed; <see cref="Errno"/> is the stack's errno when one was reported.</summary>
public sealed class SctpException : IOException
{
    public SctpException(string message, int errno = 0)
        : base(errno != 0 ? $"{message} (errno {errno})" : message) => Errno = errno;

    public SctpException()
    {
    }

    public SctpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SctpException(string message)
        : base(message)
    {
    }

    public int Errno { get; }
}
