// TS 29.244 §8.2.4 Network Instance, §8.2.6 Application ID, §8.2.103 APN/DNN, §8.2.5 SDF Filter, §8.2.8 MBR, §8.2.9 GBR,
// §8.2.13/§8.2.50/§8.2.44 Volume Threshold/Quota/Measurement, §8.2.33 Downlink Data Service Information; RFC 1035 §3.1 labels.
using System.Text;
using System.Text.Json;

namespace GlassCore.Pfcp;

/// <summary>An IE whose value is an octet string (Network Instance, APN/DNN, Application ID, Forwarding Policy…).</summary>
public sealed class PfcpOctetString(byte[] octets) : PfcpLeaf
{
    public byte[] Octets { get; } = octets ?? throw new ArgumentNullException(nameof(octets));

    /// <summary>The value as text: DNS labels are joined with dots (TS 23.003 §9.1 encodes DNNs and Network Instances that way), else UTF-8.</summary>
    public string Text => DnsLabels.Display(Octets);

    public static PfcpOctetString Labels(string dotted) => new(DnsLabels.Encode(dotted));

    protected override int FieldsLength => Octets.Length;

    protected override void WriteFields(Span<byte> destination) => Octets.CopyTo(destination);

    protected override void WriteFieldsJson(Utf8JsonWriter writer) => writer.WriteString("text", Text);
}

/// <summary>DNS label encoding of names (RFC 1035 §3.1 without the root label, as TS 29.244 §8.2.38 and TS 23.003 §9.1 use it).</summary>
public static class DnsLabels
{
    public static byte[] Encode(string dotted)
    {
        ArgumentNullException.ThrowIfNull(dotted);
        var bytes = new List<byte>();
        foreach (string label in dotted.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            byte[] l = Encoding.ASCII.GetBytes(label);
            if (l.Length > 63)
            {
                throw new ArgumentException($"DNS label '{label}' is longer than 63 octets");
            }
            bytes.Add((byte)l.Length);
            bytes.AddRange(l);
        }
        return [.. bytes];
    }

    /// <summary>Decodes labels; null if the octets are not a well-formed label sequence.</summary>
    public static string? Decode(ReadOnlySpan<byte> octets)
    {
        var sb = new StringBuilder();
        int i = 0;
        while (i < octets.Length)
        {
            int n = octets[i];
            if (n == 0 && i == octets.Length - 1)
            {
                break;
            }
            if (n == 0 || n > 63 || i + 1 + n > octets.Length)
            {
                return null;
            }
            foreach (byte b in octets.Slice(i + 1, n))
            {
                if (b < 0x21 || b > 0x7E)
                {
                    return null;
                }
            }
            if (sb.Length > 0)
            {
                sb.Append('.');
            }
            sb.Append(Encoding.ASCII.GetString(octets.Slice(i + 1, n)));
            i += 1 + n;
        }
        return octets.IsEmpty ? "" : sb.ToString();
    }

    /// <summary>Labels if they parse, else the octets as UTF-8 (some peers send plain text).</summary>
    public static string Display(ReadOnlySpan<byte> octets) => Decode(octets) ?? Encoding.UTF8.GetString(octets);
}

/// <summary>§8.2.5 SDF Filter: flags FD, TTC, SPI, FL, BID; then the fields they announce.</summary>
public sealed class SdfFilter(byte flags, byte spare, byte[]? flowDescription, ushort tosTrafficClass, uint securityParameterIndex, uint flowLabel, uint filterId) : PfcpLeaf
{
    public byte Flags { get; } = flags;

    public byte SpareOctet { get; } = spare;

    /// <summary>The flow description (IPFilterRule of RFC 6733 §4.4, e.g. "permit out ip from any to assigned").</summary>
    public byte[]? FlowDescription { get; } = flowDescription;

    public ushort TosTrafficClass { get; } = tosTrafficClass;

    public uint SecurityParameterIndex { get; } = securityParameterIndex;

    public uint FlowLabel { get; } = flowLabel;

    public uint FilterId { get; } = filterId;

    public static SdfFilter Of(string flowDescription, uint? filterId = null) =>
        new((byte)(1 | (filterId is null ? 0 : 0x10)), 0, Encoding.ASCII.GetBytes(flowDescription), 0, 0, 0, filterId ?? 0);

