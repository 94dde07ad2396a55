// Tools JSON for PFCP: each IE with its TS 29.244 name, decoded fields and raw value octets; and the reverse, for the encoder.
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace GlassCore.Pfcp;

public static class PfcpJson
{
    public static void WriteIe(Utf8JsonWriter writer, PfcpIe ie)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(ie);
        writer.WriteStartObject();
        writer.WriteNumber("type", ie.Type);
        writer.WriteString("name", ie.Name);
        if (ie.IsVendorSpecific)
        {
            writer.WriteNumber("enterpriseId", ie.EnterpriseId);
        }
        writer.WriteNumber("length", ie.Value.Length);
        if (ie.Value is not PfcpGroup)
        {
            var raw = new byte[ie.Value.Length];
            ie.Value.Write(raw);
            writer.WriteString("raw", Convert.ToHexStringLower(raw));
        }
        ie.Value.WriteJson(writer);
        writer.WriteEndObject();
    }

    /// <summary>Builds a message from the JSON shape <see cref="PfcpMessage.WriteJson"/> prints (messageType, seid, sequenceNumber, ies).
    /// Each IE gives "raw" hex, or "ies" for a grouped IE, or the decoded fields the decoder prints.</summary>
    /// <exception cref="ArgumentException">The JSON does not describe a message.</exception>
    public static PfcpMessage ReadMessage(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("a PFCP message must be a JSON object");
        }
        PfcpMessageType type;
        if (json.TryGetProperty("messageType", out JsonElement t))
        {
            type = (PfcpMessageType)checked((byte)t.GetInt32());
        }
        else if (json.TryGetProperty("messageName", out JsonElement n)
            && Enumerable.Range(1, 99).Select(i => (PfcpMessageType)i).FirstOrDefault(m => PfcpMessageTypes.Name(m).Equals(n.GetString(), StringComparison.OrdinalIgnoreCase)) is var named && named != 0)
        {
            type = named;
        }
        else
        {
            throw new ArgumentException("messageType (number) or messageName is required");
        }
        PfcpMessage m = PfcpMessage.Create(type);
        if (json.TryGetProperty("seid", out JsonElement seid))
        {
            m.Seid = ReadUInt64(seid, "seid");
            m.FlagsOctet |= 1;
        }
        if (json.TryGetProperty("sequenceNumber", out JsonElement seq))
        {
            m.SequenceNumber = checked((uint)ReadUInt64(seq, "sequenceNumber"));
        }
        if (json.TryGetProperty("messagePriority", out JsonElement prio))
        {
            m.FlagsOctet |= 2;
            m.PriorityOctet = (byte)(checked((byte)prio.GetInt32()) << 4);
        }
        ReadIes(json, m, 0);
        return m;
    }

    private static void ReadIes(JsonElement json, PfcpIeContainer container, int depth)
    {
        if (!json.TryGetProperty("ies", out JsonElement ies))
        {
            return;
        }
        if (depth > PfcpIeCodec.MaxDepth)
        {
            throw new ArgumentException("grouped IEs nested too deeply");
        }
        foreach (JsonElement ie in ies.EnumerateArray())
        {
            container.Add(ReadIe(ie, depth));
        }
    }

    private static PfcpIe ReadIe(JsonElement ie, int depth)
    {
        ushort type;
        if (ie.TryGetProperty("type", out JsonElement t))
        {
            type = checked((ushort)t.GetInt32());
        }
        else if (ie.TryGetProperty("name", out JsonElement n) && PfcpIeNames.TryParse(n.GetString() ?? "", out type))
        {
        }
        else
        {
            throw new ArgumentException("each IE needs a type number or a TS 29.244 IE name");
        }
        ushort enterprise = ie.TryGetProperty("enterpriseId", out JsonElement e) ? checked((ushort)e.GetInt32()) : (ushort)0;
        IPfcpIeValue value;
        if (ie.TryGetProperty("raw", out JsonElement raw))
        {
            byte[] octets = Convert.FromHexString(raw.GetString() ?? "");
            if (type < 0x8000 && !PfcpIeCodec.IsGrouped(type))
            {
                if (!PfcpIeCodec.TryDecodeValue(type, octets, 0, 0, true, out value, out PfcpDecodeError error))
                {
                    throw new ArgumentException($"IE {PfcpIeNames.Get(type)}: {error.Reason}");
                }
            }
            else
            {
                value = new RawIe(octets);
            }
        }
        else if (PfcpIeCodec.IsGrouped(type))
        {
            // Decode an empty group of this type to get its typed class, then fill it.
            PfcpIeCodec.TryDecodeValue(type, [], 0, 0, false, out value, out _);
            ReadIes(ie, (PfcpGroup)value, depth + 1);
        }
        else
        {
            value = ReadLeaf(type, ie);
        }
        return new PfcpIe(type, value, enterprise);
    }

    private static PfcpLeaf ReadLeaf(ushort type, JsonElement ie)
    {
        switch (type)
        {
            case PfcpIeType.NodeId:
                if (Str(ie, "fqdn") is string fqdn)
                {
                    return NodeId.FromFqdn(fqdn);
                }
                return NodeId.FromAddress(Ip(ie, "ipv4") ?? Ip(ie, "ipv6") ?? throw Missing(type, "ipv4, ipv6 or fqdn"));
            case PfcpIeType.FSeid:
                return new FSeid(ReadUInt64(Req(ie, type, "seid"), "seid"), Ip(ie, "ipv4"), Ip(ie, "ipv6"));
            case PfcpIeType.FTeid:
                if (Bool(ie, "choose"))
                {
                    return FTeid.ChooseOf(Bool(ie, "v4"), Bool(ie, "v6"), ie.TryGetProperty("chooseId", out JsonElement cid) ? checked((byte)cid.GetInt32()) : null);
                }
                return FTeid.Of(checked((uint)ReadUInt64(Req(ie, type, "teid"), "teid")), Ip(ie, "ipv4"), Ip(ie, "ipv6"));
            case PfcpIeType.UeIpAddress:
                return UeIpAddress.Of(Ip(ie, "ipv4"), Ip(ie, "ipv6"), Str(ie, "sd") == "destination");
            case PfcpIeType.OuterHeaderCreation:
                {
                    ushort description = ie.TryGetProperty("description", out JsonElement d) ? checked((ushort)ReadUInt64(d, "description")) : (ushort)0;
                    IPAddress? v4 = Ip(ie, "ipv4"), v6 = Ip(ie, "ipv6");
                    if (description == 0)
                    {
                        description = v6 is not null && v4 is null ? OuterHeaderCreation.GtpUUdpIPv6 : OuterHeaderCreation.GtpUUdpIPv4;
                    }
                    uint teid = ie.TryGetProperty("teid", out JsonElement te) ? checked((uint)ReadUInt64(te, "teid")) : 0;
                    ushort port = ie.TryGetProperty("port", out JsonElement p) ? checked((ushort)p.GetInt32()) : (ushort)0;
                    var ohc = new OuterHeaderCreation(description, teid, v4, v6, port, 0, 0);
                    if ((description & (OuterHeaderCreation.CTagFlag | OuterHeaderCreation.STagFlag)) != 0)
                    {
                        throw new ArgumentException("Outer Header Creation with C-TAG/S-TAG: give it as raw");
                    }
                    return ohc;
                }
            case PfcpIeType.OuterHeaderRemoval:
                return new OuterHeaderRemoval(checked((byte)Req(ie, type, "description").GetInt32()));
            case PfcpIeType.GateStatus:
                return new GateStatus(Str(ie, "ulGate") != "CLOSED", Str(ie, "dlGate") != "CLOSED");
            case PfcpIeType.Timer or PfcpIeType.GracefulReleasePeriod:
                return new PfcpTimer((byte)(checked((byte)Req(ie, type, "unit").GetInt32()) << 5 | (checked((byte)Req(ie, type, "value").GetInt32()) & 0x1F)));
            case PfcpIeType.SdfFilter:
                {
                    string? fd = Str(ie, "flowDescription");
                    uint? id = ie.TryGetProperty("sdfFilterId", out JsonElement fid) ? fid.GetUInt32() : null;
                    return new SdfFilter((byte)((fd is null ? 0 : 1) | (id is null ? 0 : 0x10)), 0, fd is null ? null : Encoding.ASCII.GetBytes(fd), 0, 0, 0, id ?? 0);
                }
            case PfcpIeType.Mbr or PfcpIeType.Gbr:
                return new BitRate(ReadUInt64(Req(ie, type, "ulKbps"), "ulKbps"), ReadUInt64(Req(ie, type, "dlKbps"), "dlKbps"));
            case PfcpIeType.VolumeThreshold or PfcpIeType.VolumeQuota or PfcpIeType.VolumeMeasurement
                or PfcpIeType.SubsequentVolumeThreshold or PfcpIeType.SubsequentVolumeQuota:
                return Volume.Of(OptU64(ie, "totalVolume"), OptU64(ie, "uplinkVolume"), OptU64(ie, "downlinkVolume"));
            case PfcpIeType.NetworkInstance or PfcpIeType.ApnDnn:
                return PfcpOctetString.Labels(Str(ie, "text") ?? throw Missing(type, "text"));
            case PfcpIeType.ApplicationId or PfcpIeType.ForwardingPolicy or PfcpIeType.ApplicationInstanceId or PfcpIeType.FlowInformation
                or PfcpIeType.UeIpAddressPoolIdentity:
                return new PfcpOctetString(Encoding.UTF8.GetBytes(Str(ie, "text") ?? throw Missing(type, "text")));
            default:
                break;
        }
        if (PfcpFlagsIe.FlagNames(type) is not null)
        {
            int minimum = type == PfcpIeType.ApplyAction ? 2 : 1; // Rel-16 Apply Action is two octets (interop notes)
            byte[] octets = PfcpFlagsIe.OctetsFromNames(type, Req(ie, type, "flags").EnumerateArray().Select(f => f.GetString() ?? ""), minimum);
            if (!PfcpIeCodec.TryDecodeValue(type, octets, 0, 0, true, out IPfcpIeValue flags, out _))
            {
                throw new ArgumentException($"IE {PfcpIeNames.Get(type)}: bad flags");
            }
            return (PfcpLeaf)flags;
        }
        // Single-number IEs: encode the value at the IE's width by letting the decoder pick the class.
        ulong v = ReadUInt64(Req(ie, type, "value"), "value");
        for (int width = 1; width <= 4; width *= 2)
        {
            var octets = new byte[width];
            for (int i = 0; i < width; i++)
            {
                octets[i] = (byte)(v >> (8 * (width - 1 - i)));
            }
            if (PfcpIeCodec.TryDecodeValue(type, octets, 0, 0, true, out IPfcpIeValue leaf, out _) && leaf is PfcpLeaf l
                && l.Extra.Length == 0 && (width == 4 || v >> (8 * width) == 0))
            {
                return l;
            }
        }
        throw new ArgumentException($"IE {PfcpIeNames.Get(type)}: give it as raw hex");
    }

    private static JsonElement Req(JsonElement ie, ushort type, string name) =>
        ie.TryGetProperty(name, out JsonElement v) ? v : throw Missing(type, name);

    private static ArgumentException Missing(ushort type, string name) => new($"IE {PfcpIeNames.Get(type)}: '{name}' is required");

    private static string? Str(JsonElement ie, string name) => ie.TryGetProperty(name, out JsonElement v) ? v.GetString() : null;

    private static bool Bool(JsonElement ie, string name) => ie.TryGetProperty(name, out JsonElement v) && v.GetBoolean();

    private static IPAddress? Ip(JsonElement ie, string name) => Str(ie, name) is string s ? IPAddress.Parse(s) : null;

    private static ulong? OptU64(JsonElement ie, string name) => ie.TryGetProperty(name, out JsonElement v) ? ReadUInt64(v, name) : null;

    /// <summary>A number, or a string in decimal or 0x-hex (SEIDs and TEIDs are printed as hex).</summary>
    private static ulong ReadUInt64(JsonElement v, string name)
    {
        if (v.ValueKind == JsonValueKind.Number)
        {
            return v.GetUInt64();
        }
        string s = v.GetString() ?? throw new ArgumentException($"{name}: a number is required");
        return s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.Parse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : ulong.Parse(s, CultureInfo.InvariantCulture);
    }
}
