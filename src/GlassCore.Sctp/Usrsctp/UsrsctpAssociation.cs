// One usrsctp one-to-one socket (RFC 6458 §4: one-to-one style) driven by its upcall, never blocking.
using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using static GlassCore.Sctp.Usrsctp.UsrsctpNative;

namespace GlassCore.Sctp.Usrsctp;

internal sealed class UsrsctpAssociation : SctpAssociation, IUpcallTarget
{
    private const int Eagain = 11;

    private readonly nint _upcallId;
    private nint _socket;

    private unsafe UsrsctpAssociation(nint socket, SctpOptions options, IPEndPoint remote, ILogger logger)
        : base(options, remote, logger)
    {
        _socket = socket;
        _upcallId = UsrsctpStack.Register(this);
        try
        {
            Check(SetNonBlocking(socket, 1), "usrsctp_set_non_blocking");
            Check(SetUpcall(socket, UsrsctpStack.UpcallPointer, _upcallId), "usrsctp_set_upcall");
        }
        catch (SctpException)
        {
            // The caller never gets this object to dispose: give the native socket back here.
            CloseNative();
            throw;
        }
    }

    public void OnUpcall(int events)
    {
        if ((events & (SctpEventRead | SctpEventError)) != 0)
        {
            Readable.Set();
        }
        if ((events & (SctpEventWrite | SctpEventError)) != 0)
        {
            Writable.Set();
        }
    }

    public static async Task<SctpAssociation> ConnectAsync(SctpOptions options, IPEndPoint remote, IPEndPoint? local, ILogger logger, CancellationToken cancellationToken)
    {
        UsrsctpAssociation association = BeginConnect(options, remote, local, logger, out int errno);
        if (errno != 0)
        {
            await association.DisposeAsync().ConfigureAwait(false);
            throw new SctpException("usrsctp_connect to " + remote, errno);
        }
        await association.StartAsync(waitForUp: true, cancellationToken).ConfigureAwait(false);
        return association;
    }

    private static unsafe UsrsctpAssociation BeginConnect(SctpOptions options, IPEndPoint remote, IPEndPoint? local, ILogger logger, out int error)
    {
        bool v6 = remote.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        nint socket = CreateSocket(v6 ? SockAddr.AfInet6 : SockAddr.AfInet, options);
        UsrsctpAssociation association;
        try
        {
            int remoteEncaps = options.EffectiveRemoteEncapsulationPort;
            if (remoteEncaps != 0)
            {
                SetRemoteEncapsulationPort(socket, v6, remoteEncaps);
            }
            if (local is not null)
            {
                byte* addr = stackalloc byte[SockAddr.StorageSize];
                int len = SockAddr.Write(local, new Span<byte>(addr, SockAddr.StorageSize), v6);
                Check(Bind(socket, addr, (uint)len), "usrsctp_bind " + local);
            }
            association = new UsrsctpAssociation(socket, options, remote, logger);
        }
        catch
        {
            UsrsctpNative.Close(socket);
            throw;
        }
        byte* to = stackalloc byte[SockAddr.StorageSize];
        int toLength = SockAddr.Write(remote, new Span<byte>(to, SockAddr.StorageSize), v6);
        error = SctpSocketAbi.ConnectError(UsrsctpNative.Connect(socket, to, (uint)toLength));
        return association;
    }

    public static async Task<SctpAssociation> AcceptedAsync(nint socket, SctpOptions options, IPEndPoint remote, ILogger logger)
    {
        var association = new UsrsctpAssociation(socket, options, remote, logger);
        bool known = TryGetStreams(socket, out ushort inbound, out ushort outbound);
        await association.StartAcceptedAsync(known, inbound, outbound).ConfigureAwait(false);
        return association;
    }

    private static unsafe bool TryGetStreams(nint socket, out ushort inbound, out ushort outbound)
    {
        byte* status = stackalloc byte[SctpSocketAbi.StatusBufferSize];
        uint length = SctpSocketAbi.StatusBufferSize;
        var span = new Span<byte>(status, SctpSocketAbi.StatusBufferSize);
        span.Clear();
        bool ok = GetSockOpt(socket, IpprotoSctp, SctpStatus, status, &length) == 0;
        return SctpSocketAbi.TryReadStreams(ok, span, out inbound, out outbound);
    }

