// Linux libc sockets and linux/sctp.h (RFC 6458 socket API as Linux numbers it) for the kernel backend.
using System.Runtime.InteropServices;

namespace GlassCore.Sctp.Kernel;

internal static unsafe partial class KernelNative
{
    private const string Libc = "libc";

    public const int AfInet = 2;
    public const int AfInet6 = 10;
    public const int SockStream = 1;
    public const int SockNonBlock = 0x800;
    public const int SockCloexec = 0x80000;
    public const int IpprotoSctp = 132;
    public const int SolSctp = 132;
    public const int SolSocket = 1;
    public const int SoError = 4;

    // linux/sctp.h socket options.
    public const int SctpRtoInfo = 0;
    public const int SctpAssocInfo = 1;
    public const int SctpInitMsg = 2;
    public const int SctpNoDelay = 3;
    public const int SctpPeerAddrParams = 9;
    public const int SctpEvents = 11;
    public const int SctpStatus = 14;
    public const int SctpRecvRcvInfo = 32;
    public const int SctpSockoptBindxAdd = 100;

    // linux/sctp.h control message types.
    public const int SctpSndInfo = 2;
    public const int SctpRcvInfo = 3;
    public const ushort SctpAbortFlag = 0x0004;

    public const int MsgDontWait = 0x40;
    public const int MsgEor = 0x80;
    public const int MsgNotification = 0x8000;

    public const int Eagain = 11;

    // Notification types (SCTP_SN_TYPE_BASE = 1 << 15) and states (enums start at 0 on Linux).
    public const ushort SctpAssocChange = 0x8001;
    public const ushort SctpPeerAddrChange = 0x8002;
    public const ushort SctpSendFailed = 0x8003;
    public const ushort SctpRemoteError = 0x8004;
    public const ushort SctpShutdownEvent = 0x8005;

    public const int EpollCtlAdd = 1;
    public const int EpollCtlDel = 2;
    public const uint EpollIn = 0x001;
    public const uint EpollOut = 0x004;
    public const uint EpollErr = 0x008;
    public const uint EpollHup = 0x010;
    public const uint EpollEt = 0x80000000;

    [LibraryImport(Libc, EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Libc, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Libc, EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(int fd, void* address, uint length);

    [LibraryImport(Libc, EntryPoint = "listen", SetLastError = true)]
    public static partial int Listen(int fd, int backlog);

    [LibraryImport(Libc, EntryPoint = "accept4", SetLastError = true)]
    public static partial int Accept4(int fd, void* address, uint* length, int flags);

    [LibraryImport(Libc, EntryPoint = "connect", SetLastError = true)]
    public static partial int Connect(int fd, void* address, uint length);

    [LibraryImport(Libc, EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(int fd, int level, int name, void* value, uint length);

    [LibraryImport(Libc, EntryPoint = "getsockopt", SetLastError = true)]
    public static partial int GetSockOpt(int fd, int level, int name, void* value, uint* length);

    [LibraryImport(Libc, EntryPoint = "sendmsg", SetLastError = true)]
    public static partial nint SendMsg(int fd, void* msghdr, int flags);

    [LibraryImport(Libc, EntryPoint = "recvmsg", SetLastError = true)]
    public static partial nint RecvMsg(int fd, void* msghdr, int flags);

    [LibraryImport(Libc, EntryPoint = "shutdown", SetLastError = true)]
    public static partial int Shutdown(int fd, int how);

    [LibraryImport(Libc, EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate1(int flags);

    [LibraryImport(Libc, EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int EpollCtl(int epfd, int op, int fd, void* evt);

    [LibraryImport(Libc, EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epfd, void* events, int maxEvents, int timeout);

    /// <summary>struct epoll_event is packed (12 bytes) on x86-64 and naturally aligned (16) elsewhere.</summary>
    public static int EpollEventSize => RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    public static int EpollDataOffset => RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;
}
