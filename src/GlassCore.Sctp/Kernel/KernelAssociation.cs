// Kernel one-to-one SCTP socket (RFC 6458 §4), sendmsg/recvmsg with SCTP_SNDINFO/SCTP_RCVINFO (RFC 6458 §5.3).
using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using static GlassCore.Sctp.Kernel.KernelNative;

namespace GlassCore.Sctp.Kernel;

internal sealed class KernelAssociation : SctpAssociation, IReadinessTarget
{
    private const int CmsgHeader = 16; // struct cmsghdr on 64-bit Linux: size_t len, int level, int type
    private readonly long _registration;
    private int _fd;

    private KernelAssociation(int fd, SctpOptions options, IPEndPoint remote, ILogger logger)
        : base(options, remote, logger)
    {
        _fd = fd;
        _registration = KernelSctp.Register(fd, this);
    }

    public void OnReady(bool readable, bool writable)
    {
        if (readable)
        {
            Readable.Set();
        }
        if (writable)
        {
            Writable.Set();
        }
    }

    internal static unsafe int CreateSocket(int family, SctpOptions options)
    {
        int fd = KernelNative.Socket(family, SockStream | SockNonBlock | SockCloexec, IpprotoSctp);
        if (fd < 0)
        {
            throw new SctpException("socket(IPPROTO_SCTP)", Marshal.GetLastPInvokeError());
        }
        try
        {
            byte* buf = stackalloc byte[256];
            var span = new Span<byte>(buf, 256);

            span.Clear(); // sctp_initmsg
            *(ushort*)buf = options.OutboundStreams;
            *(ushort*)(buf + 2) = options.MaxInboundStreams;
            *(ushort*)(buf + 4) = options.MaxInitRetransmissions;
            *(ushort*)(buf + 6) = (ushort)Math.Min(ushort.MaxValue, options.RtoMax.TotalMilliseconds);
            Check(SetSockOpt(fd, SolSctp, SctpInitMsg, buf, 8), "SCTP_INITMSG");

            span.Clear(); // sctp_rtoinfo {assoc_id, initial, max, min}
            *(uint*)(buf + 4) = (uint)options.RtoInitial.TotalMilliseconds;
            *(uint*)(buf + 8) = (uint)options.RtoMax.TotalMilliseconds;
            *(uint*)(buf + 12) = (uint)options.RtoMin.TotalMilliseconds;
            Check(SetSockOpt(fd, SolSctp, SctpRtoInfo, buf, 16), "SCTP_RTOINFO");

            span.Clear(); // Linux sctp_assocparams {assoc_id, asocmaxrxt u16, peer_dests u16, peer_rwnd, local_rwnd, cookie_life}
            *(ushort*)(buf + 4) = options.MaxRetransmissions;
            Check(SetSockOpt(fd, SolSctp, SctpAssocInfo, buf, 20), "SCTP_ASSOCINFO");

            span.Clear(); // Linux sctp_paddrparams (packed): assoc_id@0, address@4, hbinterval@132, pathmaxrxt@136, pathmtu@138, sackdelay@142, flags@146
            *(uint*)(buf + 132) = (uint)options.HeartbeatInterval.TotalMilliseconds;
            *(ushort*)(buf + 136) = options.MaxRetransmissions;
            *(uint*)(buf + 146) = options.HeartbeatInterval == TimeSpan.Zero ? 2u /* SPP_HB_DISABLE */ : 1u /* SPP_HB_ENABLE */;
            Check(SetSockOpt(fd, SolSctp, SctpPeerAddrParams, buf, 156), "SCTP_PEER_ADDR_PARAMS");

            span.Clear(); // sctp_event_subscribe: data_io, association, address, send_failure, peer_error, shutdown
            buf[1] = 1;
            buf[2] = 1;
            buf[3] = 1;
            buf[4] = 1;
            buf[5] = 1;
            Check(SetSockOpt(fd, SolSctp, SctpEvents, buf, 6), "SCTP_EVENTS");

            int on = 1;
            Check(SetSockOpt(fd, SolSctp, SctpRecvRcvInfo, &on, 4), "SCTP_RECVRCVINFO");
            if (options.NoDelay)
            {
                Check(SetSockOpt(fd, SolSctp, SctpNoDelay, &on, 4), "SCTP_NODELAY");
            }
        }
        catch
        {
            KernelNative.Close(fd);
            throw;
        }
        return fd;
    }

