// TS 29.244 §8.2.38 Node ID, §8.2.37 F-SEID, §8.2.3 F-TEID, §8.2.62 UE IP Address, §8.2.56 Outer Header Creation,
// §8.2.64 Outer Header Removal, §8.2.82 User Plane IP Resource Information.
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace GlassCore.Pfcp;

/// <summary>§8.2.38 Node ID: IPv4 (type 0), IPv6 (1) or FQDN (2, DNS label encoded).</summary>
public sealed class NodeId : PfcpLeaf
{
    private NodeId(byte typeOctet, byte[] value)
    {
        TypeOctet = typeOctet;
        Value = value;
    }

    /// <summary>The first octet: spare bits and the Node ID Type in bits 4-1.</summary>
    public byte TypeOctet { get; }

    public int NodeIdType => TypeOctet & 0x0F;

    /// <summary>The Node ID value octets (address or FQDN labels).</summary>
    public byte[] Value { get; }

    public IPAddress? Address => NodeIdType switch
    {
        0 when Value.Length >= 4 => new IPAddress(Value.AsSpan(0, 4)),
        1 when Value.Length >= 16 => new IPAddress(Value.AsSpan(0, 16)),
        _ => null,
    };

    public string? Fqdn => NodeIdType == 2 ? DnsLabels.Decode(Value) : null;

    public static NodeId FromAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new NodeId(address.AddressFamily == AddressFamily.InterNetworkV6 ? (byte)1 : (byte)0, address.GetAddressBytes());
    }

    public static NodeId FromFqdn(string fqdn) => new(2, DnsLabels.Encode(fqdn));

    internal static NodeId? TryDecode(ReadOnlySpan<byte> v)
    {
        var r = new ValueReader(v);
        if (!r.TryU8(out byte t))
        {
            return null;
        }
        int need = (t & 0x0F) switch { 0 => 4, 1 => 16, _ => 0 };
        if (r.Remaining < need)
        {
            return null;
        }
        // The FQDN takes the rest of the IE; an address takes its own length and later octets are extension.
        if (need == 0)
        {
            return new NodeId(t, r.Rest);
        }
        r.TryBytes(need, out byte[] addr);
        return new NodeId(t, addr) { Extra = r.Rest };
    }

    protected override int FieldsLength => 1 + Value.Length;

    protected override void WriteFields(Span<byte> destination)
    {
        destination[0] = TypeOctet;
        Value.CopyTo(destination[1..]);
    }

    protected override void WriteFieldsJson(Utf8JsonWriter writer)
    {
        writer.WriteNumber("nodeIdType", NodeIdType);
        if (Address is IPAddress a)
        {
            writer.WriteString(NodeIdType == 0 ? "ipv4" : "ipv6", a.ToString());
        }
        else if (Fqdn is string f)
        {
            writer.WriteString("fqdn", f);
        }
    }
}

/// <summary>§8.2.37 F-SEID: SEID plus the IPv4 and/or IPv6 address of the node that allocated it.</summary>
public sealed class FSeid(byte flags, ulong seid, IPAddress? ipv4, IPAddress? ipv6) : PfcpLeaf
{
    public FSeid(ulong seid, IPAddress? ipv4, IPAddress? ipv6 = null)
        : this((byte)((ipv4 is null ? 0 : 2) | (ipv6 is null ? 0 : 1)), seid, ipv4, ipv6)
    {
    }

    public byte Flags { get; } = flags;

    public ulong Seid { get; } = seid;

    public IPAddress? IPv4 { get; } = ipv4;

    public IPAddress? IPv6 { get; } = ipv6;

    internal static FSeid? TryDecode(ReadOnlySpan<byte> v)
    {
        var r = new ValueReader(v);
        IPAddress? a4 = null, a6 = null;
        if (!r.TryU8(out byte f) || !r.TryU64(out ulong seid)
            || ((f & 2) != 0 && !r.TryIPv4(out a4)) || ((f & 1) != 0 && !r.TryIPv6(out a6)))
        {
            return null;
        }
        return new FSeid(f, seid, a4, a6) { Extra = r.Rest };
    }

    protected override int FieldsLength => 9 + (IPv4 is null ? 0 : 4) + (IPv6 is null ? 0 : 16);

