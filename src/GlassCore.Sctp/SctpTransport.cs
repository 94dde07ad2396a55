// TS 38.412 §7 needs SCTP (RFC 9260); this picks the stack that carries it: kernel SCTP or usrsctp.
using System.Net;
using GlassCore.Sctp.Kernel;
using GlassCore.Sctp.Usrsctp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GlassCore.Sctp;

/// <summary>Accepts associations on a bound SCTP endpoint.</summary>
public abstract class SctpListener : IAsyncDisposable
{
    /// <summary>The addresses this endpoint is bound to (the port is the bound one when 0 was asked for).</summary>
    public abstract IReadOnlyList<IPEndPoint> LocalEndPoints { get; }

    /// <summary>Waits for the next association that completed its four-way handshake.</summary>
    public abstract Task<SctpAssociation> AcceptAsync(CancellationToken cancellationToken = default);

    public abstract ValueTask DisposeAsync();
}

/// <summary>
/// RFC 9260 §6.3.3 / §7.2.4 events of the whole stack (every association of this process): DATA chunks sent and
/// retransmitted, of them by fast retransmit, and T3-rtx and window-probe timer expiries. Each expiry costs at least
/// RTO.Min, so these explain latency tails measured over N2.
/// </summary>
public sealed record SctpStackCounters(long DataChunksSent, long DataChunksRetransmitted, long FastRetransmits, long T3Timeouts, long WindowProbeTimeouts)
{
    public SctpStackCounters Since(SctpStackCounters before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return new(DataChunksSent - before.DataChunksSent, DataChunksRetransmitted - before.DataChunksRetransmitted,
            FastRetransmits - before.FastRetransmits, T3Timeouts - before.T3Timeouts, WindowProbeTimeouts - before.WindowProbeTimeouts);
    }
}

/// <summary>
/// Entry point of GlassCore.Sctp: creates listeners and outgoing associations on one backend.
/// <c>auto</c> takes the kernel's SCTP when a socket can be opened, else usrsctp, and logs why.
/// </summary>
public abstract class SctpTransport : IAsyncDisposable
{
    private protected SctpTransport(SctpOptions options, ILogger logger)
    {
        Options = options;
        Logger = logger;
    }

    public SctpOptions Options { get; }

    public abstract SctpBackendKind Backend { get; }

    private protected ILogger Logger { get; }

    /// <summary>Creates the transport for <paramref name="options"/>; throws <see cref="SctpException"/> when the chosen backend cannot run here.</summary>
    public static SctpTransport Create(SctpOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        logger ??= NullLogger.Instance;
        switch (options.Backend)
        {
            case SctpBackendKind.Kernel:
                if (!KernelSctp.IsAvailable(out string kernelReason))
                {
                    throw new SctpException("sctp.backend is kernel but " + kernelReason);
                }
                return new KernelTransport(options, logger);
            case SctpBackendKind.Usrsctp:
                return CreateUsrsctp(options, logger);
            default:
                if (KernelSctp.IsAvailable(out string reason))
                {
                    SctpLog.BackendChosen(logger, SctpBackendKind.Kernel, reason);
                    return new KernelTransport(options, logger);
                }
                SctpLog.BackendChosen(logger, SctpBackendKind.Usrsctp, reason);
                return CreateUsrsctp(options, logger);
        }
    }

    private static UsrsctpTransport CreateUsrsctp(SctpOptions options, ILogger logger)
    {
        if (!UsrsctpStack.IsLibraryAvailable(out string reason))
        {
            throw new SctpException("usrsctp is not usable: " + reason);
        }
        if (options.UdpEncapsulationPort == 0 && !Environment.IsPrivilegedProcess)
        {
            throw new SctpException("usrsctp over raw IP (sctp.udpEncapsulationPort 0) needs root; set a UDP encapsulation port such as 9899");
        }
        return new UsrsctpTransport(options, logger);
    }

    /// <summary>Binds to every address of <paramref name="localEndPoints"/> (one multi-homed endpoint, same port) and listens.</summary>
    public abstract SctpListener Listen(IReadOnlyList<IPEndPoint> localEndPoints, int backlog = 128);

    /// <summary>Sets up an association with <paramref name="remote"/>; completes when it is established (COMM_UP).</summary>
    public abstract Task<SctpAssociation> ConnectAsync(IPEndPoint remote, IPEndPoint? local = null, CancellationToken cancellationToken = default);

    /// <summary>The stack's retransmission counters so far (null when the stack keeps none this process can read).</summary>
    public virtual SctpStackCounters? Counters() => null;

    public abstract ValueTask DisposeAsync();
}