    public static async Task<SctpAssociation> ConnectAsync(SctpOptions options, IPEndPoint remote, IPEndPoint? local, ILogger logger, CancellationToken cancellationToken)
    {
        KernelAssociation association = BeginConnect(options, remote, local, logger, out int errno);
        if (errno != 0)
        {
            await association.DisposeAsync().ConfigureAwait(false);
            throw new SctpException("connect to " + remote, errno);
        }
        await association.StartAsync(waitForUp: true, cancellationToken).ConfigureAwait(false);
        return association;
    }

    private static unsafe KernelAssociation BeginConnect(SctpOptions options, IPEndPoint remote, IPEndPoint? local, ILogger logger, out int error)
    {
        bool v6 = remote.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        int fd = CreateSocket(v6 ? AfInet6 : AfInet, options);
        byte* addr = stackalloc byte[SockAddr.StorageSize];
        var span = new Span<byte>(addr, SockAddr.StorageSize);
        if (local is not null)
        {
            int len = SockAddr.Write(local, span, v6);
            if (Bind(fd, addr, (uint)len) < 0)
            {
                int bindErrno = Marshal.GetLastPInvokeError();
                KernelNative.Close(fd);
                throw new SctpException("bind " + local, bindErrno);
            }
        }
        var association = new KernelAssociation(fd, options, remote, logger);
        int toLength = SockAddr.Write(remote, span, v6);
        error = SctpSocketAbi.ConnectError(KernelNative.Connect(fd, addr, (uint)toLength));
        return association;
    }

    public static async Task<SctpAssociation> AcceptedAsync(int fd, SctpOptions options, IPEndPoint remote, ILogger logger)
    {
        var association = new KernelAssociation(fd, options, remote, logger);
        bool known = TryGetStreams(fd, out ushort inbound, out ushort outbound);
        await association.StartAcceptedAsync(known, inbound, outbound).ConfigureAwait(false);
        return association;
    }

    private static unsafe bool TryGetStreams(int fd, out ushort inbound, out ushort outbound)
    {
        byte* status = stackalloc byte[SctpSocketAbi.StatusBufferSize];
        uint length = SctpSocketAbi.StatusBufferSize;
        var span = new Span<byte>(status, SctpSocketAbi.StatusBufferSize);
        span.Clear();
        bool ok = GetSockOpt(fd, SolSctp, SctpStatus, status, &length) == 0;
        return SctpSocketAbi.TryReadStreams(ok, span, out inbound, out outbound);
    }

    private protected override IoStatus TrySend(ReadOnlySpan<byte> payload, ushort stream, uint ppid, out int errno) =>
        SendWithInfo(payload, stream, ppid, 0, out errno);

