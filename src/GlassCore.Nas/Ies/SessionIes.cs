// TS 24.501 §9.11.4 5GS session management IEs: QoS rules, QoS flow descriptions, session-AMBR, PDU address, DNN, extended PCO.
using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace GlassCore.Nas.Ies;

/// <summary>§9.11.4.13 rule operation codes.</summary>
public enum QosRuleOperation : byte
{
    CreateNewQosRule = 1,
    DeleteExistingQosRule = 2,
    ModifyAndAddPacketFilters = 3,
    ModifyAndReplaceAllPacketFilters = 4,
    ModifyAndDeletePacketFilters = 5,
    ModifyWithoutModifyingPacketFilters = 6,
}

/// <summary>A packet filter of a QoS rule: direction (bits 5-6: 1 DL, 2 UL, 3 both), identifier and the component octets.</summary>
public readonly record struct PacketFilter(byte Direction, byte Identifier, ReadOnlyMemory<byte> Contents)
{
    /// <summary>The components (type, value) of the contents (table 9.11.4.13.1).</summary>
    public PacketFilterComponent[] Components()
    {
        var list = new List<PacketFilterComponent>();
        var v = Contents.Span;
        int pos = 0;
        while (pos < v.Length)
        {
            int len = PacketFilterComponent.ValueLength(v[pos]);
            if (len < 0 || pos + 1 + len > v.Length)
            {
                list.Add(new PacketFilterComponent(v[pos], Contents[(pos + 1)..]));
                break;
            }
            list.Add(new PacketFilterComponent(v[pos], Contents.Slice(pos + 1, len)));
            pos += 1 + len;
        }
        return [.. list];
    }
}

/// <summary>A packet filter component: type identifier and value (table 9.11.4.13.1).</summary>
public readonly record struct PacketFilterComponent(byte Type, ReadOnlyMemory<byte> Value)
{
    public const byte MatchAll = 0x01;
    public const byte Ipv4RemoteAddress = 0x10;
    public const byte Ipv4LocalAddress = 0x11;
    public const byte Ipv6RemoteAddressPrefixLength = 0x21;
    public const byte Ipv6LocalAddressPrefixLength = 0x23;
    public const byte ProtocolIdentifierNextHeader = 0x30;
    public const byte SingleLocalPort = 0x40;
    public const byte LocalPortRange = 0x41;
    public const byte SingleRemotePort = 0x50;
    public const byte RemotePortRange = 0x51;
    public const byte SecurityParameterIndex = 0x60;
    public const byte TypeOfServiceTrafficClass = 0x70;
    public const byte FlowLabel = 0x80;
    public const byte DestinationMacAddress = 0x81;
    public const byte SourceMacAddress = 0x82;
    public const byte CTagVid = 0x83;
    public const byte STagVid = 0x84;
    public const byte CTagPcpDei = 0x85;
    public const byte STagPcpDei = 0x86;
    public const byte Ethertype = 0x87;
    public const byte DestinationMacAddressRange = 0x88;
    public const byte SourceMacAddressRange = 0x89;

    /// <summary>Value octets after the type identifier, or -1 for a type this table does not define.</summary>
    public static int ValueLength(byte type) => type switch
    {
        MatchAll => 0,
        Ipv4RemoteAddress or Ipv4LocalAddress => 8,
        Ipv6RemoteAddressPrefixLength or Ipv6LocalAddressPrefixLength => 17,
        ProtocolIdentifierNextHeader => 1,
        SingleLocalPort or SingleRemotePort => 2,
        LocalPortRange or RemotePortRange => 4,
        SecurityParameterIndex => 4,
        TypeOfServiceTrafficClass => 2,
        FlowLabel => 3,
        DestinationMacAddress or SourceMacAddress => 6,
        CTagVid or STagVid => 2,
        CTagPcpDei or STagPcpDei => 1,
        Ethertype => 2,
        DestinationMacAddressRange or SourceMacAddressRange => 12,
        _ => -1,
    };
}