    /// <summary>Creates a one-to-one socket with the transport's parameters (inherited by accepted sockets).</summary>
    internal static nint CreateSocket(int family, SctpOptions options)
    {
        nint socket = UsrsctpNative.Socket(family, SockStream, IpprotoSctp, 0, 0, 0, 0);
        if (socket == 0)
        {
            throw new SctpException("usrsctp_socket", Marshal.GetLastPInvokeError());
        }
        try
        {
            ApplyOptions(socket, family, options);
        }
        catch
        {
            UsrsctpNative.Close(socket);
            throw;
        }
        return socket;
    }

    private static unsafe void ApplyOptions(nint socket, int family, SctpOptions options)
    {
        byte* buf = stackalloc byte[256];
        var span = new Span<byte>(buf, 256);

        // sctp_initmsg: stream counts and INIT retransmission limits (RFC 9260 §5.1).
        span.Clear();
        *(ushort*)buf = options.OutboundStreams;
        *(ushort*)(buf + 2) = options.MaxInboundStreams;
        *(ushort*)(buf + 4) = options.MaxInitRetransmissions;
        *(ushort*)(buf + 6) = (ushort)Math.Min(ushort.MaxValue, options.RtoMax.TotalMilliseconds);
        Check(SetSockOpt(socket, IpprotoSctp, SctpInitMsg, buf, 8), "SCTP_INITMSG");

        // sctp_rtoinfo {assoc_id, initial, max, min}.
        span.Clear();
        *(uint*)(buf + 4) = (uint)options.RtoInitial.TotalMilliseconds;
        *(uint*)(buf + 8) = (uint)options.RtoMax.TotalMilliseconds;
        *(uint*)(buf + 12) = (uint)options.RtoMin.TotalMilliseconds;
        Check(SetSockOpt(socket, IpprotoSctp, SctpRtoInfo, buf, 16), "SCTP_RTOINFO");

        // sctp_assocparams {assoc_id, peer_rwnd, local_rwnd, cookie_life, asocmaxrxt, number_peer_destinations}.
        span.Clear();
        *(ushort*)(buf + 16) = options.MaxRetransmissions;
        Check(SetSockOpt(socket, IpprotoSctp, SctpAssocInfo, buf, 20), "SCTP_ASSOCINFO");

        // sctp_paddrparams: heartbeat interval and path retransmission limit for every path.
        span.Clear();
        *(uint*)(buf + 132) = (uint)options.HeartbeatInterval.TotalMilliseconds;
        *(uint*)(buf + 140) = options.HeartbeatInterval == TimeSpan.Zero ? SppHbDisable : SppHbEnable;
        *(ushort*)(buf + 148) = options.MaxRetransmissions;
        Check(SetSockOpt(socket, IpprotoSctp, SctpPeerAddrParams, buf, SizeofPaddrParams), "SCTP_PEER_ADDR_PARAMS");

        int on = 1;
        Check(SetSockOpt(socket, IpprotoSctp, SctpRecvRcvInfo, &on, 4), "SCTP_RECVRCVINFO");
        if (options.NoDelay)
        {
            Check(SetSockOpt(socket, IpprotoSctp, SctpNoDelay, &on, 4), "SCTP_NODELAY");
        }
        if (family == SockAddr.AfInet6)
        {
            Check(SetSockOpt(socket, IpprotoSctp, SctpIWantMappedV4Addr, &on, 4), "SCTP_I_WANT_MAPPED_V4_ADDR");
        }

        // sctp_event {assoc_id, type, on} per notification (RFC 6458 §6.2.2).
        foreach (ushort type in (ReadOnlySpan<ushort>)[SctpAssocChange, SctpPeerAddrChange, SctpRemoteError, SctpShutdownEvent, SctpSendFailedEvent])
        {
            span.Clear();
            *(ushort*)(buf + 4) = type;
            buf[6] = 1;
            Check(SetSockOpt(socket, IpprotoSctp, SctpEvent, buf, SizeofEvent), "SCTP_EVENT");
        }
    }