    protected override void WriteFields(Span<byte> destination)
    {
        var w = new ValueWriter(destination);
        w.U8(Flags);
        w.U64(Seid);
        w.Address(IPv4);
        w.Address(IPv6);
    }

    protected override void WriteFieldsJson(Utf8JsonWriter writer)
    {
        writer.WriteString("seid", $"0x{Seid:x16}");
        WriteAddresses(writer, IPv4, IPv6);
    }

    internal static void WriteAddresses(Utf8JsonWriter writer, IPAddress? ipv4, IPAddress? ipv6)
    {
        if (ipv4 is not null)
        {
            writer.WriteString("ipv4", ipv4.ToString());
        }
        if (ipv6 is not null)
        {
            writer.WriteString("ipv6", ipv6.ToString());
        }
    }
}

/// <summary>§8.2.3 F-TEID: a TEID with its IPv4/IPv6 address, or CHOOSE (CH) with an optional CHOOSE ID (CHID).</summary>
public sealed class FTeid(byte flags, uint teid, IPAddress? ipv4, IPAddress? ipv6, byte chooseId) : PfcpLeaf
{
    public byte Flags { get; } = flags;

    public bool V4 => (Flags & 1) != 0;

    public bool V6 => (Flags & 2) != 0;

    /// <summary>CH: the UP function chooses the TEID and address.</summary>
    public bool Choose => (Flags & 4) != 0;

    /// <summary>CHID: PDRs with the same CHOOSE ID share one F-TEID.</summary>
    public bool ChooseIdPresent => (Flags & 8) != 0;

    public uint Teid { get; } = teid;

    public IPAddress? IPv4 { get; } = ipv4;

    public IPAddress? IPv6 { get; } = ipv6;

    public byte ChooseId { get; } = chooseId;

    public static FTeid Of(uint teid, IPAddress? ipv4, IPAddress? ipv6 = null) =>
        new((byte)((ipv4 is null ? 0 : 1) | (ipv6 is null ? 0 : 2)), teid, ipv4, ipv6, 0);

    /// <summary>CHOOSE with the address families the UP function shall allocate from, and an optional CHOOSE ID.</summary>
    public static FTeid ChooseOf(bool v4, bool v6, byte? chooseId = null) =>
        new((byte)((v4 ? 1 : 0) | (v6 ? 2 : 0) | 4 | (chooseId is null ? 0 : 8)), 0, null, null, chooseId ?? 0);

    internal static FTeid? TryDecode(ReadOnlySpan<byte> v)
    {
        var r = new ValueReader(v);
        if (!r.TryU8(out byte f))
        {
            return null;
        }
        uint teid = 0;
        byte chid = 0;
        IPAddress? a4 = null, a6 = null;
        if ((f & 4) == 0)
        {
            if (!r.TryU32(out teid) || ((f & 1) != 0 && !r.TryIPv4(out a4)) || ((f & 2) != 0 && !r.TryIPv6(out a6)))
            {
                return null;
            }
        }
        else if ((f & 8) != 0 && !r.TryU8(out chid))
        {
            return null;
        }
        return new FTeid(f, teid, a4, a6, chid) { Extra = r.Rest };
    }

    protected override int FieldsLength => 1 + (Choose ? (ChooseIdPresent ? 1 : 0) : 4 + (V4 ? 4 : 0) + (V6 ? 16 : 0));

    protected override void WriteFields(Span<byte> destination)
    {
        var w = new ValueWriter(destination);
        w.U8(Flags);
        if (Choose)
        {
            if (ChooseIdPresent)
            {
                w.U8(ChooseId);
            }
            return;
        }
        w.U32(Teid);
        if (V4)
        {
            w.Address(IPv4);
        }
        if (V6)
        {
            w.Address(IPv6);
        }
    }

    protected override void WriteFieldsJson(Utf8JsonWriter writer)
    {
        if (Choose)
        {
            writer.WriteBoolean("choose", true);
            writer.WriteBoolean("v4", V4);
            writer.WriteBoolean("v6", V6);
            if (ChooseIdPresent)
            {
                writer.WriteNumber("chooseId", ChooseId);
            }
            return;
        }
        writer.WriteString("teid", $"0x{Teid:x8}");
        FSeid.WriteAddresses(writer, IPv4, IPv6);
    }
}