/// <summary>One QoS rule (figure 9.11.4.13.2).</summary>
public sealed record QosRule(byte Identifier, QosRuleOperation Operation, bool DefaultQosRule, PacketFilter[] PacketFilters, byte? Precedence, bool Segregation, byte? Qfi)
{
    /// <summary>Packet filter identifiers only, for "modify existing QoS rule and delete packet filters".</summary>
    public bool FiltersAreIdentifiersOnly => Operation == QosRuleOperation.ModifyAndDeletePacketFilters;
}

/// <summary>§9.11.4.13 QoS rules: QRI, 2-octet length, rule contents; repeated.</summary>
public readonly struct QosRules(ReadOnlyMemory<byte> value) : INasIe<QosRules>
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    public static QosRules FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);

    public QosRule[] ToArray()
    {
        var list = new List<QosRule>();
        var v = Value.Span;
        int pos = 0;
        while (pos + 3 <= v.Length)
        {
            int len = v[pos + 1] << 8 | v[pos + 2];
            list.Add(ParseRule(v[pos], Value.Slice(pos + 3, len)));
            pos += 3 + len;
        }
        return [.. list];
    }

    private static QosRule ParseRule(byte qri, ReadOnlyMemory<byte> m)
    {
        var r = m.Span;
        var op = (QosRuleOperation)(r[0] >> 5);
        bool dqr = (r[0] & 0x10) != 0;
        int n = r[0] & 0x0F;
        var filters = new PacketFilter[n];
        int pos = 1;
        for (int i = 0; i < n; i++)
        {
            if (op == QosRuleOperation.ModifyAndDeletePacketFilters)
            {
                filters[i] = new PacketFilter(0, (byte)(r[pos] & 0x0F), default);
                pos++;
            }
            else
            {
                int cl = r[pos + 1];
                filters[i] = new PacketFilter((byte)((r[pos] >> 4) & 0x03), (byte)(r[pos] & 0x0F), m.Slice(pos + 2, cl));
                pos += 2 + cl;
            }
        }
        byte? precedence = null, qfi = null;
        bool segregation = false;
        if (pos + 2 <= r.Length)
        {
            precedence = r[pos];
            segregation = (r[pos + 1] & 0x40) != 0;
            qfi = (byte)(r[pos + 1] & 0x3F);
        }
        return new QosRule(qri, op, dqr, filters, precedence, segregation, qfi);
    }

    public static QosRules Create(ReadOnlySpan<QosRule> rules)
    {
        var b = new List<byte>();
        foreach (var rule in rules)
        {
            ArgumentNullException.ThrowIfNull(rule);
            b.Add(rule.Identifier);
            int lenAt = b.Count;
            b.Add(0);
            b.Add(0);
            b.Add((byte)((byte)rule.Operation << 5 | (rule.DefaultQosRule ? 0x10 : 0) | rule.PacketFilters.Length & 0x0F));
            foreach (var f in rule.PacketFilters)
            {
                if (rule.FiltersAreIdentifiersOnly)
                {
                    b.Add((byte)(f.Identifier & 0x0F));
                    continue;
                }
                b.Add((byte)((f.Direction & 0x03) << 4 | f.Identifier & 0x0F));
                b.Add((byte)f.Contents.Length);
                b.AddRange(f.Contents.Span);
            }
            if (rule.Precedence is byte p)
            {
                b.Add(p);
                b.Add((byte)((rule.Segregation ? 0x40 : 0) | (rule.Qfi ?? 0) & 0x3F));
            }
            int len = b.Count - lenAt - 2;
            b[lenAt] = (byte)(len >> 8);
            b[lenAt + 1] = (byte)len;
        }
        return new(b.ToArray());
    }

    internal static bool IsValid(ReadOnlySpan<byte> v)
    {
        int pos = 0;
        while (pos < v.Length)
        {
            if (pos + 3 > v.Length)
            {
                return false;
            }
            int len = v[pos + 1] << 8 | v[pos + 2];
            if (len < 1 || pos + 3 + len > v.Length || !IsValidRule(v.Slice(pos + 3, len)))
            {
                return false;
            }
            pos += 3 + len;
        }
        return v.Length > 0;
    }

    private static bool IsValidRule(ReadOnlySpan<byte> r)
    {
        int op = r[0] >> 5;
        if (op is 0 or 7)
        {
            return false;
        }
        int n = r[0] & 0x0F;
        int pos = 1;
        for (int i = 0; i < n; i++)
        {
            if (op == (int)QosRuleOperation.ModifyAndDeletePacketFilters)
            {
                if (pos + 1 > r.Length)
                {
                    return false;
                }
                pos++;
                continue;
            }
            if (pos + 2 > r.Length || pos + 2 + r[pos + 1] > r.Length)
            {
                return false;
            }
            pos += 2 + r[pos + 1];
        }
        int rest = r.Length - pos;
        return rest is 0 or 2;
    }
}

