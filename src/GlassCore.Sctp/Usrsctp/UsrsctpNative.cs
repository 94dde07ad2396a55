// P/Invoke surface of libusrsctp2 0.9.5 (usrsctp.h); struct offsets follow that header on Linux/x86-64.
using System.Runtime.InteropServices;

namespace GlassCore.Sctp.Usrsctp;

internal static unsafe partial class UsrsctpNative
{
    public const string Library = "libusrsctp.so.2";

    public const int IpprotoSctp = 132;
    public const int SockStream = 1;
    public const int MsgNotification = 0x2000;
    public const int MsgEor = 0x80;      // Linux MSG_EOR: usrsctp keeps the platform's value
    public const int MsgDontWait = 0x40;
    public const int SolSocket = 1;     // Linux values; usrsctp takes the platform's
    public const int SoLinger = 13;

    // Socket options (usrsctp.h).
    public const int SctpRtoInfo = 0x01;
    public const int SctpAssocInfo = 0x02;
    public const int SctpInitMsg = 0x03;
    public const int SctpNoDelay = 0x04;
    public const int SctpPeerAddrParams = 0x0a;
    public const int SctpIWantMappedV4Addr = 0x0d;
    public const int SctpEvent = 0x1e;
    public const int SctpRecvRcvInfo = 0x1f;
    public const int SctpRemoteUdpEncapsPort = 0x24;
    public const int SctpStatus = 0x100;
    public const int SctpBindxAddAddr = 0x8001;

    public const uint SctpSendvSndInfo = 1;
    public const uint SctpRecvvRcvInfo = 1;
    public const ushort SctpAbortFlag = 0x0200;

    public const int SctpEventRead = 0x0001;
    public const int SctpEventWrite = 0x0002;
    public const int SctpEventError = 0x0004;

    public const uint SppHbEnable = 0x01;
    public const uint SppHbDisable = 0x02;

    // Notification types and states (usrsctp.h, same numbering as FreeBSD).
    public const ushort SctpAssocChange = 0x0001;
    public const ushort SctpPeerAddrChange = 0x0002;
    public const ushort SctpRemoteError = 0x0003;
    public const ushort SctpShutdownEvent = 0x0005;
    public const ushort SctpSendFailedEvent = 0x000e;

    public const int SizeofSndInfo = 16;
    public const int SizeofRcvInfo = 28;
    public const int SizeofEvent = 8;
    public const int SizeofPaddrParams = 152;
    public const int SizeofUdpEncaps = 136;

    [LibraryImport(Library, EntryPoint = "usrsctp_init")]
    public static partial void Init(ushort udpPort, nint connOutput, nint debugPrintf);

    [LibraryImport(Library, EntryPoint = "usrsctp_finish")]
    public static partial int Finish();

    [LibraryImport(Library, EntryPoint = "usrsctp_socket", SetLastError = true)]
    public static partial nint Socket(int domain, int type, int protocol, nint receiveCb, nint sendCb, uint sbThreshold, nint ulpInfo);

    [LibraryImport(Library, EntryPoint = "usrsctp_setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(nint so, int level, int optionName, void* optionValue, uint optionLength);

    [LibraryImport(Library, EntryPoint = "usrsctp_getsockopt", SetLastError = true)]
    public static partial int GetSockOpt(nint so, int level, int optionName, void* optionValue, uint* optionLength);

    [LibraryImport(Library, EntryPoint = "usrsctp_sendv", SetLastError = true)]
    public static partial nint SendV(nint so, void* data, nuint length, void* to, int addrCount, void* info, uint infoLength, uint infoType, int flags);

    [LibraryImport(Library, EntryPoint = "usrsctp_recvv", SetLastError = true)]
    public static partial nint RecvV(nint so, void* buffer, nuint length, void* from, uint* fromLength, void* info, uint* infoLength, uint* infoType, int* msgFlags);

    [LibraryImport(Library, EntryPoint = "usrsctp_bind", SetLastError = true)]
    public static partial int Bind(nint so, void* name, uint nameLength);

    [LibraryImport(Library, EntryPoint = "usrsctp_bindx", SetLastError = true)]
    public static partial int BindX(nint so, void* addresses, int addressCount, int flags);

    [LibraryImport(Library, EntryPoint = "usrsctp_listen", SetLastError = true)]
    public static partial int Listen(nint so, int backlog);

    [LibraryImport(Library, EntryPoint = "usrsctp_accept", SetLastError = true)]
    public static partial nint Accept(nint so, void* address, uint* addressLength);

    [LibraryImport(Library, EntryPoint = "usrsctp_connect", SetLastError = true)]
    public static partial int Connect(nint so, void* name, uint nameLength);

    [LibraryImport(Library, EntryPoint = "usrsctp_close")]
    public static partial void Close(nint so);

    [LibraryImport(Library, EntryPoint = "usrsctp_shutdown", SetLastError = true)]
    public static partial int Shutdown(nint so, int how);

    [LibraryImport(Library, EntryPoint = "usrsctp_set_non_blocking", SetLastError = true)]
    public static partial int SetNonBlocking(nint so, int on);

    [LibraryImport(Library, EntryPoint = "usrsctp_set_upcall", SetLastError = true)]
    public static partial int SetUpcall(nint so, delegate* unmanaged<nint, nint, int, void> upcall, nint arg);

    [LibraryImport(Library, EntryPoint = "usrsctp_get_events")]
    public static partial int GetEvents(nint so);

    [LibraryImport(Library, EntryPoint = "usrsctp_sysctl_set_sctp_blackhole")]
    public static partial int SetBlackhole(uint value);

    [LibraryImport(Library, EntryPoint = "usrsctp_sysctl_set_sctp_no_csum_on_loopback")]
    public static partial int SetNoCsumOnLoopback(uint value);

    /// <summary>struct sctpstat (usrsctp.h, 664 bytes in 0.9.5): uint32 counters at fixed offsets.</summary>
    public const int SizeofSctpStat = 664;
    public const int StatSendData = 168;
    public const int StatSendRetransData = 172;
    public const int StatSendFastRetrans = 176;
    public const int StatTimoData = 272;
    public const int StatTimoWindowProbe = 276;

    [LibraryImport(Library, EntryPoint = "usrsctp_get_stat")]
    public static partial void GetStat(void* stat);

    [LibraryImport(Library, EntryPoint = "usrsctp_sysctl_set_sctp_debug_on")]
    public static partial int SetDebugOn(uint value);
}
