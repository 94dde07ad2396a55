// TS 24.501 §8 and §9.11 from JSON: the message `glasscore tools nas decode` prints, built back from its decoded values.
using System.Globalization;
using System.Net;
using System.Text.Json;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;

namespace GlassCore.Nas.Json;

public static partial class NasJson
{
    /// <summary>
    /// Builds a plain message from the JSON <see cref="WriteMessage"/> produces. "messageType" (or "name") picks the
    /// message; each entry of "ies" is matched by its TS 24.501 name, and optional IEs are encoded in the order given. Decoded values win: an IE's "value" is encoded
    /// unless its "hex" decodes to exactly that value, in which case the hex is kept (it also carries what the value
    /// does not show: spare bits, the TAI list type, the AMBR unit the sender chose). An IE without a "value" (the ones
    /// carried only as octets) is taken from its "hex"; "unrecognised IE" entries are written back from their full hex.
    /// Throws <see cref="FormatException"/> (or the <see cref="JsonElement"/> accessors' exceptions) for bad input.
    /// </summary>
    public static NasMessage ReadMessage(JsonElement json)
    {
        NasMessage? m = null;
        bool sm = json.TryGetProperty("extendedProtocolDiscriminator", out var epd) && epd.GetString() == "5GSM";
        if (json.TryGetProperty("messageType", out var mt))
        {
            byte type = mt.ValueKind == JsonValueKind.Number ? mt.GetByte() : ParseHexByte(mt.GetString(), "messageType");
            sm |= type >= 0xC0;
            m = sm ? NasMessageRegistry.CreateFiveGsm(type) : NasMessageRegistry.CreateFiveGmm(type);
        }
        else if (json.TryGetProperty("name", out var nameProp))
        {
            string? wanted = nameProp.GetString();
            foreach (var layout in NasMessageRegistry.AllLayouts)
            {
                if (string.Equals(layout.Name, wanted, StringComparison.OrdinalIgnoreCase))
                {
                    m = layout.MessageType >= 0xC0 ? NasMessageRegistry.CreateFiveGsm(layout.MessageType) : NasMessageRegistry.CreateFiveGmm(layout.MessageType);
                    break;
                }
            }
        }
        if (m is null)
        {
            throw new FormatException("the JSON names no message type TS 24.501 defines (\"messageType\" or \"name\")");
        }
        m.KeepSetOrder();
        if (m is FiveGmmMessage mm && json.TryGetProperty("securityHeaderOctet", out var sho))
        {
            mm.SecurityHeaderOctet = sho.GetByte();
        }
        if (m is FiveGsmMessage gsm)
        {
            gsm.PduSessionId = json.TryGetProperty("pduSessionId", out var psi) ? psi.GetByte() : (byte)0;
            gsm.ProcedureTransactionId = json.TryGetProperty("procedureTransactionId", out var pti) ? pti.GetByte() : (byte)0;
        }
        if (json.TryGetProperty("ies", out var ies))
        {
            byte? payloadType = null;
            foreach (var ie in ies.EnumerateArray())
            {
                string name = ie.GetProperty("name").GetString() ?? "";
                if (name == "unrecognised IE")
                {
                    byte[] raw = Convert.FromHexString(ie.GetProperty("hex").GetString() ?? "");
                    if (raw.Length == 0)
                    {
                        throw new FormatException("an unrecognised IE needs its octets in \"hex\"");
                    }
                    m.AddRawIe(new RawIe(raw[0], raw, RawIeReason.Unknown));
                    continue;
                }
                int index = m.Layout.IndexOf(name);
                if (index < 0)
                {
                    throw new FormatException($"{m.Name} has no IE named '{name}'");
                }
                var spec = m.Layout.Ies[index];
                IeSlot slot;
                try
                {
                    slot = ReadIe(spec, ie, payloadType);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException or OverflowException)
                {
                    throw new FormatException($"{m.Name}: IE '{spec.Name}': {e.Message}", e);
                }
                if (spec.Kind == IeKind.PayloadContainerType)
                {
                    payloadType = slot.Nibble;
                }
                m.SetSlot(index, slot);
            }
        }
        return m;
    }