/// <summary>One QoS flow description (figure 9.11.4.12.2) with its parameters (identifier, contents).</summary>
public sealed record QosFlowDescription(byte Qfi, byte OperationCode, bool E, QosFlowParameter[] Parameters);

/// <summary>A QoS flow parameter (table 9.11.4.12.1): 1 5QI, 2/3 GFBR UL/DL, 4/5 MFBR UL/DL, 6 averaging window, 7 EPS bearer identity.</summary>
public readonly record struct QosFlowParameter(byte Identifier, ReadOnlyMemory<byte> Contents)
{
    public const byte FiveQi = 1;
    public const byte GfbrUplink = 2;
    public const byte GfbrDownlink = 3;
    public const byte MfbrUplink = 4;
    public const byte MfbrDownlink = 5;
    public const byte AveragingWindow = 6;
    public const byte EpsBearerIdentity = 7;
}

/// <summary>§9.11.4.12 QoS flow descriptions.</summary>
public readonly struct QosFlowDescriptions(ReadOnlyMemory<byte> value) : INasIe<QosFlowDescriptions>
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    public static QosFlowDescriptions FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);

    public QosFlowDescription[] ToArray()
    {
        var list = new List<QosFlowDescription>();
        var v = Value.Span;
        int pos = 0;
        while (pos + 3 <= v.Length)
        {
            int n = v[pos + 2] & 0x3F;
            var ps = new QosFlowParameter[n];
            int p = pos + 3;
            for (int i = 0; i < n; i++)
            {
                ps[i] = new QosFlowParameter(v[p], Value.Slice(p + 2, v[p + 1]));
                p += 2 + v[p + 1];
            }
            list.Add(new QosFlowDescription((byte)(v[pos] & 0x3F), (byte)(v[pos + 1] >> 5), (v[pos + 2] & 0x40) != 0, ps));
            pos = p;
        }
        return [.. list];
    }

    public static QosFlowDescriptions Create(ReadOnlySpan<QosFlowDescription> flows)
    {
        var b = new List<byte>();
        foreach (var f in flows)
        {
            ArgumentNullException.ThrowIfNull(f);
            b.Add((byte)(f.Qfi & 0x3F));
            b.Add((byte)(f.OperationCode << 5));
            b.Add((byte)((f.E ? 0x40 : 0) | f.Parameters.Length & 0x3F));
            foreach (var p in f.Parameters)
            {
                b.Add(p.Identifier);
                b.Add((byte)p.Contents.Length);
                b.AddRange(p.Contents.Span);
            }
        }
        return new(b.ToArray());
    }

    internal static bool IsValid(ReadOnlySpan<byte> v)
    {
        int pos = 0;
        while (pos < v.Length)
        {
            if (pos + 3 > v.Length)
            {
                return false;
            }
            int n = v[pos + 2] & 0x3F;
            int p = pos + 3;
            for (int i = 0; i < n; i++)
            {
                if (p + 2 > v.Length || p + 2 + v[p + 1] > v.Length)
                {
                    return false;
                }
                p += 2 + v[p + 1];
            }
            pos = p;
        }
        return v.Length > 0;
    }
}

