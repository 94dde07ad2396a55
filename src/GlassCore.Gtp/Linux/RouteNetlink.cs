// rtnetlink(7) RTM_NEWADDR / RTM_DELADDR (RFC 3549 §2.3.3.2): interface addresses set over one NETLINK_ROUTE socket,
// so adding a UE address costs two system calls instead of starting an ip(8) process.
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace GlassCore.Gtp.Linux;

/// <summary>
/// A NETLINK_ROUTE socket; it acts in the network namespace of the thread that opened it (open it inside
/// <see cref="NetworkNamespace.Run{T}"/>), and may then be used from any thread. Requests take turns on a lock
/// because each waits for its own acknowledgement on the shared socket.
/// </summary>
internal sealed unsafe class RouteNetlink : IDisposable
{
    private const int AfNetlink = 16, SockRaw = 3, NetlinkRoute = 0;
    private const ushort RtmNewAddr = 20, RtmDelAddr = 21, NlmsgError = 2;
    private const ushort NlmFRequest = 0x1, NlmFAck = 0x4, NlmFReplace = 0x100, NlmFCreate = 0x400;
    private const ushort IfaAddress = 1, IfaLocal = 2;
    private const byte IfaFNoDad = 0x02;

    // nlmsghdr, ifaddrmsg, IFA_LOCAL, IFA_ADDRESS: 4 (IPv4) or 16 (IPv6) octets of address after each 4-octet rtattr header.
    private const int MaxMessageLength = 16 + 8 + 20 + 20;

    private readonly int _fd;
    private readonly Lock _lock = new();
    private uint _sequence;
    private int _disposed;

    private RouteNetlink(int fd) => _fd = fd;

    public static RouteNetlink Open()
    {
        int fd = Native.Socket(AfNetlink, SockRaw | Native.OCloexec, NetlinkRoute);
        if (fd < 0)
        {
            throw new IOException("netlink socket: " + Native.ErrorText(Native.Errno));
        }
        return new RouteNetlink(fd);
    }

    /// <summary>The index of interface <paramref name="name"/> in the calling thread's namespace.</summary>
    public static int InterfaceIndex(string name)
    {
        uint index = Native.IfNameToIndex(name);
        return index != 0 ? (int)index : throw new IOException($"no interface {name}: " + Native.ErrorText(Native.Errno));
    }

    /// <summary>`ip address replace ADDRESS/PREFIX dev INDEX` (IPv6: `nodad`, so the address is usable at once rather
    /// than tentative during duplicate address detection, RFC 4862 §5.4: a point-to-point TUN has no other node).</summary>
    public void ReplaceAddress(int interfaceIndex, IPAddress address, byte prefixLength)
    {
        int error = Request(RtmNewAddr, NlmFRequest | NlmFAck | NlmFCreate | NlmFReplace, interfaceIndex, address, prefixLength);
        if (error != 0)
        {
            throw new IOException($"RTM_NEWADDR {address}/{prefixLength}: " + Native.ErrorText(error));
        }
    }

    /// <summary>`ip address del ADDRESS/PREFIX dev INDEX`; false when the address was not there.</summary>
    public bool DeleteAddress(int interfaceIndex, IPAddress address, byte prefixLength)
    {
        int error = Request(RtmDelAddr, NlmFRequest | NlmFAck, interfaceIndex, address, prefixLength);
        return error switch
        {
            0 => true,
            99 or 19 => false, // EADDRNOTAVAIL, ENODEV
            _ => throw new IOException($"RTM_DELADDR {address}/{prefixLength}: " + Native.ErrorText(error)),
        };
    }

    /// <summary>One request and its NLMSG_ERROR acknowledgement; returns the errno it carries (0 = done).</summary>
    private int Request(ushort type, ushort flags, int interfaceIndex, IPAddress address, byte prefixLength)
    {
        ArgumentNullException.ThrowIfNull(address);
        bool v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        if (!v6 && address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("an IPv4 or IPv6 address", nameof(address));
        }
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        int attribute = v6 ? 20 : 8;
        int length = 16 + 8 + (2 * attribute);
        byte* m = stackalloc byte[MaxMessageLength];
        var span = new Span<byte>(m, length);
        span.Clear();
        lock (_lock)
        {
            uint seq = ++_sequence;
            BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)length);
            BinaryPrimitives.WriteUInt16LittleEndian(span[4..], type);
            BinaryPrimitives.WriteUInt16LittleEndian(span[6..], flags);
            BinaryPrimitives.WriteUInt32LittleEndian(span[8..], seq);
            span[16] = (byte)(v6 ? 10 : 2); // ifa_family: AF_INET6 = 10, AF_INET = 2
            span[17] = prefixLength;
            span[18] = v6 ? IfaFNoDad : (byte)0; // ifa_flags
            BinaryPrimitives.WriteInt32LittleEndian(span[20..], interfaceIndex);
            WriteAttribute(span[24..], IfaLocal, address, attribute);
            WriteAttribute(span[(24 + attribute)..], IfaAddress, address, attribute);
            if (Native.SendTo(_fd, m, (nuint)length, 0, null, 0) != length)
            {
                throw new IOException("netlink send: " + Native.ErrorText(Native.Errno));
            }
            byte* reply = stackalloc byte[1024];
            while (true)
            {
                nint n = Native.Read(_fd, reply, 1024);
                if (n < 0)
                {
                    throw new IOException("netlink receive: " + Native.ErrorText(Native.Errno));
                }
                var r = new ReadOnlySpan<byte>(reply, (int)n);
                if (r.Length < 20)
                {
                    throw new IOException("netlink: short reply");
                }
                // An acknowledgement for an earlier request that timed out on its side would carry an older sequence.
                if (BinaryPrimitives.ReadUInt16LittleEndian(r[4..]) == NlmsgError && BinaryPrimitives.ReadUInt32LittleEndian(r[8..]) == seq)
                {
                    return -BinaryPrimitives.ReadInt32LittleEndian(r[16..]);
                }
            }
        }
    }

    private static void WriteAttribute(Span<byte> to, ushort type, IPAddress address, int length)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(to, (ushort)length);
        BinaryPrimitives.WriteUInt16LittleEndian(to[2..], type);
        address.TryWriteBytes(to[4..length], out _);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Native.Close(_fd);
        }
    }
}