    internal static SdfFilter? TryDecode(ReadOnlySpan<byte> v)
    {
        var r = new ValueReader(v);
        if (!r.TryU8(out byte f) || !r.TryU8(out byte spare))
        {
            return null;
        }
        byte[]? fd = null;
        ushort ttc = 0;
        uint spi = 0, fl = 0, bid = 0;
        if ((f & 1) != 0 && (!r.TryU16(out ushort len) || !r.TryBytes(len, out fd)))
        {
            return null;
        }
        if (((f & 2) != 0 && !r.TryU16(out ttc)) || ((f & 4) != 0 && !r.TryU32(out spi))
            || ((f & 8) != 0 && !r.TryU24(out fl)) || ((f & 0x10) != 0 && !r.TryU32(out bid)))
        {
            return null;
        }
        return new SdfFilter(f, spare, fd, ttc, spi, fl, bid) { Extra = r.Rest };
    }

    protected override int FieldsLength =>
        2 + ((Flags & 1) != 0 ? 2 + (FlowDescription?.Length ?? 0) : 0) + ((Flags & 2) != 0 ? 2 : 0)
        + ((Flags & 4) != 0 ? 4 : 0) + ((Flags & 8) != 0 ? 3 : 0) + ((Flags & 0x10) != 0 ? 4 : 0);

    protected override void WriteFields(Span<byte> destination)
    {
        var w = new ValueWriter(destination);
        w.U8(Flags);
        w.U8(SpareOctet);
        if ((Flags & 1) != 0)
        {
            w.U16((ushort)(FlowDescription?.Length ?? 0));
            w.Bytes(FlowDescription);
        }
        if ((Flags & 2) != 0)
        {
            w.U16(TosTrafficClass);
        }
        if ((Flags & 4) != 0)
        {
            w.U32(SecurityParameterIndex);
        }
        if ((Flags & 8) != 0)
        {
            w.U24(FlowLabel);
        }
        if ((Flags & 0x10) != 0)
        {
            w.U32(FilterId);
        }
    }

    protected override void WriteFieldsJson(Utf8JsonWriter writer)
    {
        if (FlowDescription is not null)
        {
            writer.WriteString("flowDescription", Encoding.ASCII.GetString(FlowDescription));
        }
        if ((Flags & 2) != 0)
        {
            writer.WriteNumber("tosTrafficClass", TosTrafficClass);
        }
        if ((Flags & 4) != 0)
        {
            writer.WriteNumber("securityParameterIndex", SecurityParameterIndex);
        }
        if ((Flags & 8) != 0)
        {
            writer.WriteNumber("flowLabel", FlowLabel);
        }
        if ((Flags & 0x10) != 0)
        {
            writer.WriteNumber("sdfFilterId", FilterId);
        }
    }
}

/// <summary>§8.2.8 MBR / §8.2.9 GBR: uplink and downlink bit rates in kbit/s, 5 octets each.</summary>
public sealed class BitRate(ulong uplinkKbps, ulong downlinkKbps) : PfcpLeaf
{
    public ulong UplinkKbps { get; } = uplinkKbps;

    public ulong DownlinkKbps { get; } = downlinkKbps;

    internal static BitRate? TryDecode(ReadOnlySpan<byte> v)
    {
        var r = new ValueReader(v);
        return r.TryU40(out ulong ul) && r.TryU40(out ulong dl) ? new BitRate(ul, dl) { Extra = r.Rest } : null;
    }

    protected override int FieldsLength => 10;

    protected override void WriteFields(Span<byte> destination)
    {
        var w = new ValueWriter(destination);
        w.U40(UplinkKbps);
        w.U40(DownlinkKbps);
    }

    protected override void WriteFieldsJson(Utf8JsonWriter writer)
    {
        writer.WriteNumber("ulKbps", UplinkKbps);
        writer.WriteNumber("dlKbps", DownlinkKbps);
    }
}

/// <summary>Volume Threshold (§8.2.13), Volume Quota (§8.2.50), Volume Measurement (§8.2.44): flags, then 8-octet counters.</summary>
public sealed class Volume(byte flags, ulong total, ulong uplink, ulong downlink, ulong totalPackets, ulong uplinkPackets, ulong downlinkPackets) : PfcpLeaf
{
    public byte Flags { get; } = flags;

    public ulong Total { get; } = total;

    public ulong Uplink { get; } = uplink;