/// <summary>§9.11.4.14 Session-AMBR: unit and 16-bit value for downlink, then uplink.</summary>
public readonly struct SessionAmbr(ReadOnlyMemory<byte> value) : INasIe<SessionAmbr>
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    public static SessionAmbr FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);

    public byte DownlinkUnit => Value.Span[0];

    public ushort DownlinkValue => BinaryPrimitives.ReadUInt16BigEndian(Value.Span[1..]);

    public byte UplinkUnit => Value.Span[3];

    public ushort UplinkValue => BinaryPrimitives.ReadUInt16BigEndian(Value.Span[4..]);

    public ulong DownlinkBitsPerSecond => ToBitsPerSecond(DownlinkUnit, DownlinkValue);

    public ulong UplinkBitsPerSecond => ToBitsPerSecond(UplinkUnit, UplinkValue);

    /// <summary>Unit n (1 to 25) means value × 4^(n-1) kbps (table 9.11.4.14.1); other units give 0.</summary>
    public static ulong ToBitsPerSecond(byte unit, ushort value) =>
        unit is >= 1 and <= 25 ? value * 1000UL * (1UL << (2 * (unit - 1))) : 0;

    public static SessionAmbr Create(byte downlinkUnit, ushort downlink, byte uplinkUnit, ushort uplink) =>
        new(new[] { downlinkUnit, (byte)(downlink >> 8), (byte)downlink, uplinkUnit, (byte)(uplink >> 8), (byte)uplink });
}

/// <summary>§9.11.4.10 PDU address: PDU session type (bits 1-3), SI6LLA (bit 4), address (IPv4, IPv6 interface identifier, or both), optional link-local address.</summary>
public readonly struct PduAddress(ReadOnlyMemory<byte> value) : INasIe<PduAddress>
{
    public const byte Ipv4 = 1;
    public const byte Ipv6 = 2;
    public const byte Ipv4v6 = 3;

    public ReadOnlyMemory<byte> Value { get; } = value;

    public static PduAddress FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);

    public byte PduSessionType => (byte)(Value.Span[0] & 0x07);

    public bool HasIpv6LinkLocalAddress => (Value.Span[0] & 0x08) != 0;

    public IPAddress? Ipv4Address => PduSessionType switch
    {
        Ipv4 => new IPAddress(Value.Span.Slice(1, 4)),
        Ipv4v6 => new IPAddress(Value.Span.Slice(9, 4)),
        _ => null,
    };

    public ReadOnlyMemory<byte> Ipv6InterfaceIdentifier => PduSessionType is Ipv6 or Ipv4v6 ? Value.Slice(1, 8) : default;

    public static PduAddress CreateIpv4(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var b = new byte[5];
        b[0] = Ipv4;
        if (!address.TryWriteBytes(b.AsSpan(1), out int n) || n != 4)
        {
            throw new ArgumentException("not an IPv4 address", nameof(address));
        }
        return new(b);
    }

    internal static bool IsValid(ReadOnlySpan<byte> v)
    {
        if (v.Length < 1)
        {
            return false;
        }
        int extra = (v[0] & 0x08) != 0 ? 16 : 0;
        return (v[0] & 0x07) switch
        {
            Ipv4 => v.Length >= 5,
            Ipv6 => v.Length >= 9 + extra,
            Ipv4v6 => v.Length >= 13 + extra,
            _ => true,
        };
    }
}

