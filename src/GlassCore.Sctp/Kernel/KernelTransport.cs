// Kernel backend: Linux SCTP sockets (RFC 6458 one-to-one style), readiness from one shared epoll thread.
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using static GlassCore.Sctp.Kernel.KernelNative;

namespace GlassCore.Sctp.Kernel;

internal sealed class KernelTransport(SctpOptions options, ILogger logger) : SctpTransport(options, logger)
{
    public override SctpBackendKind Backend => SctpBackendKind.Kernel;

    public override SctpListener Listen(IReadOnlyList<IPEndPoint> localEndPoints, int backlog = 128) =>
        KernelListener.Create(Options, localEndPoints, backlog, Logger);

    public override Task<SctpAssociation> ConnectAsync(IPEndPoint remote, IPEndPoint? local = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        return KernelAssociation.ConnectAsync(Options, remote, local, Logger, cancellationToken);
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

internal sealed class KernelListener : SctpListener, IReadinessTarget
{
    private readonly SctpOptions _options;
    private readonly ILogger _logger;
    private readonly AsyncSignal _acceptable = new();
    private readonly long _registration;
    private int _fd;

    private KernelListener(int fd, SctpOptions options, IReadOnlyList<IPEndPoint> bound, ILogger logger)
    {
        _fd = fd;
        _options = options;
        _logger = logger;
        LocalEndPoints = bound;
        _registration = KernelSctp.Register(fd, this);
    }

    public override IReadOnlyList<IPEndPoint> LocalEndPoints { get; }

    public static unsafe KernelListener Create(SctpOptions options, IReadOnlyList<IPEndPoint> endPoints, int backlog, ILogger logger)
    {
        if (endPoints is null || endPoints.Count == 0)
        {
            throw new ArgumentException("at least one local address is needed", nameof(endPoints));
        }
        int port = endPoints[0].Port;
        bool v6 = endPoints.Any(e => e.AddressFamily == AddressFamily.InterNetworkV6);
        int fd = KernelAssociation.CreateSocket(v6 ? AfInet6 : AfInet, options);
        try
        {
            byte* addr = stackalloc byte[SockAddr.StorageSize];
            var span = new Span<byte>(addr, SockAddr.StorageSize);
            int len = SockAddr.Write(endPoints[0], span, v6);
            KernelAssociation.Check(Bind(fd, addr, (uint)len), "bind " + endPoints[0]);
            for (int i = 1; i < endPoints.Count; i++)
            {
                len = SockAddr.Write(new IPEndPoint(endPoints[i].Address, port), span, v6);
                KernelAssociation.Check(SetSockOpt(fd, SolSctp, SctpSockoptBindxAdd, addr, (uint)len), "sctp_bindx " + endPoints[i]);
            }
            KernelAssociation.Check(KernelNative.Listen(fd, backlog), "listen");
            return new KernelListener(fd, options, endPoints, logger);
        }
        catch
        {
            KernelNative.Close(fd);
            throw;
        }
    }

    public void OnReady(bool readable, bool writable)
    {
        if (readable)
        {
            _acceptable.Set();
        }
    }

    public override async Task<SctpAssociation> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            int fd = _fd;
            ObjectDisposedException.ThrowIf(fd < 0, this);
            int accepted = TryAccept(fd, out IPEndPoint? remote, out int errno);
            if (accepted >= 0)
            {
                return await KernelAssociation.AcceptedAsync(accepted, _options, remote!, _logger).ConfigureAwait(false);
            }
            if (errno != Eagain)
            {
                throw new SctpException("accept4", errno);
            }
            await _acceptable.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static unsafe int TryAccept(int fd, out IPEndPoint? remote, out int errno)
    {
        byte* from = stackalloc byte[SockAddr.StorageSize];
        uint length = SockAddr.StorageSize;
        int accepted = Accept4(fd, from, &length, SockNonBlock | SockCloexec);
        errno = accepted < 0 ? Marshal.GetLastPInvokeError() : 0;
        remote = accepted < 0 ? null : SockAddr.Read(new ReadOnlySpan<byte>(from, (int)length)) ?? new IPEndPoint(IPAddress.Any, 0);
        return accepted;
    }

    public override ValueTask DisposeAsync()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            KernelSctp.Unregister(fd, _registration);
            KernelNative.Close(fd);
            _acceptable.Set();
        }
        return ValueTask.CompletedTask;
    }
}