/// <summary>§8.2.62 UE IP Address: flags V6, V4, S/D, IPv6D, CHV4, CHV6, IP6PL, then the addresses and prefix fields.</summary>
public sealed class UeIpAddress(byte flags, IPAddress? ipv4, IPAddress? ipv6, byte prefixDelegationBits, byte prefixLength) : PfcpLeaf
{
    public byte Flags { get; } = flags;

    public bool V6 => (Flags & 0x01) != 0;

    public bool V4 => (Flags & 0x02) != 0;

    /// <summary>S/D: 0 source, 1 destination address (of the packets the PDI matches).</summary>
    public bool IsDestination => (Flags & 0x04) != 0;

    public bool Ipv6D => (Flags & 0x08) != 0;

    public bool ChooseV4 => (Flags & 0x10) != 0;

    public bool ChooseV6 => (Flags & 0x20) != 0;

    public bool Ip6pl => (Flags & 0x40) != 0;

    public IPAddress? IPv4 { get; } = ipv4;

    public IPAddress? IPv6 { get; } = ipv6;

    public byte PrefixDelegationBits { get; } = prefixDelegationBits;

    public byte PrefixLength { get; } = prefixLength;

    public static UeIpAddress Of(IPAddress? ipv4, IPAddress? ipv6, bool destination) =>
        new((byte)((ipv6 is null ? 0 : 1) | (ipv4 is null ? 0 : 2) | (destination ? 4 : 0)), ipv4, ipv6, 0, 0);

    internal static UeIpAddress? TryDecode(ReadOnlySpan<byte> v)
    {
        var r = new ValueReader(v);
        if (!r.TryU8(out byte f))
        {
            return null;
        }
        IPAddress? a4 = null, a6 = null;
        byte pd = 0, pl = 0;
        if (((f & 2) != 0 && !r.TryIPv4(out a4)) || ((f & 1) != 0 && !r.TryIPv6(out a6))
            || ((f & 8) != 0 && !r.TryU8(out pd)) || ((f & 0x40) != 0 && !r.TryU8(out pl)))
        {
            return null;
        }
        return new UeIpAddress(f, a4, a6, pd, pl) { Extra = r.Rest };
    }

    protected override int FieldsLength => 1 + (V4 ? 4 : 0) + (V6 ? 16 : 0) + (Ipv6D ? 1 : 0) + (Ip6pl ? 1 : 0);

    protected override void WriteFields(Span<byte> destination)
    {
        var w = new ValueWriter(destination);
        w.U8(Flags);
        if (V4)
        {
            w.Address(IPv4);
        }
        if (V6)
        {
            w.Address(IPv6);
        }
        if (Ipv6D)
        {
            w.U8(PrefixDelegationBits);
        }
        if (Ip6pl)
        {
            w.U8(PrefixLength);
        }
    }

    protected override void WriteFieldsJson(Utf8JsonWriter writer)
    {
        writer.WriteString("sd", IsDestination ? "destination" : "source");
        FSeid.WriteAddresses(writer, IPv4, IPv6);
        if (ChooseV4)
        {
            writer.WriteBoolean("chooseV4", true);
        }
        if (ChooseV6)
        {
            writer.WriteBoolean("chooseV6", true);
        }
        if (Ipv6D)
        {
            writer.WriteNumber("ipv6PrefixDelegationBits", PrefixDelegationBits);
        }
        if (Ip6pl)
        {
            writer.WriteNumber("ipv6PrefixLength", PrefixLength);
        }
    }
}

/// <summary>§8.2.56 Outer Header Creation: a 2-octet description, then TEID, addresses, port and tags as it says.</summary>
public sealed class OuterHeaderCreation(ushort description, uint teid, IPAddress? ipv4, IPAddress? ipv6, ushort port, uint cTag, uint sTag) : PfcpLeaf
{
    public const ushort GtpUUdpIPv4 = 0x0100;
    public const ushort GtpUUdpIPv6 = 0x0200;
    public const ushort UdpIPv4 = 0x0400;
    public const ushort UdpIPv6 = 0x0800;
    public const ushort IPv4Only = 0x1000;
    public const ushort IPv6Only = 0x2000;
    public const ushort CTagFlag = 0x4000;
    public const ushort STagFlag = 0x8000;

