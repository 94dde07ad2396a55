// TS 23.501 §5.8.2.2: the SMF allocates the UE's IPv4 address and IPv6 /64 prefix per DNN and slice; released addresses
// are reused after the rest of the pool (so a late packet for an old session rarely reaches a new one).
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace GlassCore.Smf;

/// <summary>Addresses of one pool: IPv4 hosts of a CIDR (network, first host = gateway, and broadcast excluded),
/// or /64 prefixes of an IPv6 prefix of length 32 to 64.</summary>
public sealed class UeAddressPool
{
    private readonly object _lock = new();
    private readonly bool _v6;
    private readonly ulong _base;
    private readonly ulong _size;
    private readonly HashSet<ulong> _used = [];
    private ulong _next;

    private UeAddressPool(bool v6, ulong baseValue, ulong size)
    {
        _v6 = v6;
        _base = baseValue;
        _size = size;
    }

    public string Cidr { get; private init; } = "";

    public int InUse
    {
        get
        {
            lock (_lock)
            {
                return _used.Count;
            }
        }
    }

    /// <summary>Parses "a.b.c.d/n" (n 8..30) or "x::/n" (n 32..63); null with a reason otherwise.</summary>
    public static UeAddressPool? TryParse(string cidr, out string? error)
    {
        error = null;
        string[] parts = (cidr ?? "").Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out IPAddress? ip) || !int.TryParse(parts[1], out int len))
        {
            error = $"'{cidr}' is not an address/prefix-length";
            return null;
        }
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            if (len is < 8 or > 30)
            {
                error = $"'{cidr}': IPv4 pools are /8 to /30";
                return null;
            }
            uint v = BinaryPrimitives.ReadUInt32BigEndian(ip.GetAddressBytes());
            uint mask = uint.MaxValue << (32 - len);
            // Hosts 2 .. 2^(32-len)-2: .0 is the network, .1 the N6 gateway, the last the broadcast address.
            return new UeAddressPool(false, (v & mask) + 2, (1UL << (32 - len)) - 3) { Cidr = cidr ?? "" };
        }
        if (len is < 32 or > 63)
        {
            error = $"'{cidr}': IPv6 pools are /32 to /63 (each session gets a /64)";
            return null;
        }
        ulong hi = BinaryPrimitives.ReadUInt64BigEndian(ip.GetAddressBytes());
        ulong mask6 = ulong.MaxValue << (64 - len);
        return new UeAddressPool(true, (hi & mask6) + 1, (1UL << (64 - len)) - 1) { Cidr = cidr ?? "" };
    }

    /// <summary>The next free address (IPv4) or /64 prefix (IPv6, as the prefix's first address), or null when exhausted.</summary>
    public IPAddress? Allocate()
    {
        lock (_lock)
        {
            if ((ulong)_used.Count >= _size)
            {
                return null;
            }
            while (_used.Contains(_next))
            {
                _next = (_next + 1) % _size;
            }
            ulong offset = _next;
            _used.Add(offset);
            _next = (_next + 1) % _size;
            return ToAddress(offset);
        }
    }

    public bool Release(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        byte[] b = address.GetAddressBytes();
        if (_v6 != (b.Length == 16))
        {
            return false;
        }
        ulong value = _v6 ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);
        ulong offset = value - _base;
        lock (_lock)
        {
            return offset < _size && _used.Remove(offset);
        }
    }

    private IPAddress ToAddress(ulong offset)
    {
        if (!_v6)
        {
            byte[] b4 = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(b4, (uint)(_base + offset));
            return new IPAddress(b4);
        }
        byte[] b = new byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(b, _base + offset);
        return new IPAddress(b);
    }
}
