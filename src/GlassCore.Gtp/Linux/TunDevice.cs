// N6 (TS 23.501 §5.8.2.1) and the simulated UE side of N3: a Linux TUN interface (tun(4)), IFF_NO_PI so reads and
// writes are bare IP packets; IFF_MULTI_QUEUE gives every worker its own queue (file descriptor) of one device.
using System.Net;
using System.Text;

namespace GlassCore.Gtp.Linux;

/// <summary>A TUN device owned by the UPF: created (or attached) on open, gone when the last queue closes.</summary>
internal sealed unsafe class TunDevice : IDisposable
{
    private readonly int[] _queues;

    private TunDevice(string name, int[] queues)
    {
        Name = name;
        _queues = queues;
    }

    public string Name { get; }

    public ReadOnlySpan<int> Queues => _queues;

    /// <summary>Opens <paramref name="queues"/> queues of the device, gives it <paramref name="address"/>/<paramref name="prefixLength"/> and brings it up.</summary>
    public static TunDevice Open(string name, int queues, IPAddress? address, int prefixLength, int txQueueLength)
    {
        if (Encoding.ASCII.GetByteCount(name) is 0 or > 15)
        {
            throw new ArgumentException($"TUN name '{name}' must be 1 to 15 ASCII characters", nameof(name));
        }
        var fds = new int[queues];
        int opened = 0;
        byte* ifr = stackalloc byte[40];
        try
        {
            for (; opened < queues; opened++)
            {
                int fd = Native.Open("/dev/net/tun", Native.ORdwr | Native.ONonblock | Native.OCloexec);
                if (fd < 0)
                {
                    throw new IOException("open /dev/net/tun: " + Native.ErrorText(Native.Errno));
                }
                fds[opened] = fd;
                new Span<byte>(ifr, 40).Clear();
                Encoding.ASCII.GetBytes(name, new Span<byte>(ifr, 16));
                *(short*)(ifr + 16) = (short)(Native.IffTun | Native.IffNoPi | (queues > 1 ? Native.IffMultiQueue : 0));
                if (Native.Ioctl(fd, Native.TunSetIff, ifr) != 0)
                {
                    int e = Native.Errno;
                    Native.Close(fd);
                    throw new IOException($"TUNSETIFF {name}: {Native.ErrorText(e)} (the UPF needs CAP_NET_ADMIN to create its N6 TUN)");
                }
            }
            Configure(name, address, prefixLength, txQueueLength);
            return new TunDevice(name, fds);
        }
        catch
        {
            for (int i = 0; i < opened; i++)
            {
                Native.Close(fds[i]);
            }
            throw;
        }
    }

    private static void Configure(string name, IPAddress? address, int prefixLength, int txQueueLength)
    {
        int s = Native.Socket(Native.AfInet, Native.SockDgram | Native.SockCloexec, 0);
        if (s < 0)
        {
            throw new IOException("socket: " + Native.ErrorText(Native.Errno));
        }
        try
        {
            byte* ifr = stackalloc byte[40];
            void Reset()
            {
                new Span<byte>(ifr, 40).Clear();
                Encoding.ASCII.GetBytes(name, new Span<byte>(ifr, 16));
            }
            void Call(uint request, string what)
            {
                if (Native.Ioctl(s, request, ifr) != 0)
                {
                    throw new IOException($"{what} {name}: {Native.ErrorText(Native.Errno)}");
                }
            }
            if (address is not null)
            {
                Reset();
                *(SockAddrIn*)(ifr + 16) = SockAddrIn.Of(address, 0);
                Call(Native.SiocSIfAddr, "SIOCSIFADDR");
                Reset();
                uint mask = prefixLength == 0 ? 0 : uint.MaxValue << (32 - prefixLength);
                *(SockAddrIn*)(ifr + 16) = SockAddrIn.Of(new IPAddress(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(mask)), 0);
                Call(Native.SiocSIfNetmask, "SIOCSIFNETMASK");
            }
            if (txQueueLength > 0)
            {
                Reset();
                *(int*)(ifr + 16) = txQueueLength;
                Call(Native.SiocSIfTxQLen, "SIOCSIFTXQLEN");
            }
            Reset();
            Call(Native.SiocGIfFlags, "SIOCGIFFLAGS");
            *(short*)(ifr + 16) |= Native.IffUp;
            Call(Native.SiocSIfFlags, "SIOCSIFFLAGS");
        }
        finally
        {
            Native.Close(s);
        }
    }

    public void Dispose()
    {
        for (int i = 0; i < _queues.Length; i++)
        {
            if (_queues[i] >= 0)
            {
                Native.Close(_queues[i]);
                _queues[i] = -1;
            }
        }
    }
}
