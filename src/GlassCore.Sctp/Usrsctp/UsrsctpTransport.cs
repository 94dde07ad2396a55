// usrsctp backend: RFC 9260 over raw IP, or over UDP per RFC 6951 when an encapsulation port is set.
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using static GlassCore.Sctp.Usrsctp.UsrsctpNative;

namespace GlassCore.Sctp.Usrsctp;

internal sealed class UsrsctpTransport : SctpTransport
{
    private int _disposed;

    public UsrsctpTransport(SctpOptions options, ILogger logger)
        : base(options, logger) => UsrsctpStack.Acquire(options.UdpEncapsulationPort, logger);

    public override SctpBackendKind Backend => SctpBackendKind.Usrsctp;

    public override SctpListener Listen(IReadOnlyList<IPEndPoint> localEndPoints, int backlog = 128) =>
        UsrsctpListener.Create(Options, localEndPoints, backlog, Logger);

    public override Task<SctpAssociation> ConnectAsync(IPEndPoint remote, IPEndPoint? local = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        return UsrsctpAssociation.ConnectAsync(Options, remote, local, Logger, cancellationToken);
    }

    public override unsafe SctpStackCounters? Counters()
    {
        byte* stat = stackalloc byte[UsrsctpNative.SizeofSctpStat];
        new Span<byte>(stat, UsrsctpNative.SizeofSctpStat).Clear();
        UsrsctpNative.GetStat(stat);
        return new SctpStackCounters(*(uint*)(stat + UsrsctpNative.StatSendData), *(uint*)(stat + UsrsctpNative.StatSendRetransData),
            *(uint*)(stat + UsrsctpNative.StatSendFastRetrans), *(uint*)(stat + UsrsctpNative.StatTimoData), *(uint*)(stat + UsrsctpNative.StatTimoWindowProbe));
    }

    public override ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            UsrsctpStack.Release(Logger);
        }
        return ValueTask.CompletedTask;
    }
}

internal sealed class UsrsctpListener : SctpListener, IUpcallTarget
{
    private const int Eagain = 11;

    private readonly SctpOptions _options;
    private readonly ILogger _logger;
    private readonly AsyncSignal _acceptable = new();
    private readonly nint _upcallId;
    private nint _socket;

    private unsafe UsrsctpListener(nint socket, SctpOptions options, IReadOnlyList<IPEndPoint> bound, ILogger logger)
    {
        _socket = socket;
        _options = options;
        _logger = logger;
        LocalEndPoints = bound;
        _upcallId = UsrsctpStack.Register(this);
        try
        {
            UsrsctpAssociation.Check(SetNonBlocking(socket, 1), "usrsctp_set_non_blocking");
            UsrsctpAssociation.Check(SetUpcall(socket, UsrsctpStack.UpcallPointer, _upcallId), "usrsctp_set_upcall");
        }
        catch (SctpException)
        {
            // The caller never gets this listener to dispose: give the native socket back here.
            UsrsctpStack.Unregister(_upcallId);
            UsrsctpNative.Close(socket);
            throw;
        }
    }

    public override IReadOnlyList<IPEndPoint> LocalEndPoints { get; }

    public static unsafe UsrsctpListener Create(SctpOptions options, IReadOnlyList<IPEndPoint> endPoints, int backlog, ILogger logger)
    {
        if (endPoints is null || endPoints.Count == 0)
        {
            throw new ArgumentException("at least one local address is needed", nameof(endPoints));
        }
        int port = endPoints[0].Port;
        if (endPoints.Any(e => e.Port != port))
        {
            throw new ArgumentException("an SCTP endpoint has one port for all its addresses", nameof(endPoints));
        }
        bool v6 = endPoints.Any(e => e.AddressFamily == AddressFamily.InterNetworkV6);
        nint socket = UsrsctpAssociation.CreateSocket(v6 ? SockAddr.AfInet6 : SockAddr.AfInet, options);
        try
        {
            byte* addr = stackalloc byte[SockAddr.StorageSize];
            var span = new Span<byte>(addr, SockAddr.StorageSize);
            int len = SockAddr.Write(endPoints[0], span, v6);
            UsrsctpAssociation.Check(Bind(socket, addr, (uint)len), "usrsctp_bind " + endPoints[0]);
            for (int i = 1; i < endPoints.Count; i++)
            {
                // The first bind fixed the port; the others join the same endpoint (multi-homing, RFC 9260 §6.4).
                SockAddr.Write(new IPEndPoint(endPoints[i].Address, port), span, v6);
                UsrsctpAssociation.Check(BindX(socket, addr, 1, SctpBindxAddAddr), "usrsctp_bindx " + endPoints[i]);
            }
            UsrsctpAssociation.Check(UsrsctpNative.Listen(socket, backlog), "usrsctp_listen");
            return new UsrsctpListener(socket, options, endPoints, logger);
        }
        catch
        {
            UsrsctpNative.Close(socket);
            throw;
        }
    }

    public void OnUpcall(int events) => _acceptable.Set();

    public override async Task<SctpAssociation> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            nint socket = _socket;
            ObjectDisposedException.ThrowIf(socket == 0, this);
            if (TryAccept(socket, out nint accepted, out IPEndPoint? remote, out int errno))
            {
                return await UsrsctpAssociation.AcceptedAsync(accepted, _options, remote!, _logger).ConfigureAwait(false);
            }
            if (errno != Eagain)
            {
                throw new SctpException("usrsctp_accept", errno);
            }
            await _acceptable.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static unsafe bool TryAccept(nint socket, out nint accepted, out IPEndPoint? remote, out int errno)
    {
        byte* from = stackalloc byte[SockAddr.StorageSize];
        uint fromLength = SockAddr.StorageSize;
        accepted = Accept(socket, from, &fromLength);
        if (accepted == 0)
        {
            errno = Marshal.GetLastPInvokeError();
            remote = null;
            return false;
        }
        errno = 0;
        remote = SockAddr.Read(new ReadOnlySpan<byte>(from, (int)fromLength)) ?? new IPEndPoint(IPAddress.Any, 0);
        return true;
    }

    public override unsafe ValueTask DisposeAsync()
    {
        nint socket = Interlocked.Exchange(ref _socket, 0);
        if (socket != 0)
        {
            SetUpcall(socket, null, 0);
            UsrsctpStack.Unregister(_upcallId);
            UsrsctpNative.Close(socket);
            _acceptable.Set();
        }
        return ValueTask.CompletedTask;
    }
}
