// Kernel SCTP detection and the one epoll thread that turns socket readiness into async signals.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using static GlassCore.Sctp.Kernel.KernelNative;

namespace GlassCore.Sctp.Kernel;

internal interface IReadinessTarget
{
    void OnReady(bool readable, bool writable);
}

internal static unsafe class KernelSctp
{
    private static readonly Lock s_gate = new();
    private static readonly ConcurrentDictionary<long, IReadinessTarget> s_targets = new();
    private static int s_epoll = -1;
    private static long s_nextId;

    /// <summary>True when the kernel opens an SCTP socket; the reason says what happened either way.</summary>
    public static bool IsAvailable(out string reason)
    {
        if (!OperatingSystem.IsLinux())
        {
            reason = "kernel SCTP is only used on Linux";
            return false;
        }
        int fd = KernelNative.Socket(AfInet, SockStream | SockCloexec, IpprotoSctp);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            reason = $"the kernel cannot open an SCTP socket (errno {errno}{(errno == 93 ? ", protocol not supported: no sctp module" : string.Empty)})";
            return false;
        }
        KernelNative.Close(fd);
        reason = "the kernel opened an SCTP socket";
        return true;
    }

    /// <summary>Registers <paramref name="fd"/> edge-triggered for read and write readiness.</summary>
    public static long Register(int fd, IReadinessTarget target)
    {
        int epoll = EnsureReactor();
        long id = Interlocked.Increment(ref s_nextId);
        s_targets[id] = target;
        byte* evt = stackalloc byte[16];
        new Span<byte>(evt, 16).Clear();
        *(uint*)evt = EpollIn | EpollOut | EpollEt;
        *(long*)(evt + EpollDataOffset) = id;
        if (EpollCtl(epoll, EpollCtlAdd, fd, evt) < 0)
        {
            s_targets.TryRemove(id, out _);
            throw new SctpException("epoll_ctl ADD", Marshal.GetLastPInvokeError());
        }
        return id;
    }

    public static void Unregister(int fd, long id)
    {
        byte* evt = stackalloc byte[16];
        EpollCtl(s_epoll, EpollCtlDel, fd, evt);
        s_targets.TryRemove(id, out _);
    }

    private static int EnsureReactor()
    {
        lock (s_gate)
        {
            if (s_epoll >= 0)
            {
                return s_epoll;
            }
            int epoll = EpollCreate1(0x80000 /* EPOLL_CLOEXEC */);
            if (epoll < 0)
            {
                throw new SctpException("epoll_create1", Marshal.GetLastPInvokeError());
            }
            s_epoll = epoll;
            // One thread for every kernel SCTP socket of the process, not one per association.
            var thread = new Thread(() => Run(epoll)) { IsBackground = true, Name = "glasscore-sctp-epoll" };
            thread.Start();
            return epoll;
        }
    }

    private static void Run(int epoll)
    {
        const int MaxEvents = 64;
        int size = EpollEventSize;
        byte* events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * size));
        while (true)
        {
            int n = EpollWait(epoll, events, MaxEvents, -1);
            for (int i = 0; i < n; i++)
            {
                byte* e = events + (i * size);
                uint mask = *(uint*)e;
                long id = *(long*)(e + EpollDataOffset);
                if (s_targets.TryGetValue(id, out IReadinessTarget? target))
                {
                    bool error = (mask & (EpollErr | EpollHup)) != 0;
                    target.OnReady((mask & EpollIn) != 0 || error, (mask & EpollOut) != 0 || error);
                }
            }
        }
    }
}
