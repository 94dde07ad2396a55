// io_uring(7) (io_uring_setup(2), io_uring_enter(2)) for TUN I/O: a TUN queue moves one packet per read(2)/write(2),
// and on a kernel with page-table isolation each system call costs about a microsecond, so a batch of TUN reads or
// writes goes to the kernel as one io_uring_enter instead.
using System.Runtime.InteropServices;

namespace GlassCore.Gtp.Linux;

/// <summary>One submission/completion ring, used by one thread. Reads carry RWF_NOWAIT: on a non-blocking TUN with
/// nothing queued they complete at once with -EAGAIN (without it the kernel parks them until a packet comes, and a
/// caller waiting for every completion would hang). Writes to a TUN never wait for anything, so every request
/// completes within the <see cref="SubmitAndWait"/> that submitted it and its buffer is free again when it returns.</summary>
internal sealed unsafe partial class IoUring : IDisposable
{
    private const int SysIoUringSetup = 425;
    private const int SysIoUringEnter = 426;
    private const uint EnterGetEvents = 1;
    private const uint FeatSingleMmap = 1;
    private const long OffSqRing = 0;
    private const long OffCqRing = 0x8000000;
    private const long OffSqes = 0x10000000;
    private const int ProtReadWrite = 3;
    private const int MapSharedPopulate = 0x8001;
    private const byte OpRead = 22;
    private const byte OpWrite = 23;
    private const uint RwfNoWait = 0x8;