    private unsafe IoStatus SendWithInfo(ReadOnlySpan<byte> payload, ushort stream, uint ppid, ushort flags, out int errno)
    {
        // msghdr {name, namelen, iov, iovlen, control, controllen, flags} with one SCTP_SNDINFO cmsg.
        byte* msg = stackalloc byte[56];
        byte* iov = stackalloc byte[16];
        byte* control = stackalloc byte[CmsgHeader + 16];
        new Span<byte>(msg, 56).Clear();
        new Span<byte>(control, CmsgHeader + 16).Clear();
        *(ulong*)control = CmsgHeader + 16;
        *(int*)(control + 8) = IpprotoSctp;
        *(int*)(control + 12) = SctpSndInfo;
        byte* info = control + CmsgHeader; // sctp_sndinfo {sid, flags, ppid (network order), context, assoc_id}
        *(ushort*)info = stream;
        *(ushort*)(info + 2) = flags;
        *(uint*)(info + 4) = BinaryPrimitives.ReverseEndianness(ppid);
        fixed (byte* data = payload)
        {
            *(nint*)iov = (nint)data;
            *(nuint*)(iov + 8) = (nuint)payload.Length;
            *(nint*)(msg + 16) = (nint)iov;
            *(nuint*)(msg + 24) = 1;
            *(nint*)(msg + 32) = (nint)control;
            *(nuint*)(msg + 40) = CmsgHeader + 16;
            if (SendMsg(_fd, msg, MsgDontWait) >= 0)
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
        const int ControlLength = 256;
        byte* msg = stackalloc byte[56];
        byte* iov = stackalloc byte[16];
        byte* control = stackalloc byte[ControlLength];
        new Span<byte>(msg, 56).Clear();
        nint n;
        fixed (byte* data = buffer)
        {
            *(nint*)iov = (nint)data;
            *(nuint*)(iov + 8) = (nuint)buffer.Length;
            *(nint*)(msg + 16) = (nint)iov;
            *(nuint*)(msg + 24) = 1;
            *(nint*)(msg + 32) = (nint)control;
            *(nuint*)(msg + 40) = ControlLength;
            n = RecvMsg(_fd, msg, MsgDontWait);
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
        int flags = *(int*)(msg + 48);
        ushort stream = 0;
        uint ppid = 0;
        ulong controlLength = *(ulong*)(msg + 40);
        for (ulong offset = 0; offset + CmsgHeader <= controlLength;)
        {
            ulong len = *(ulong*)(control + offset);
            if (len < CmsgHeader || offset + len > controlLength)
            {
                break;
            }
            if (*(int*)(control + offset + 8) == IpprotoSctp && *(int*)(control + offset + 12) == SctpRcvInfo && len >= CmsgHeader + 12)
            {
                byte* rcv = control + offset + CmsgHeader; // sctp_rcvinfo {sid, ssn, flags, pad, ppid@8, ...}
                stream = *(ushort*)rcv;
                ppid = BinaryPrimitives.ReverseEndianness(*(uint*)(rcv + 8));
            }
            offset += (len + 7) & ~7UL;
        }
        info = new ReceiveInfo((int)n, (flags & MsgNotification) != 0, (flags & MsgEor) != 0, stream, ppid);
        return IoStatus.Done;
    }

    private protected override DecodedNotification? DecodeNotification(ReadOnlySpan<byte> n)
    {
        if (n.Length < 8)
        {
            return null;
        }
        switch (BitConverter.ToUInt16(n))
        {
            case SctpAssocChange when n.Length >= 20:
                {
                    SctpNotificationKind kind = BitConverter.ToUInt16(n[8..]) switch
                    {
                        0 => SctpNotificationKind.AssociationUp,
                        1 => SctpNotificationKind.AssociationLost,
                        2 => SctpNotificationKind.AssociationRestarted,
                        3 => SctpNotificationKind.ShutdownComplete,
                        _ => SctpNotificationKind.CannotStartAssociation,
                    };
                    return new DecodedNotification(new SctpNotification(kind, BitConverter.ToUInt16(n[10..])), BitConverter.ToUInt16(n[14..]), BitConverter.ToUInt16(n[12..]));
                }
            case SctpPeerAddrChange when n.Length >= 148:
                {
                    SctpPeerAddressState state = BitConverter.ToInt32(n[136..]) switch
                    {
                        0 => SctpPeerAddressState.Available,
                        1 => SctpPeerAddressState.Unreachable,
                        2 => SctpPeerAddressState.Removed,
                        3 => SctpPeerAddressState.Added,
                        4 => SctpPeerAddressState.MadePrimary,
                        5 => SctpPeerAddressState.Confirmed,
                        6 => SctpPeerAddressState.PotentiallyFailed,
                        _ => SctpPeerAddressState.None,
                    };
                    return new DecodedNotification(new SctpNotification(SctpNotificationKind.PeerAddressChanged, BitConverter.ToInt32(n[140..]), SockAddr.Read(n.Slice(8, 128)), state), 0, 0);
                }
            case SctpShutdownEvent:
                return new DecodedNotification(new SctpNotification(SctpNotificationKind.ShutdownReceived), 0, 0);
            case SctpSendFailed when n.Length >= 12:
                return new DecodedNotification(new SctpNotification(SctpNotificationKind.SendFailed, BitConverter.ToInt32(n[8..])), 0, 0);
            case SctpRemoteError when n.Length >= 10:
                return new DecodedNotification(new SctpNotification(SctpNotificationKind.RemoteError, BinaryPrimitives.ReadUInt16BigEndian(n[8..])), 0, 0);
            default:
                return null;
        }
    }

    private protected override void ShutdownNative()
    {
        int fd = _fd;
        if (fd >= 0)
        {
            KernelNative.Shutdown(fd, 1 /* SHUT_WR */);
        }
    }

    private protected override void AbortNative()
    {
        if (_fd >= 0)
        {
            SendWithInfo([], 0, 0, SctpAbortFlag, out _);
        }
    }

    private protected override void CloseNative()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            KernelSctp.Unregister(fd, _registration);
            KernelNative.Close(fd);
        }
    }

    internal static void Check(int result, string what)
    {
        if (result < 0)
        {
            throw new SctpException(what, Marshal.GetLastPInvokeError());
        }
    }
}