    internal static unsafe void SetRemoteEncapsulationPort(nint socket, bool v6, int port)
    {
        // sctp_udpencaps {sockaddr_storage sue_address (family only = every peer address), assoc_id, port (network order)}.
        byte* buf = stackalloc byte[SizeofUdpEncaps];
        new Span<byte>(buf, SizeofUdpEncaps).Clear();
        *(ushort*)buf = (ushort)(v6 ? SockAddr.AfInet6 : SockAddr.AfInet);
        BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(buf + 132, 2), (ushort)port);
        Check(SetSockOpt(socket, IpprotoSctp, SctpRemoteUdpEncapsPort, buf, SizeofUdpEncaps), "SCTP_REMOTE_UDP_ENCAPS_PORT");
    }

    private protected override unsafe IoStatus TrySend(ReadOnlySpan<byte> payload, ushort stream, uint ppid, out int errno)
    {
        // sctp_sndinfo {sid, flags, ppid (network order, passed through untouched), context, assoc_id}.
        byte* info = stackalloc byte[SizeofSndInfo];
        new Span<byte>(info, SizeofSndInfo).Clear();
        *(ushort*)info = stream;
        *(uint*)(info + 4) = BinaryPrimitives.ReverseEndianness(ppid);
        fixed (byte* data = payload)
        {
            nint n = SendV(_socket, data, (nuint)payload.Length, null, 0, info, SizeofSndInfo, SctpSendvSndInfo, 0);
            if (n >= 0)
            {
                errno = 0;
                return IoStatus.Done;
            }
        }
        errno = Marshal.GetLastPInvokeError();
        return errno == Eagain ? IoStatus.WouldBlock : IoStatus.Failed;
    }

    private protected override unsafe IoStatus TryReceive(Span<byte> buffer, out ReceiveInfo info, out int errno)
    {
        byte* rcv = stackalloc byte[SizeofRcvInfo];
        byte* from = stackalloc byte[SockAddr.StorageSize];
        uint fromLength = SockAddr.StorageSize;
        uint infoLength = SizeofRcvInfo;
        uint infoType = 0;
        int flags = MsgDontWait;
        new Span<byte>(rcv, SizeofRcvInfo).Clear();
        nint n;
        fixed (byte* data = buffer)
        {
            n = RecvV(_socket, data, (nuint)buffer.Length, from, &fromLength, rcv, &infoLength, &infoType, &flags);
        }
        if (n < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            info = default;
            return errno == Eagain ? IoStatus.WouldBlock : IoStatus.Failed;
        }
        errno = 0;
        if (n == 0)
        {
            info = default;
            return IoStatus.Closed;
        }
        bool notification = (flags & MsgNotification) != 0;
        bool hasRcvInfo = infoType == SctpRecvvRcvInfo;
        // sctp_rcvinfo {sid, ssn, flags, ppid (network order) at 8, ...}.
        info = new ReceiveInfo(
            (int)n,
            notification,
            (flags & MsgEor) != 0,
            hasRcvInfo ? *(ushort*)rcv : (ushort)0,
            hasRcvInfo ? BinaryPrimitives.ReverseEndianness(*(uint*)(rcv + 8)) : 0);
        return IoStatus.Done;
    }

    private protected override DecodedNotification? DecodeNotification(ReadOnlySpan<byte> n)
    {
        if (n.Length < 8)
        {
            return null;
        }
        ushort type = BitConverter.ToUInt16(n);
        switch (type)
        {
            case SctpAssocChange when n.Length >= 20:
                {
                    // sctp_assoc_change {type, flags, length, state@8, error@10, outbound@12, inbound@14, assoc_id@16}.
                    ushort state = BitConverter.ToUInt16(n[8..]);
                    ushort error = BitConverter.ToUInt16(n[10..]);
                    SctpNotificationKind kind = state switch
                    {
                        1 => SctpNotificationKind.AssociationUp,
                        2 => SctpNotificationKind.AssociationLost,
                        3 => SctpNotificationKind.AssociationRestarted,
                        4 => SctpNotificationKind.ShutdownComplete,
                        _ => SctpNotificationKind.CannotStartAssociation,
                    };
                    return new DecodedNotification(new SctpNotification(kind, error), BitConverter.ToUInt16(n[14..]), BitConverter.ToUInt16(n[12..]));
                }
            case SctpPeerAddrChange when n.Length >= 148:
                {
                    // sctp_paddr_change {type, flags, length, sockaddr_storage@8, state@136, error@140, assoc_id@144}.
                    uint state = BitConverter.ToUInt32(n[136..]);
                    SctpPeerAddressState addressState = state switch
                    {
                        1 => SctpPeerAddressState.Available,
                        2 => SctpPeerAddressState.Unreachable,
                        3 => SctpPeerAddressState.Removed,
                        4 => SctpPeerAddressState.Added,
                        5 => SctpPeerAddressState.MadePrimary,
                        6 => SctpPeerAddressState.Confirmed,
                        _ => SctpPeerAddressState.None,
                    };
                    return new DecodedNotification(
                        new SctpNotification(SctpNotificationKind.PeerAddressChanged, (int)BitConverter.ToUInt32(n[140..]), SockAddr.Read(n.Slice(8, 128)), addressState), 0, 0);
                }
            case SctpShutdownEvent:
                return new DecodedNotification(new SctpNotification(SctpNotificationKind.ShutdownReceived), 0, 0);
            case SctpSendFailedEvent when n.Length >= 12:
                return new DecodedNotification(new SctpNotification(SctpNotificationKind.SendFailed, (int)BitConverter.ToUInt32(n[8..])), 0, 0);
            case SctpRemoteError when n.Length >= 10:
                return new DecodedNotification(new SctpNotification(SctpNotificationKind.RemoteError, BinaryPrimitives.ReadUInt16BigEndian(n[8..])), 0, 0);
            default:
                return null;
        }
    }

    private protected override void ShutdownNative()
    {
        nint socket = _socket;
        if (socket != 0 && Shutdown(socket, 1 /* SHUT_WR */) < 0)
        {
            SctpLog.IoFailed(Logger, "usrsctp_shutdown", RemoteEndPoint, Marshal.GetLastPInvokeError());
        }
    }

    private protected override unsafe void AbortNative()
    {
        nint socket = _socket;
        if (socket == 0)
        {
            return;
        }
        // SO_LINGER {on, 0 s}: the close that follows sends ABORT instead of SHUTDOWN (RFC 6458 §8.1.4).
        int* linger = stackalloc int[2];
        linger[0] = 1;
        linger[1] = 0;
        if (SetSockOpt(socket, SolSocket, SoLinger, linger, 8) < 0)
        {
            SctpLog.IoFailed(Logger, "SO_LINGER", RemoteEndPoint, Marshal.GetLastPInvokeError());
        }
        // And ABORT at once, with an empty message flagged SCTP_ABORT (sendv wants a non-null buffer).
        byte* info = stackalloc byte[SizeofSndInfo];
        new Span<byte>(info, SizeofSndInfo).Clear();
        *(ushort*)(info + 2) = SctpAbortFlag;
        byte dummy = 0;
        if (SendV(socket, &dummy, 0, null, 0, info, SizeofSndInfo, SctpSendvSndInfo, 0) < 0)
        {
            SctpLog.IoFailed(Logger, "SCTP_ABORT", RemoteEndPoint, Marshal.GetLastPInvokeError());
        }
    }

    private protected override unsafe void CloseNative()
    {
        nint socket = Interlocked.Exchange(ref _socket, 0);
        if (socket == 0)
        {
            return;
        }
        SetUpcall(socket, null, 0);
        UsrsctpStack.Unregister(_upcallId);
        UsrsctpNative.Close(socket);
    }

    internal static void Check(int result, string what)
    {
        if (result < 0)
        {
            throw new SctpException(what, Marshal.GetLastPInvokeError());
        }
    }
}
