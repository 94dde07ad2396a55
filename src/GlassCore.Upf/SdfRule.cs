// TS 29.244 §8.2.5 SDF Filter: the Flow Description is an IPFilterRule (RFC 6733 §4.4, as restricted by TS 29.212
// §5.4.2): "permit out <proto> from <addr> [<ports>] to <addr> [<ports>]", always written in the downlink direction
// ("from" the data network "to" the UE, "assigned" being the UE's address).
using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace GlassCore.Upf;

/// <summary>A compiled SDF filter: protocol, remote and UE address masks and port ranges, matched on raw IPv4 packets.</summary>
public sealed class SdfRule
{
    private SdfRule(byte protocol, uint remoteAddress, uint remoteMask, (ushort Lo, ushort Hi)[] remotePorts, uint ueAddress, uint ueMask, (ushort Lo, ushort Hi)[] uePorts)
    {
        Protocol = protocol;
        RemoteAddress = remoteAddress;
        RemoteMask = remoteMask;
        RemotePorts = remotePorts;
        UeAddress = ueAddress;
        UeMask = ueMask;
        UePorts = uePorts;
    }

    /// <summary>IP protocol number, 0 for any ("ip").</summary>
    public byte Protocol { get; }

    public uint RemoteAddress { get; }

    public uint RemoteMask { get; }

    public (ushort Lo, ushort Hi)[] RemotePorts { get; }

    /// <summary>0 with mask 0 for "assigned" or "any".</summary>
    public uint UeAddress { get; }

    public uint UeMask { get; }

    public (ushort Lo, ushort Hi)[] UePorts { get; }

    /// <summary>Parses a flow description; false (with a reason) for anything this UPF cannot enforce exactly.</summary>
    public static bool TryParse(ReadOnlySpan<byte> flowDescription, out SdfRule rule, out string error)
    {
        rule = null!;
        error = "";
        string[] t = Encoding.ASCII.GetString(flowDescription).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int i = 0;
        string? Next() => i < t.Length ? t[i++] : null;
        if (Next() != "permit" || Next() != "out")
        {
            error = "flow description must start with 'permit out'";
            return false;
        }
        string? proto = Next();
        byte protocol;
        if (proto == "ip")
        {
            protocol = 0;
        }
        else if (!byte.TryParse(proto, out protocol))
        {
            error = $"protocol '{proto}' is neither 'ip' nor a number";
            return false;
        }
        if (Next() != "from" || !TryAddress(Next(), out uint ra, out uint rm, out error))
        {
            error = error.Length == 0 ? "expected 'from <address>'" : error;
            return false;
        }
        (ushort, ushort)[] rp = [];
        if (i < t.Length && t[i] != "to" && !TryPorts(Next()!, out rp, out error))
        {
            return false;
        }
        if (Next() != "to" || !TryAddress(Next(), out uint ua, out uint um, out error))
        {
            error = error.Length == 0 ? "expected 'to <address>'" : error;
            return false;
        }
        (ushort, ushort)[] up = [];
        if (i < t.Length && !TryPorts(Next()!, out up, out error))
        {
            return false;
        }
        if (i != t.Length)
        {
            error = $"unsupported option '{t[i]}'";
            return false;
        }
        rule = new SdfRule(protocol, ra, rm, rp, ua, um, up);
        error = "";
        return true;
    }

    private static bool TryAddress(string? s, out uint address, out uint mask, out string error)
    {
        address = mask = 0;
        error = "";
        if (s is null)
        {
            error = "address missing";
            return false;
        }
        if (s is "any" or "assigned")
        {
            return true;
        }
        int slash = s.IndexOf('/', StringComparison.Ordinal);
        int bits = 32;
        if (slash >= 0 && (!int.TryParse(s.AsSpan(slash + 1), out bits) || bits is < 0 or > 32))
        {
            error = $"bad prefix length in '{s}'";
            return false;
        }
        if (!IPAddress.TryParse(slash >= 0 ? s[..slash] : s, out IPAddress? ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            error = $"'{s}' is not an IPv4 address (IPv6 SDF filters are not supported)";
            return false;
        }
        mask = bits == 0 ? 0 : uint.MaxValue << (32 - bits);
        address = BinaryPrimitives.ReadUInt32BigEndian(ip.GetAddressBytes()) & mask;
        return true;
    }

    private static bool TryPorts(string s, out (ushort, ushort)[] ports, out string error)
    {
        string[] parts = s.Split(',');
        ports = new (ushort, ushort)[parts.Length];
        for (int k = 0; k < parts.Length; k++)
        {
            string[] lh = parts[k].Split('-');
            if (lh.Length > 2 || !ushort.TryParse(lh[0], out ushort lo) || !ushort.TryParse(lh[^1], out ushort hi) || hi < lo)
            {
                error = $"bad port list '{s}'";
                return false;
            }
            ports[k] = (lo, hi);
        }
        error = "";
        return true;
    }

    /// <summary>Matches an IPv4 packet. <paramref name="uplink"/>: the filter belongs to a PDR whose Source Interface is
    /// Access, so the packet's source is the UE side and the description's "from"/"to" apply swapped (§5.2.1A.2A); a PDR
    /// with a Core, CP-function or SGi-LAN source applies it as written.</summary>
    public bool Matches(ReadOnlySpan<byte> ip, bool uplink)
    {
        if (ip.Length < 20 || ip[0] >> 4 != 4)
        {
            return false;
        }
        byte proto = ip[9];
        if (Protocol != 0 && proto != Protocol)
        {
            return false;
        }
        uint src = BinaryPrimitives.ReadUInt32BigEndian(ip[12..]);
        uint dst = BinaryPrimitives.ReadUInt32BigEndian(ip[16..]);
        uint remote = uplink ? dst : src;
        uint ue = uplink ? src : dst;
        if ((remote & RemoteMask) != RemoteAddress || (ue & UeMask) != UeAddress)
        {
            return false;
        }
        if (RemotePorts.Length == 0 && UePorts.Length == 0)
        {
            return true;
        }
        int ihl = (ip[0] & 0x0F) * 4;
        bool fragment = (BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) & 0x1FFF) != 0;
        if (proto is not (6 or 17 or 132) || fragment || ip.Length < ihl + 4)
        {
            return false;
        }
        ushort sp = BinaryPrimitives.ReadUInt16BigEndian(ip[ihl..]);
        ushort dp = BinaryPrimitives.ReadUInt16BigEndian(ip[(ihl + 2)..]);
        return InRanges(RemotePorts, uplink ? dp : sp) && InRanges(UePorts, uplink ? sp : dp);
    }

    private static bool InRanges((ushort Lo, ushort Hi)[] ranges, ushort port)
    {
        if (ranges.Length == 0)
        {
            return true;
        }
        foreach ((ushort lo, ushort hi) in ranges)
        {
            if (port >= lo && port <= hi)
            {
                return true;
            }
        }
        return false;
    }
}