    private static IeSlot ReadIe(IeSpec spec, JsonElement ie, byte? payloadType)
    {
        IeSlot? fromHex = null;
        if (ie.TryGetProperty("hex", out var hexProp))
        {
            string hex = hexProp.GetString() ?? "";
            fromHex = spec.IsHalfOctet ? IeSlot.OfNibble(ParseNibble(hex)) : IeSlot.Of(Convert.FromHexString(hex));
        }
        if (spec.Kind is not (IeKind.Opaque or IeKind.Spare) && ie.TryGetProperty("value", out var value))
        {
            if (fromHex is IeSlot h && SameValue(spec, h, value, payloadType))
            {
                return h;
            }
            return EncodeValue(spec, value, payloadType);
        }
        return fromHex ?? throw new FormatException("neither \"value\" nor \"hex\" given");
    }

    /// <summary>Whether <paramref name="slot"/> decodes to the JSON <paramref name="value"/> (compared as written by <see cref="WriteValue"/>).</summary>
    private static bool SameValue(IeSpec spec, IeSlot slot, JsonElement value, byte? payloadType)
    {
        if (!IeValidation.IsValid(spec, slot))
        {
            return false;
        }
        var fromHex = new System.Buffers.ArrayBufferWriter<byte>(64);
        var given = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var w = new Utf8JsonWriter(fromHex))
        {
            WriteValue(w, spec.Kind, slot, payloadType);
        }
        using (var w = new Utf8JsonWriter(given))
        {
            value.WriteTo(w);
        }
        return fromHex.WrittenSpan.SequenceEqual(given.WrittenSpan);
    }

    /// <summary>The IE value octets (or half octet) for a decoded value in the form <see cref="WriteValue"/> writes.</summary>
    private static IeSlot EncodeValue(IeSpec spec, JsonElement v, byte? payloadType)
    {
        switch (spec.Kind)
        {
            case IeKind.RegistrationType:
                return new FiveGsRegistrationType(Bits(v.GetProperty("type").GetByte(), 7, "type"), v.GetProperty("followOnRequestPending").GetBoolean()).ToSlot();
            case IeKind.NasKeySetIdentifier:
                return new NasKeySetIdentifier(Bits(v.GetProperty("ngKsi").GetByte(), 7, "ngKsi"), v.GetProperty("typeOfSecurityContext").GetString() == "mapped").ToSlot();
            case IeKind.MobileIdentity:
                return EncodeMobileIdentity(v).ToSlot();
            case IeKind.RegistrationResult:
                return FiveGsRegistrationResult.Create(v.GetProperty("result").GetByte(), Flag(v, "smsAllowed"), Flag(v, "nssaaToBePerformed"), Flag(v, "emergencyRegistered")).ToSlot();
            case IeKind.Nssai:
                return Nssai.Create([.. v.EnumerateArray().Select(ReadSNssai)]).ToSlot();
            case IeKind.SNssai:
                return SNssai.Create(ReadSNssai(v)).ToSlot();
            case IeKind.RejectedNssai:
                return RejectedNssai.Create([.. v.EnumerateArray().Select(r => new RejectedSNssai(r.GetProperty("cause").GetByte(), ReadSNssai(r.GetProperty("sNssai"))))]).ToSlot();
            case IeKind.UeSecurityCapability:
                return UeSecurityCapability.Create(Mask(v.GetProperty("5G-EA")), Mask(v.GetProperty("5G-IA")),
                    v.TryGetProperty("EEA", out var eea) ? Mask(eea) : null, v.TryGetProperty("EIA", out var eia) ? Mask(eia) : null).ToSlot();
            case IeKind.TaiList:
                return TaiList.Create([.. v.EnumerateArray().Select(ReadTai)]).ToSlot();
            case IeKind.Tai:
                return TrackingAreaIdentity.Create(ReadTai(v)).ToSlot();
            case IeKind.PduSessionStatus:
                ushort mask = 0;
                foreach (var psi in v.EnumerateArray())
                {
                    int n = psi.GetInt32();
                    mask |= n is >= 0 and < 16 ? (ushort)(1 << n) : throw new FormatException($"PDU session identity {n} is not 0 to 15");
                }
                return PduSessionStatus.Create(mask).ToSlot();
            case IeKind.GprsTimer or IeKind.GprsTimer2 or IeKind.GprsTimer3:
                return GprsTimer.Create(Bits(v.GetProperty("unit").GetByte(), 7, "unit"), Bits(v.GetProperty("value").GetByte(), 31, "value")).ToSlot();
            case IeKind.FiveGmmCause or IeKind.FiveGsmCause or IeKind.PduSessionIdentity or IeKind.Octet:
                return OctetValue.Create(v.GetByte()).ToSlot();
            case IeKind.NasSecurityAlgorithms:
                return NasSecurityAlgorithms.Create(Algorithm(v, "ciphering", "NEA"), Algorithm(v, "integrity", "NIA")).ToSlot();
            case IeKind.QosRules:
                return QosRules.Create([.. v.EnumerateArray().Select(ReadQosRule)]).ToSlot();
            case IeKind.QosFlowDescriptions:
                return QosFlowDescriptions.Create([.. v.EnumerateArray().Select(f => new QosFlowDescription(
                    f.GetProperty("qfi").GetByte(), f.GetProperty("operationCode").GetByte(), f.GetProperty("e").GetBoolean(),
                    [.. f.GetProperty("parameters").EnumerateArray().Select(p => new QosFlowParameter(p.GetProperty("identifier").GetByte(), HexOf(p, "contents")))]))]).ToSlot();
            case IeKind.SessionAmbr:
                var (dlUnit, dl) = AmbrUnit(v.GetProperty("downlinkBitsPerSecond").GetUInt64(), v.TryGetProperty("downlinkUnit", out var du) ? du.GetByte() : null);
                var (ulUnit, ul) = AmbrUnit(v.GetProperty("uplinkBitsPerSecond").GetUInt64(), v.TryGetProperty("uplinkUnit", out var uu) ? uu.GetByte() : null);
                return SessionAmbr.Create(dlUnit, dl, ulUnit, ul).ToSlot();
            case IeKind.PduAddress:
                return EncodePduAddress(v);
            case IeKind.Dnn:
                return Dnn.Create(v.GetString() ?? "").ToSlot();
            case IeKind.ExtendedPco:
                return ExtendedProtocolConfigurationOptions.Create([.. v.EnumerateArray().Select(c => new PcoContainer(
                    ParseHexUInt16(c.GetProperty("containerId").GetString()), HexOf(c, "contents")))]).ToSlot();
            case IeKind.NasMessageContainer:
            case IeKind.PayloadContainer when payloadType == PayloadContainerTypes.N1SmInformation && v.ValueKind == JsonValueKind.Object:
                if (v.TryGetProperty("undecodable", out _))
                {
                    throw new FormatException("the container did not decode as a NAS message; give its octets in \"hex\"");
                }
                return IeSlot.Of(ReadMessage(v).ToArray());
            case IeKind.PayloadContainer when payloadType == PayloadContainerTypes.MultiplePayloads && v.ValueKind == JsonValueKind.Array:
                return IeSlot.Of(EncodeMultiplePayloads(v));
            default:
                if (spec.IsHalfOctet)
                {
                    return IeSlot.OfNibble(Bits(v.GetByte(), 15, "half-octet value"));
                }
                if (v.ValueKind == JsonValueKind.Number)
                {
                    return v.GetByte() == 0 ? IeSlot.Of(Array.Empty<byte>()) : throw new FormatException("give the value octets as a hex string");
                }
                return IeSlot.Of(Convert.FromHexString(v.GetString() ?? ""));
        }
    }

    private static FiveGsMobileIdentity EncodeMobileIdentity(JsonElement v)
    {
        string type = v.GetProperty("typeOfIdentity").GetString() ?? "";
        switch (type)
        {
            case "No identity":
                return FiveGsMobileIdentity.NoIdentity();
            case "SUCI" when v.TryGetProperty("nai", out var nai):
                byte format = v.TryGetProperty("supiFormat", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetByte() : (byte)SupiFormat.NetworkSpecificIdentifier;
                return FiveGsMobileIdentity.FromSuciNai((SupiFormat)Bits(format, 7, "supiFormat"), nai.GetString() ?? "");
            case "SUCI":
                var scheme = (ProtectionSchemeId)Bits(v.GetProperty("protectionSchemeId").GetByte(), 15, "protectionSchemeId");
                byte[] output = scheme == ProtectionSchemeId.NullScheme && v.TryGetProperty("msin", out var msin)
                    ? Bcd.Encode(msin.GetString() ?? "", 0, false)
                    : HexOf(v, "schemeOutput");
                return FiveGsMobileIdentity.FromSuci(new SuciImsi(ReadPlmn(v), v.GetProperty("routingIndicator").GetString() ?? "", scheme,
                    v.GetProperty("homeNetworkPublicKeyId").GetByte(), output));
            case "5G-GUTI":
                return FiveGsMobileIdentity.FromGuti(new FiveGGuti(ReadPlmn(v), v.GetProperty("amfRegionId").GetByte(),
                    Bits(v.GetProperty("amfSetId").GetUInt16(), 1023, "amfSetId"), Bits(v.GetProperty("amfPointer").GetByte(), 63, "amfPointer"), ParseHexUInt32(v.GetProperty("5gTmsi").GetString())));
            case "5G-S-TMSI":
                return FiveGsMobileIdentity.FromSTmsi(new FiveGSTmsi(Bits(v.GetProperty("amfSetId").GetUInt16(), 1023, "amfSetId"),
                    Bits(v.GetProperty("amfPointer").GetByte(), 63, "amfPointer"), ParseHexUInt32(v.GetProperty("5gTmsi").GetString())));
            case "IMEI" or "IMEISV":
                return FiveGsMobileIdentity.FromImei(v.GetProperty("digits").GetString() ?? "", type == "IMEISV");
            case "MAC address":
                byte[] mac = HexOf(v, "macAddress");
                if (mac.Length != 6)
                {
                    throw new FormatException("a MAC address has 6 octets");
                }
                return new FiveGsMobileIdentity((byte[])[(byte)MobileIdentityType.MacAddress, .. mac]);
            default:
                throw new FormatException($"type of identity '{type}' has no decoded form here; give the octets in \"hex\"");
        }
    }

    private static IeSlot EncodePduAddress(JsonElement v)
    {
        byte type = Bits(v.GetProperty("pduSessionType").GetByte(), 7, "pduSessionType");
        var b = new List<byte> { type };
        if (type is PduAddress.Ipv6 or PduAddress.Ipv4v6)
        {
            byte[] iid = HexOf(v, "ipv6InterfaceIdentifier");
            b.AddRange(iid.Length == 8 ? iid : throw new FormatException("an IPv6 interface identifier has 8 octets"));
        }
        if (type is PduAddress.Ipv4 or PduAddress.Ipv4v6)
        {
            var ip = IPAddress.Parse(v.GetProperty("ipv4").GetString() ?? "");
            b.AddRange(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? ip.GetAddressBytes() : throw new FormatException("not an IPv4 address"));
        }
        return IeSlot.Of(b.ToArray());
    }

    /// <summary>§9.11.3.39 figure 9.11.3.39.2: number of entries, then per entry its length, optional IE count and type, IEs, contents.</summary>
    private static byte[] EncodeMultiplePayloads(JsonElement v)
    {
        var b = new List<byte> { (byte)v.GetArrayLength() };
        foreach (var e in v.EnumerateArray())
        {
            byte[] optional = HexOf(e, "optionalIes");
            byte[] contents = HexOf(e, "contents");
            int optionalCount = 0;
            for (int p = 0; p + 1 < optional.Length; p += 2 + optional[p + 1])
            {
                optionalCount++;
            }
            int length = 1 + optional.Length + contents.Length;
            if (length > ushort.MaxValue || optionalCount > 15)
            {
                throw new FormatException("a payload container entry is too long");
            }
            b.Add((byte)(length >> 8));
            b.Add((byte)length);
            b.Add((byte)(optionalCount << 4 | Bits(e.GetProperty("payloadContainerType").GetByte(), 15, "payloadContainerType")));
            b.AddRange(optional);
            b.AddRange(contents);
        }
        return [.. b];
    }

    private static QosRule ReadQosRule(JsonElement r)
    {
        var op = ParseRuleOperation(r.GetProperty("ruleOperationCode").GetString());
        var filters = r.GetProperty("packetFilters").EnumerateArray().Select(f =>
        {
            byte id = Bits(f.GetProperty("identifier").GetByte(), 15, "packet filter identifier");
            if (op == QosRuleOperation.ModifyAndDeletePacketFilters)
            {
                return new PacketFilter(0, id, default);
            }
            var contents = new List<byte>();
            foreach (var c in f.GetProperty("components").EnumerateArray())
            {
                contents.Add(ParseHexByte(c.GetProperty("type").GetString(), "component type"));
                contents.AddRange(HexOf(c, "value"));
            }
            return new PacketFilter(Bits(f.GetProperty("direction").GetByte(), 3, "direction"), id, contents.ToArray());
        }).ToArray();
        byte? precedence = r.TryGetProperty("precedence", out var p) ? p.GetByte() : null;
        return new QosRule(r.GetProperty("qosRuleIdentifier").GetByte(), op, r.GetProperty("defaultQosRule").GetBoolean(), filters, precedence,
            precedence is not null && Flag(r, "segregation"), precedence is not null ? Bits(r.GetProperty("qfi").GetByte(), 63, "qfi") : null);
    }

    /// <summary>The names <see cref="QosRuleOperation"/> prints (and the numbers of codes the spec reserves).</summary>
    private static QosRuleOperation ParseRuleOperation(string? name) => name switch
    {
        nameof(QosRuleOperation.CreateNewQosRule) => QosRuleOperation.CreateNewQosRule,
        nameof(QosRuleOperation.DeleteExistingQosRule) => QosRuleOperation.DeleteExistingQosRule,
        nameof(QosRuleOperation.ModifyAndAddPacketFilters) => QosRuleOperation.ModifyAndAddPacketFilters,
        nameof(QosRuleOperation.ModifyAndReplaceAllPacketFilters) => QosRuleOperation.ModifyAndReplaceAllPacketFilters,
        nameof(QosRuleOperation.ModifyAndDeletePacketFilters) => QosRuleOperation.ModifyAndDeletePacketFilters,
        nameof(QosRuleOperation.ModifyWithoutModifyingPacketFilters) => QosRuleOperation.ModifyWithoutModifyingPacketFilters,
        _ when byte.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out byte code) && code <= 7 => (QosRuleOperation)code,
        _ => throw new FormatException($"'{name}' is not a QoS rule operation code"),
    };

    /// <summary>
    /// Table 9.11.4.14.1: the unit given if the rate is a whole number of it that fits 16 bits; else the finest unit
    /// (value × 4^(unit-1) kbps) in which it does; else the finest in which it fits, rounded down.
    /// </summary>
    private static (byte Unit, ushort Value) AmbrUnit(ulong bitsPerSecond, byte? preferred)
    {
        if (preferred is byte p && SessionAmbr.ToBitsPerSecond(p, 1) is ulong size && size > 0 && bitsPerSecond % size == 0 && bitsPerSecond / size <= ushort.MaxValue)
        {
            return (p, (ushort)(bitsPerSecond / size));
        }
        if (bitsPerSecond == 0)
        {
            return (preferred ?? 1, 0);
        }
        for (byte unit = 1; unit <= 25; unit++)
        {
            ulong step = SessionAmbr.ToBitsPerSecond(unit, 1);
            if (bitsPerSecond % step == 0 && bitsPerSecond / step <= ushort.MaxValue)
            {
                return (unit, (ushort)(bitsPerSecond / step));
            }
        }
        for (byte unit = 1; unit <= 25; unit++)
        {
            ulong step = SessionAmbr.ToBitsPerSecond(unit, 1);
            if (bitsPerSecond / step <= ushort.MaxValue)
            {
                return (unit, (ushort)(bitsPerSecond / step));
            }
        }
        throw new FormatException($"{bitsPerSecond} bit/s is beyond what the session-AMBR can carry");
    }

    private static SNssaiValue ReadSNssai(JsonElement s) => new(
        s.GetProperty("sst").GetByte(),
        s.TryGetProperty("sd", out var sd) ? ParseHexUInt24(sd.GetString()) : null,
        s.TryGetProperty("mappedHplmnSst", out var msst) ? msst.GetByte() : null,
        s.TryGetProperty("mappedHplmnSd", out var msd) ? ParseHexUInt24(msd.GetString()) : null);

    private static Tai ReadTai(JsonElement t) => new(ReadPlmn(t), ParseHexUInt24(t.GetProperty("tac").GetString()));

    private static PlmnId ReadPlmn(JsonElement e)
    {
        string mcc = e.GetProperty("mcc").GetString() ?? "", mnc = e.GetProperty("mnc").GetString() ?? "";
        if (mcc.Length != 3 || mnc.Length is not (2 or 3) || !mcc.All(char.IsAsciiDigit) || !mnc.All(char.IsAsciiDigit))
        {
            throw new FormatException($"MCC '{mcc}' / MNC '{mnc}': 3 digits and 2 or 3 digits");
        }
        return PlmnId.Parse(mcc, mnc);
    }

    private static byte Mask(JsonElement algorithms)
    {
        int mask = 0;
        foreach (var a in algorithms.EnumerateArray())
        {
            mask |= 0x80 >> Bits(a.GetByte(), 7, "algorithm");
        }
        return (byte)mask;
    }

    private static byte Algorithm(JsonElement v, string property, string prefix)
    {
        string s = v.GetProperty(property).GetString() ?? "";
        return s.StartsWith(prefix, StringComparison.Ordinal) && byte.TryParse(s.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out byte n) && n <= 15
            ? n
            : throw new FormatException($"{property}: '{s}' is not {prefix}0 to {prefix}15");
    }

    private static bool Flag(JsonElement v, string property) => v.TryGetProperty(property, out var p) && p.GetBoolean();

    private static byte[] HexOf(JsonElement v, string property) => Convert.FromHexString(v.GetProperty(property).GetString() ?? "");

    private static byte Bits(byte value, byte max, string what) => value <= max ? value : throw new FormatException($"{what} {value} exceeds {max}");

    private static ushort Bits(ushort value, ushort max, string what) => value <= max ? value : throw new FormatException($"{what} {value} exceeds {max}");

    private static byte ParseNibble(string hex) =>
        hex.Length == 1 && byte.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out byte n) ? n : throw new FormatException($"'{hex}' is not one hex digit");

    private static string StripHexPrefix(string? s) => s is not null && s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? s[2..] : s ?? "";

    private static byte ParseHexByte(string? s, string what) =>
        byte.TryParse(StripHexPrefix(s), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out byte b) ? b : throw new FormatException($"{what}: '{s}' is not a hex octet");

    private static ushort ParseHexUInt16(string? s) =>
        ushort.TryParse(StripHexPrefix(s), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ushort v) ? v : throw new FormatException($"'{s}' is not a 16-bit hex value");

    private static uint ParseHexUInt24(string? s) =>
        uint.TryParse(StripHexPrefix(s), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint v) && v <= 0xFFFFFF ? v : throw new FormatException($"'{s}' is not a 24-bit hex value");

    private static uint ParseHexUInt32(string? s) =>
        uint.TryParse(StripHexPrefix(s), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint v) ? v : throw new FormatException($"'{s}' is not a 32-bit hex value");
}