    public ulong Downlink { get; } = downlink;

    /// <summary>Packet counts (Volume Measurement only: TONOP, ULNOP, DLNOP).</summary>
    public ulong TotalPackets { get; } = totalPackets;

    public ulong UplinkPackets { get; } = uplinkPackets;

    public ulong DownlinkPackets { get; } = downlinkPackets;

    public static Volume Of(ulong? total = null, ulong? uplink = null, ulong? downlink = null) =>
        new((byte)((total is null ? 0 : 1) | (uplink is null ? 0 : 2) | (downlink is null ? 0 : 4)), total ?? 0, uplink ?? 0, downlink ?? 0, 0, 0, 0);

    internal static Volume? TryDecode(ReadOnlySpan<byte> v)
    {
        var r = new ValueReader(v);
        if (!r.TryU8(out byte f))
        {
            return null;
        }
        ulong t = 0, u = 0, d = 0, tp = 0, up = 0, dp = 0;
        if (((f & 1) != 0 && !r.TryU64(out t)) || ((f & 2) != 0 && !r.TryU64(out u)) || ((f & 4) != 0 && !r.TryU64(out d))
            || ((f & 8) != 0 && !r.TryU64(out tp)) || ((f & 0x10) != 0 && !r.TryU64(out up)) || ((f & 0x20) != 0 && !r.TryU64(out dp)))
        {
            return null;
        }
        return new Volume(f, t, u, d, tp, up, dp) { Extra = r.Rest };
    }

    protected override int FieldsLength => 1 + 8 * System.Numerics.BitOperations.PopCount((uint)(Flags & 0x3F));

    protected override void WriteFields(Span<byte> destination)
    {
        var w = new ValueWriter(destination);
        w.U8(Flags);
        ReadOnlySpan<ulong> values = [Total, Uplink, Downlink, TotalPackets, UplinkPackets, DownlinkPackets];
        for (int i = 0; i < 6; i++)
        {
            if ((Flags & (1 << i)) != 0)
            {
                w.U64(values[i]);
            }
        }
    }

    protected override void WriteFieldsJson(Utf8JsonWriter writer)
    {
        ReadOnlySpan<ulong> values = [Total, Uplink, Downlink, TotalPackets, UplinkPackets, DownlinkPackets];
        string[] names = ["totalVolume", "uplinkVolume", "downlinkVolume", "totalPackets", "uplinkPackets", "downlinkPackets"];
        for (int i = 0; i < 6; i++)
        {
            if ((Flags & (1 << i)) != 0)
            {
                writer.WriteNumber(names[i], values[i]);
            }
        }
    }
}

/// <summary>§8.2.33 Downlink Data Service Information: PPI and QFI, each announced by a flag.</summary>
public sealed class DownlinkDataServiceInformation(byte flags, byte ppi, byte qfi) : PfcpLeaf
{
    public byte Flags { get; } = flags;

    public byte PagingPolicyIndication { get; } = ppi;

    public byte QfiOctet { get; } = qfi;

    internal static DownlinkDataServiceInformation? TryDecode(ReadOnlySpan<byte> v)
    {
        var r = new ValueReader(v);
        byte ppi = 0, qfi = 0;
        if (!r.TryU8(out byte f) || ((f & 1) != 0 && !r.TryU8(out ppi)) || ((f & 2) != 0 && !r.TryU8(out qfi)))
        {
            return null;
        }
        return new DownlinkDataServiceInformation(f, ppi, qfi) { Extra = r.Rest };
    }

    protected override int FieldsLength => 1 + ((Flags & 1) != 0 ? 1 : 0) + ((Flags & 2) != 0 ? 1 : 0);

    protected override void WriteFields(Span<byte> destination)
    {
        var w = new ValueWriter(destination);
        w.U8(Flags);
        if ((Flags & 1) != 0)
        {
            w.U8(PagingPolicyIndication);
        }
        if ((Flags & 2) != 0)
        {
            w.U8(QfiOctet);
        }
    }

    protected override void WriteFieldsJson(Utf8JsonWriter writer)
    {
        if ((Flags & 1) != 0)
        {
            writer.WriteNumber("ppi", PagingPolicyIndication & 0x3F);
        }
        if ((Flags & 2) != 0)
        {
            writer.WriteNumber("qfi", QfiOctet & 0x3F);
        }
    }
}