    /// <summary>Octets 5-6 as one big-endian number (octet 5 in the high byte).</summary>
    public ushort Description { get; } = description;

    public uint Teid { get; } = teid;

    public IPAddress? IPv4 { get; } = ipv4;

    public IPAddress? IPv6 { get; } = ipv6;

    public ushort Port { get; } = port;

    public uint CTag { get; } = cTag;

    public uint STag { get; } = sTag;

    private bool HasTeid => (Description & (GtpUUdpIPv4 | GtpUUdpIPv6)) != 0;

    private bool HasV4 => (Description & (GtpUUdpIPv4 | UdpIPv4 | IPv4Only)) != 0;

    private bool HasV6 => (Description & (GtpUUdpIPv6 | UdpIPv6 | IPv6Only)) != 0;

    private bool HasPort => (Description & (UdpIPv4 | UdpIPv6)) != 0;

    /// <summary>GTP-U/UDP/IPv4 towards <paramref name="address"/>; the port is 2152 implicitly (TS 29.281 §4.4.2).</summary>
    public static OuterHeaderCreation GtpU(uint teid, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? new OuterHeaderCreation(GtpUUdpIPv6, teid, null, address, 0, 0, 0)
            : new OuterHeaderCreation(GtpUUdpIPv4, teid, address, null, 0, 0, 0);
    }

    internal static OuterHeaderCreation? TryDecode(ReadOnlySpan<byte> v)
    {
        var r = new ValueReader(v);
        if (!r.TryU16(out ushort d))
        {
            return null;
        }
        uint teid = 0, c = 0, s = 0;
        ushort port = 0;
        IPAddress? a4 = null, a6 = null;
        if (((d & (GtpUUdpIPv4 | GtpUUdpIPv6)) != 0 && !r.TryU32(out teid))
            || ((d & (GtpUUdpIPv4 | UdpIPv4 | IPv4Only)) != 0 && !r.TryIPv4(out a4))
            || ((d & (GtpUUdpIPv6 | UdpIPv6 | IPv6Only)) != 0 && !r.TryIPv6(out a6))
            || ((d & (UdpIPv4 | UdpIPv6)) != 0 && !r.TryU16(out port))
            || ((d & CTagFlag) != 0 && !r.TryU24(out c))
            || ((d & STagFlag) != 0 && !r.TryU24(out s)))
        {
            return null;
        }
        return new OuterHeaderCreation(d, teid, a4, a6, port, c, s) { Extra = r.Rest };
    }

    protected override int FieldsLength =>
        2 + (HasTeid ? 4 : 0) + (HasV4 ? 4 : 0) + (HasV6 ? 16 : 0) + (HasPort ? 2 : 0)
        + ((Description & CTagFlag) != 0 ? 3 : 0) + ((Description & STagFlag) != 0 ? 3 : 0);

    protected override void WriteFields(Span<byte> destination)
    {
        var w = new ValueWriter(destination);
        w.U16(Description);
        if (HasTeid)
        {
            w.U32(Teid);
        }
        if (HasV4)
        {
            w.Address(IPv4);
        }
        if (HasV6)
        {
            w.Address(IPv6);
        }
        if (HasPort)
        {
            w.U16(Port);
        }
        if ((Description & CTagFlag) != 0)
        {
            w.U24(CTag);
        }
        if ((Description & STagFlag) != 0)
        {
            w.U24(STag);
        }
    }

    protected override void WriteFieldsJson(Utf8JsonWriter writer)
    {
        writer.WriteString("description", $"0x{Description:x4}");
        if (HasTeid)
        {
            writer.WriteString("teid", $"0x{Teid:x8}");
        }
        FSeid.WriteAddresses(writer, IPv4, IPv6);
        if (HasPort)
        {
            writer.WriteNumber("port", Port);
        }
    }
}

/// <summary>§8.2.64 Outer Header Removal: the description (0 GTP-U/UDP/IPv4, 1 GTP-U/UDP/IPv6, …), then optional GTP-U extension header deletion.</summary>
public sealed class OuterHeaderRemoval(byte description) : PfcpLeaf
{
    public byte Description { get; } = description;

