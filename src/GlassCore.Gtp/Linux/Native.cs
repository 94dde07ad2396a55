// Linux socket and TUN system calls for the packet path (recvmmsg(2), sendmmsg(2), tun(4) via ioctl(2), poll(2)):
// .NET's Socket has no batched I/O, so the fast path calls libc directly on raw file descriptors.
using System.Runtime.InteropServices;

namespace GlassCore.Gtp.Linux;

[StructLayout(LayoutKind.Sequential)]
internal struct IoVec
{
    public nint Base;
    public nuint Length;
}

[StructLayout(LayoutKind.Sequential)]
internal struct MsgHdr
{
    public nint Name;
    public uint NameLength;
    public nint Iov;
    public nuint IovLength;
    public nint Control;
    public nuint ControlLength;
    public int Flags;
}

[StructLayout(LayoutKind.Sequential)]
internal struct MMsgHdr
{
    public MsgHdr Header;
    public uint Length;
}

/// <summary>struct sockaddr_in: port and address in network byte order.</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
internal struct SockAddrIn
{
    public ushort Family;
    public ushort PortBe;
    public uint AddressBe;

    public static SockAddrIn Of(System.Net.IPAddress address, int port)
    {
        Span<byte> b = stackalloc byte[4];
        if (!address.TryWriteBytes(b, out int n) || n != 4)
        {
            throw new ArgumentException($"{address} is not an IPv4 address", nameof(address));
        }
        return new SockAddrIn { Family = 2, PortBe = (ushort)System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((ushort)port), AddressBe = MemoryMarshal.Read<uint>(b) };
    }
}

[StructLayout(LayoutKind.Sequential)]
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short Revents;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SockFilter
{
    public ushort Code;
    public byte Jt;
    public byte Jf;
    public uint K;
}

[StructLayout(LayoutKind.Sequential)]
internal struct SockFprog
{
    public ushort Length;
    public nint Filter;
}

internal static unsafe partial class Native
{
    public const int AfInet = 2;
    public const int SockDgram = 2;
    public const int SockNonblock = 0x800;
    public const int SockCloexec = 0x80000;
    public const int SolSocket = 1;
    public const int SoReuseAddr = 2;
    public const int SoReusePort = 15;
    public const int SoRcvBuf = 8;
    public const int SoSndBuf = 7;
    public const int SoRcvBufForce = 33;
    public const int SoSndBufForce = 32;
    public const int SoAttachReuseportCbpf = 51;
    public const int MsgDontWait = 0x40;
    public const int ORdwr = 2;
    public const int ONonblock = 0x800;
    public const int OCloexec = 0x80000;
    public const short PollIn = 1;
    public const int EAgain = 11;
    public const int EIntr = 4;
    public const int EIo = 5;
    public const int EInval = 22;
    public const int EMsgSize = 90;
    public const int SolUdp = 17;
    public const int UdpSegment = 103;
    public const uint TunSetIff = 0x400454ca;
    public const short IffTun = 0x0001;
    public const short IffNoPi = 0x1000;
    public const short IffMultiQueue = 0x0100;
    public const uint SiocGIfFlags = 0x8913;
    public const uint SiocSIfFlags = 0x8914;
    public const uint SiocSIfAddr = 0x8916;
    public const uint SiocSIfNetmask = 0x891c;
    public const uint SiocSIfTxQLen = 0x8943;
    public const short IffUp = 0x1;
    public const int CloneNewNet = 0x40000000;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static partial int Bind(int fd, SockAddrIn* address, uint length);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(int fd, int level, int name, void* value, uint length);

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    public static partial int RecvMMsg(int fd, MMsgHdr* messages, uint count, int flags, void* timeout);

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    public static partial int SendMMsg(int fd, MMsgHdr* messages, uint count, int flags);

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    public static partial nint SendTo(int fd, byte* buffer, nuint length, int flags, SockAddrIn* address, uint addressLength);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, void* argument);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    public static partial int SetNs(int fd, int nsType);

    [LibraryImport("libc", EntryPoint = "if_nametoindex", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint IfNameToIndex(string name);

    public static int Errno => Marshal.GetLastPInvokeError();

    public static string ErrorText(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>A non-blocking UDP socket bound to <paramref name="local"/>; with <paramref name="reusePort"/> several workers share the port.</summary>
    public static int OpenUdp(SockAddrIn local, bool reusePort, int bufferBytes)
    {
        int fd = Socket(AfInet, SockDgram | SockNonblock | SockCloexec, 0);
        if (fd < 0)
        {
            throw new IOException("socket: " + ErrorText(Errno));
        }
        int one = 1;
        SetSockOpt(fd, SolSocket, SoReuseAddr, &one, 4);
        if (reusePort)
        {
            SetSockOpt(fd, SolSocket, SoReusePort, &one, 4);
        }
        // The *FORCE variants pass rmem_max as root; otherwise the plain ones still get what the sysctl allows.
        if (SetSockOpt(fd, SolSocket, SoRcvBufForce, &bufferBytes, 4) != 0)
        {
            SetSockOpt(fd, SolSocket, SoRcvBuf, &bufferBytes, 4);
        }
        if (SetSockOpt(fd, SolSocket, SoSndBufForce, &bufferBytes, 4) != 0)
        {
            SetSockOpt(fd, SolSocket, SoSndBuf, &bufferBytes, 4);
        }
        if (Bind(fd, &local, 16) != 0)
        {
            int e = Errno;
            Close(fd);
            throw new IOException($"bind {Format(local)}: {ErrorText(e)}");
        }
        return fd;
    }

    /// <summary>Steers each datagram of a SO_REUSEPORT group to socket TEID mod n (cBPF runs on the UDP payload:
    /// octets 5-8 of the GTP-U header are the TEID), so each worker sees the uplink of the sessions it owns.</summary>
    public static void AttachTeidSteering(int fd, int workers)
    {
        SockFilter* program = stackalloc SockFilter[3];
        program[0] = new SockFilter { Code = 0x20, K = 4 };                 // BPF_LD | BPF_W | BPF_ABS: A = TEID
        program[1] = new SockFilter { Code = 0x94, K = (uint)workers };     // BPF_ALU | BPF_MOD | BPF_K: A %= workers
        program[2] = new SockFilter { Code = 0x16 };                        // BPF_RET | BPF_A
        var prog = new SockFprog { Length = 3, Filter = (nint)program };
        if (SetSockOpt(fd, SolSocket, SoAttachReuseportCbpf, &prog, (uint)sizeof(SockFprog)) != 0)
        {
            throw new IOException("SO_ATTACH_REUSEPORT_CBPF: " + ErrorText(Errno));
        }
    }

    public static string Format(SockAddrIn a)
    {
        uint h = a.AddressBe;
        return $"{h & 0xFF}.{h >> 8 & 0xFF}.{h >> 16 & 0xFF}.{h >> 24}:{System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(a.PortBe)}";
    }
}