/// <summary>§9.11.2.1B DNN: an APN-style label sequence (TS 23.003 §9.1).</summary>
public readonly struct Dnn(ReadOnlyMemory<byte> value) : INasIe<Dnn>
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    public static Dnn FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);

    public override string ToString()
    {
        var v = Value.Span;
        var sb = new StringBuilder(v.Length);
        int pos = 0;
        while (pos < v.Length)
        {
            int len = v[pos];
            if (pos + 1 + len > v.Length)
            {
                break;
            }
            if (sb.Length > 0)
            {
                sb.Append('.');
            }
            sb.Append(Encoding.ASCII.GetString(v.Slice(pos + 1, len)));
            pos += 1 + len;
        }
        return sb.ToString();
    }

    public static Dnn Create(string dnn)
    {
        ArgumentException.ThrowIfNullOrEmpty(dnn);
        var b = new List<byte>();
        foreach (string label in dnn.Split('.'))
        {
            if (label.Length is 0 or > 63)
            {
                throw new ArgumentException("a DNN label has 1 to 63 characters", nameof(dnn));
            }
            b.Add((byte)label.Length);
            b.AddRange(Encoding.ASCII.GetBytes(label));
        }
        return new(b.ToArray());
    }

    internal static bool IsValid(ReadOnlySpan<byte> v)
    {
        int pos = 0;
        while (pos < v.Length)
        {
            int len = v[pos];
            if (len == 0 || pos + 1 + len > v.Length)
            {
                return false;
            }
            pos += 1 + len;
        }
        return v.Length > 0;
    }
}

/// <summary>A protocol configuration options container (TS 24.008 §10.5.6.3): identifier and contents.</summary>
public readonly record struct PcoContainer(ushort Identifier, ReadOnlyMemory<byte> Contents)
{
    public const ushort PcscfIpv6Address = 0x0001;
    public const ushort DnsServerIpv6Address = 0x0003;
    public const ushort IpAddressAllocationViaNas = 0x000A;
    public const ushort PcscfIpv4Address = 0x000C;
    public const ushort DnsServerIpv4Address = 0x000D;
    public const ushort Ipv4LinkMtu = 0x0010;
    public const ushort Ipcp = 0x8021;
}

/// <summary>§9.11.4.6 extended protocol configuration options (TS 24.008 §10.5.6.3A): configuration protocol octet then containers with 2-octet IDs.</summary>
public readonly struct ExtendedProtocolConfigurationOptions(ReadOnlyMemory<byte> value) : INasIe<ExtendedProtocolConfigurationOptions>
{
    public ReadOnlyMemory<byte> Value { get; } = value;

    public static ExtendedProtocolConfigurationOptions FromSlot(in IeSlot slot) => new(slot.Value);

    public IeSlot ToSlot() => IeSlot.Of(Value);

    public byte ConfigurationProtocol => (byte)(Value.Span[0] & 0x07);

    public PcoContainer[] Containers()
    {
        var v = Value.Span;
        var list = new List<PcoContainer>();
        int pos = 1;
        while (pos + 3 <= v.Length && pos + 3 + v[pos + 2] <= v.Length)
        {
            list.Add(new PcoContainer((ushort)(v[pos] << 8 | v[pos + 1]), Value.Slice(pos + 3, v[pos + 2])));
            pos += 3 + v[pos + 2];
        }
        return [.. list];
    }

    /// <summary>The MTU of an IPv4 link MTU container, or null.</summary>
    public ushort? Ipv4LinkMtu
    {
        get
        {
            foreach (var c in Containers())
            {
                if (c.Identifier == PcoContainer.Ipv4LinkMtu && c.Contents.Length == 2)
                {
                    return BinaryPrimitives.ReadUInt16BigEndian(c.Contents.Span);
                }
            }
            return null;
        }
    }

    public static ExtendedProtocolConfigurationOptions Create(ReadOnlySpan<PcoContainer> containers)
    {
        var b = new List<byte> { 0x80 };
        foreach (var c in containers)
        {
            b.Add((byte)(c.Identifier >> 8));
            b.Add((byte)c.Identifier);
            b.Add((byte)c.Contents.Length);
            b.AddRange(c.Contents.Span);
        }
        return new(b.ToArray());
    }

    internal static bool IsValid(ReadOnlySpan<byte> v)
    {
        if (v.Length < 1)
        {
            return false;
        }
        int pos = 1;
        while (pos < v.Length)
        {
            if (pos + 3 > v.Length || pos + 3 + v[pos + 2] > v.Length)
            {
                return false;
            }
            pos += 3 + v[pos + 2];
        }
        return true;
    }
}
