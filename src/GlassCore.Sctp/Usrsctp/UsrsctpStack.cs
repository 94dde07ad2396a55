// usrsctp_init/usrsctp_finish are process-wide (usrsctp.h): one reference-counted stack per process.
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace GlassCore.Sctp.Usrsctp;

/// <summary>
/// The one usrsctp instance of this process. The library keeps its state in globals, so this is the single place
/// that initialises and finishes it; transports hold a reference while they live. The local UDP encapsulation
/// port is fixed at init: a stack started with a UDP port also serves raw-IP associations (as root it always
/// opens the raw sockets too), but a raw-only stack must be finished before a UDP port can be added.
/// </summary>
internal static class UsrsctpStack
{
    private static readonly Lock s_gate = new();
    private static readonly ConcurrentDictionary<nint, IUpcallTarget> s_targets = new();
    private static int s_references;
    private static int s_port = -1;
    private static long s_nextTargetId;

    public static bool IsLibraryAvailable(out string reason)
    {
        if (NativeLibrary.TryLoad(UsrsctpNative.Library, out nint handle))
        {
            NativeLibrary.Free(handle);
            reason = UsrsctpNative.Library + " loaded";
            return true;
        }
        reason = UsrsctpNative.Library + " not found (Debian package libusrsctp2)";
        return false;
    }

    public static void Acquire(int udpPort, ILogger logger)
    {
        lock (s_gate)
        {
            if (s_port >= 0 && (s_port == udpPort || udpPort == 0))
            {
                s_references++;
                return;
            }
            if (s_port >= 0)
            {
                if (s_references > 0)
                {
                    throw new SctpException($"usrsctp already runs in this process with UDP encapsulation port {s_port}; it cannot also use {udpPort}");
                }
                FinishLocked(logger);
            }
            UsrsctpNative.Init((ushort)udpPort, 0, 0);
            // Two usrsctp processes on one host both see every raw SCTP packet; without blackhole each
            // answers the other's packets as out of the blue with ABORT (interop-notes.md).
            _ = UsrsctpNative.SetBlackhole(2);
            // usrsctp skips the CRC32c on loopback by default, which captures flag as bad checksums.
            _ = UsrsctpNative.SetNoCsumOnLoopback(0);
            s_port = udpPort;
            s_references = 1;
            SctpLog.UsrsctpStarted(logger, udpPort);
        }
    }

    public static void Release(ILogger logger)
    {
        lock (s_gate)
        {
            if (--s_references == 0)
            {
                FinishLocked(logger);
            }
        }
    }

    private static void FinishLocked(ILogger logger)
    {
        // usrsctp_finish refuses while associations are still closing; give them a few seconds.
        for (int attempt = 0; attempt < 50; attempt++)
        {
            if (UsrsctpNative.Finish() == 0)
            {
                s_port = -1;
                return;
            }
            Thread.Sleep(100);
        }
        SctpLog.UsrsctpFinishFailed(logger, s_port);
    }

    public static nint Register(IUpcallTarget target)
    {
        nint id = (nint)Interlocked.Increment(ref s_nextTargetId);
        s_targets[id] = target;
        return id;
    }

    public static void Unregister(nint id) => s_targets.TryRemove(id, out _);

    /// <summary>
    /// The socket upcall. It runs on usrsctp's timer or receive thread, so it only reads the event mask and
    /// signals; receiving happens in the association's own loop (a thread blocked in usrsctp_recvv can deadlock
    /// usrsctp_close). Ids, not GC handles, are passed so that a late upcall after close finds nothing.
    /// </summary>
    [UnmanagedCallersOnly]
    public static void Upcall(nint socket, nint arg, int flags)
    {
        if (s_targets.TryGetValue(arg, out IUpcallTarget? target))
        {
            target.OnUpcall(UsrsctpNative.GetEvents(socket));
        }
    }

    public static unsafe delegate* unmanaged<nint, nint, int, void> UpcallPointer => &Upcall;
}

internal interface IUpcallTarget
{
    void OnUpcall(int events);
}