    [StructLayout(LayoutKind.Sequential)]
    private struct SqRingOffsets
    {
        public uint Head, Tail, RingMask, RingEntries, Flags, Dropped, Array, Resv1;
        public ulong UserAddr;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CqRingOffsets
    {
        public uint Head, Tail, RingMask, RingEntries, Overflow, Cqes, Flags, Resv1;
        public ulong UserAddr;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Params
    {
        public uint SqEntries, CqEntries, Flags, SqThreadCpu, SqThreadIdle, Features, WqFd, Resv0, Resv1, Resv2;
        public SqRingOffsets SqOff;
        public CqRingOffsets CqOff;
    }

    /// <summary>struct io_uring_sqe (64 octets): the fields a read or write uses.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    private struct Sqe
    {
        [FieldOffset(0)] public byte Opcode;
        [FieldOffset(4)] public int Fd;
        [FieldOffset(8)] public ulong Offset;
        [FieldOffset(16)] public ulong Address;
        [FieldOffset(24)] public uint Length;
        [FieldOffset(28)] public uint RwFlags;
        [FieldOffset(32)] public ulong UserData;
    }

    /// <summary>struct io_uring_cqe: the request's user data and its result (octets moved, or -errno).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Cqe
    {
        public ulong UserData;
        public int Result;
        public uint Flags;
    }

    private readonly int _fd;
    private readonly byte* _sqRing;
    private readonly nuint _sqRingSize;
    private readonly byte* _cqRing;
    private readonly nuint _cqRingSize;
    private readonly Sqe* _sqes;
    private readonly nuint _sqesSize;
    private readonly uint* _sqTail;
    private readonly uint _sqMask;
    private readonly uint* _cqHead;
    private readonly uint* _cqTail;
    private readonly uint _cqMask;
    private readonly Cqe* _cqes;
    private uint _pending;

    private IoUring(int fd, in Params p, byte* sqRing, nuint sqRingSize, byte* cqRing, nuint cqRingSize, Sqe* sqes, nuint sqesSize)
    {
        _fd = fd;
        _sqRing = sqRing;
        _sqRingSize = sqRingSize;
        _cqRing = cqRing;
        _cqRingSize = cqRingSize;
        _sqes = sqes;
        _sqesSize = sqesSize;
        Capacity = p.SqEntries;
        _sqTail = (uint*)(sqRing + p.SqOff.Tail);
        _sqMask = *(uint*)(sqRing + p.SqOff.RingMask);
        _cqHead = (uint*)(cqRing + p.CqOff.Head);
        _cqTail = (uint*)(cqRing + p.CqOff.Tail);
        _cqMask = *(uint*)(cqRing + p.CqOff.RingMask);
        _cqes = (Cqe*)(cqRing + p.CqOff.Cqes);
        uint* array = (uint*)(sqRing + p.SqOff.Array);
        for (uint i = 0; i < p.SqEntries; i++)
        {
            array[i] = i; // ring slot i submits SQE i: identity, set once
        }
    }

    /// <summary>Requests that fit between two submissions.</summary>
    public uint Capacity { get; }

    /// <summary>A ring of at least <paramref name="entries"/> requests, or null where the kernel offers none (too old,
    /// io_uring_disabled, seccomp): the caller then uses one read(2)/write(2) per packet.</summary>
    public static IoUring? TryCreate(uint entries)
    {
        Params p = default;
        int fd = (int)Syscall(SysIoUringSetup, (nint)entries, (nint)(&p), 0, 0, 0, 0);
        if (fd < 0)
        {
            return null;
        }
        nuint sqSize = p.SqOff.Array + (p.SqEntries * 4);
        nuint cqSize = p.CqOff.Cqes + (p.CqEntries * (uint)sizeof(Cqe));
        bool single = (p.Features & FeatSingleMmap) != 0;
        if (single)
        {
            sqSize = cqSize = Math.Max(sqSize, cqSize);
        }
        nint sq = Mmap(0, sqSize, ProtReadWrite, MapSharedPopulate, fd, OffSqRing);
        nint cq = single || sq == -1 ? sq : Mmap(0, cqSize, ProtReadWrite, MapSharedPopulate, fd, OffCqRing);
        nuint sqesSize = p.SqEntries * (uint)sizeof(Sqe);
        nint sqes = sq == -1 || cq == -1 ? -1 : Mmap(0, sqesSize, ProtReadWrite, MapSharedPopulate, fd, OffSqes);
        if (sqes == -1)
        {
            if (!single && cq != -1)
            {
                Munmap(cq, cqSize);
            }
            if (sq != -1)
            {
                Munmap(sq, sqSize);
            }
            Native.Close(fd);
            return null;
        }
        return new IoUring(fd, p, (byte*)sq, sqSize, (byte*)cq, single ? 0 : cqSize, (Sqe*)sqes, sqesSize);
    }

    /// <summary>Queues a write of one packet (not yet submitted).</summary>
    public void PrepareWrite(int fd, byte* buffer, uint length, ulong userData) => Prepare(OpWrite, fd, buffer, length, userData, 0);

    /// <summary>Queues a non-waiting read of one packet (not yet submitted).</summary>
    public void PrepareRead(int fd, byte* buffer, uint length, ulong userData) => Prepare(OpRead, fd, buffer, length, userData, RwfNoWait);

    private void Prepare(byte opcode, int fd, byte* buffer, uint length, ulong userData, uint rwFlags)
    {
        if (_pending >= Capacity)
        {
            throw new InvalidOperationException("io_uring: more requests prepared than the ring holds");
        }
        Sqe* e = _sqes + ((*_sqTail + _pending) & _sqMask);
        *e = default;
        e->Opcode = opcode;
        e->Fd = fd;
        e->Offset = ulong.MaxValue; // -1: the file's own position (a TUN has none)
        e->Address = (ulong)buffer;
        e->Length = length;
        e->RwFlags = rwFlags;
        e->UserData = userData;
        _pending++;
    }

    /// <summary>Submits every prepared request and waits until each has completed; returns how many were submitted, or -errno.</summary>
    public int SubmitAndWait()
    {
        uint n = _pending;
        if (n == 0)
        {
            return 0;
        }
        Volatile.Write(ref *_sqTail, *_sqTail + n);
        _pending = 0;
        nint r;
        do
        {
            r = Syscall(SysIoUringEnter, _fd, (nint)n, (nint)n, (nint)EnterGetEvents, 0, 0);
        }
        while (r < 0 && Native.Errno == Native.EIntr);
        return r < 0 ? -Native.Errno : (int)r;
    }

    /// <summary>Takes the next completion, if any.</summary>
    public bool TryComplete(out Cqe cqe)
    {
        uint head = *_cqHead;
        if (head == Volatile.Read(ref *_cqTail))
        {
            cqe = default;
            return false;
        }
        cqe = _cqes[head & _cqMask];
        Volatile.Write(ref *_cqHead, head + 1);
        return true;
    }

    public void Dispose()
    {
        Munmap((nint)_sqes, _sqesSize);
        if (_cqRingSize != 0)
        {
            Munmap((nint)_cqRing, _cqRingSize);
        }
        Munmap((nint)_sqRing, _sqRingSize);
        Native.Close(_fd);
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial nint Syscall(nint number, nint a1, nint a2, nint a3, nint a4, nint a5, nint a6);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static partial int Munmap(nint address, nuint length);
}