    protected override int FieldsLength => 1;

    protected override void WriteFields(Span<byte> destination) => destination[0] = Description;

    protected override void WriteFieldsJson(Utf8JsonWriter writer)
    {
        writer.WriteNumber("description", Description);
        string? name = Description switch
        {
            0 => "GTP-U/UDP/IPv4",
            1 => "GTP-U/UDP/IPv6",
            2 => "UDP/IPv4",
            3 => "UDP/IPv6",
            4 => "IPv4",
            5 => "IPv6",
            6 => "GTP-U/UDP/IP",
            7 => "VLAN S-TAG",
            8 => "S-TAG and C-TAG",
            _ => null,
        };
        if (name is not null)
        {
            writer.WriteString("removes", name);
        }
    }
}

/// <summary>§8.2.82 User Plane IP Resource Information (removed in Rel-16.3, still sent by deployed UPFs).</summary>
public sealed class UserPlaneIpResourceInformation(byte flags, byte teidRange, IPAddress? ipv4, IPAddress? ipv6, byte[] networkInstance, byte sourceInterface) : PfcpLeaf
{
    public byte Flags { get; } = flags;

    public int TeidRangeIndication => Flags >> 2 & 7;

    public byte TeidRange { get; } = teidRange;

    public IPAddress? IPv4 { get; } = ipv4;

    public IPAddress? IPv6 { get; } = ipv6;

    public byte[] NetworkInstance { get; } = networkInstance;

    public byte SourceInterfaceOctet { get; } = sourceInterface;

    private bool Assoni => (Flags & 0x20) != 0;

    private bool Assosi => (Flags & 0x40) != 0;

    internal static UserPlaneIpResourceInformation? TryDecode(ReadOnlySpan<byte> v)
    {
        var r = new ValueReader(v);
        if (!r.TryU8(out byte f))
        {
            return null;
        }
        byte range = 0, si = 0;
        IPAddress? a4 = null, a6 = null;
        if (((f >> 2 & 7) != 0 && !r.TryU8(out range)) || ((f & 1) != 0 && !r.TryIPv4(out a4)) || ((f & 2) != 0 && !r.TryIPv6(out a6)))
        {
            return null;
        }
        // The Network Instance has no length of its own: it runs to the end, less the Source Interface octet.
        byte[] ni = [];
        if ((f & 0x20) != 0 && !r.TryBytes(r.Remaining - ((f & 0x40) != 0 ? 1 : 0), out ni))
        {
            return null;
        }
        if ((f & 0x40) != 0 && !r.TryU8(out si))
        {
            return null;
        }
        return new UserPlaneIpResourceInformation(f, range, a4, a6, ni, si) { Extra = r.Rest };
    }

    protected override int FieldsLength =>
        1 + (TeidRangeIndication != 0 ? 1 : 0) + ((Flags & 1) != 0 ? 4 : 0) + ((Flags & 2) != 0 ? 16 : 0)
        + (Assoni ? NetworkInstance.Length : 0) + (Assosi ? 1 : 0);

    protected override void WriteFields(Span<byte> destination)
    {
        var w = new ValueWriter(destination);
        w.U8(Flags);
        if (TeidRangeIndication != 0)
        {
            w.U8(TeidRange);
        }
        if ((Flags & 1) != 0)
        {
            w.Address(IPv4);
        }
        if ((Flags & 2) != 0)
        {
            w.Address(IPv6);
        }
        if (Assoni)
        {
            w.Bytes(NetworkInstance);
        }
        if (Assosi)
        {
            w.U8(SourceInterfaceOctet);
        }
    }

    protected override void WriteFieldsJson(Utf8JsonWriter writer)
    {
        writer.WriteNumber("teidRangeIndication", TeidRangeIndication);
        if (TeidRangeIndication != 0)
        {
            writer.WriteNumber("teidRange", TeidRange);
        }
        FSeid.WriteAddresses(writer, IPv4, IPv6);
        if (Assoni)
        {
            writer.WriteString("networkInstance", DnsLabels.Display(NetworkInstance));
        }
        if (Assosi)
        {
            writer.WriteNumber("sourceInterface", SourceInterfaceOctet & 0x0F);
        }
    }
}
