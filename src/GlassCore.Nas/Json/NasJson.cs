// TS 24.501 §8 and §9.11 as JSON: message and IE names as the spec spells them, decoded values, and the value octets in hex.
using System.Globalization;
using System.Text.Json;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;

namespace GlassCore.Nas.Json;

/// <summary>Writes decoded NAS messages as JSON and builds messages back from that JSON (the `glasscore tools nas` format).</summary>
public static partial class NasJson
{
    private static string Hex(ReadOnlySpan<byte> b) => Convert.ToHexStringLower(b);

    public static string FormatName(IeFormat f) => f switch
    {
        IeFormat.VHalf or IeFormat.V => "V",
        IeFormat.Lv => "LV",
        IeFormat.LvE => "LV-E",
        IeFormat.Tv1 or IeFormat.Tv => "TV",
        IeFormat.Tlv => "TLV",
        _ => "TLV-E",
    };

    /// <summary>Writes a plain message as a JSON object (as the value of a property the caller has started, or standalone).</summary>
    public static void WriteMessage(Utf8JsonWriter w, NasMessage m)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(m);
        w.WriteStartObject();
        w.WriteString("name", m.Name);
        w.WriteString("messageType", "0x" + m.MessageType.ToString("x2", CultureInfo.InvariantCulture));
        w.WriteString("extendedProtocolDiscriminator", m is FiveGsmMessage ? "5GSM" : "5GMM");
        if (m is FiveGmmMessage mm)
        {
            w.WriteNumber("securityHeaderOctet", mm.SecurityHeaderOctet);
        }
        else if (m is FiveGsmMessage sm)
        {
            w.WriteNumber("pduSessionId", sm.PduSessionId);
            w.WriteNumber("procedureTransactionId", sm.ProcedureTransactionId);
        }
        w.WriteStartArray("ies");
        byte? payloadType = null;
        for (int i = 0; i < m.Layout.MandatoryCount; i++)
        {
            if (m.Layout.Ies[i].Kind == IeKind.PayloadContainerType)
            {
                payloadType = m.GetSlot(i).Nibble;
            }
            WriteIe(w, m.Layout.Ies[i], m.GetSlot(i), payloadType);
        }
        foreach (var (index, raw) in m.OptionalOrder())
        {
            if (raw is RawIe r)
            {
                w.WriteStartObject();
                w.WriteString("name", "unrecognised IE");
                w.WriteString("iei", "0x" + r.Iei.ToString("x2", CultureInfo.InvariantCulture));
                w.WriteString("raw", r.Reason.ToString());
                w.WriteString("hex", Hex(r.Bytes.Span));
                w.WriteEndObject();
                continue;
            }
            var spec = m.Layout.Ies[index];
            if (spec.Kind == IeKind.PayloadContainerType)
            {
                payloadType = m.GetSlot(index).Nibble;
            }
            WriteIe(w, spec, m.GetSlot(index), payloadType);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteIe(Utf8JsonWriter w, IeSpec spec, IeSlot slot, byte? payloadType)
    {
        w.WriteStartObject();
        w.WriteString("name", spec.Name);
        if (!spec.IsMandatory)
        {
            w.WriteString("iei", spec.Format == IeFormat.Tv1 ? (spec.Iei >> 4).ToString("X", CultureInfo.InvariantCulture) + "-" : "0x" + spec.Iei.ToString("x2", CultureInfo.InvariantCulture));
        }
        w.WriteString("format", FormatName(spec.Format));
        if (spec.IsHalfOctet)
        {
            w.WriteString("hex", slot.Nibble.ToString("x", CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteString("hex", Hex(slot.Value.Span));
        }
        if (spec.Kind is not (IeKind.Opaque or IeKind.Spare))
        {
            w.WritePropertyName("value");
            WriteValue(w, spec.Kind, slot, payloadType);
        }
        w.WriteEndObject();
    }

    internal static void WriteValue(Utf8JsonWriter w, IeKind kind, IeSlot slot, byte? payloadType)
    {
        var v = slot.Value;
        switch (kind)
        {
            case IeKind.RegistrationType:
                var rt = new FiveGsRegistrationType(slot.Nibble);
                w.WriteStartObject();
                w.WriteBoolean("followOnRequestPending", rt.FollowOnRequestPending);
                w.WriteNumber("type", rt.Value);
                w.WriteEndObject();
                break;
            case IeKind.NasKeySetIdentifier:
                var ksi = new NasKeySetIdentifier(slot.Nibble);
                w.WriteStartObject();
                w.WriteString("typeOfSecurityContext", ksi.IsMapped ? "mapped" : "native");
                w.WriteNumber("ngKsi", ksi.Ksi);
                w.WriteEndObject();
                break;
            case IeKind.MobileIdentity:
                WriteMobileIdentity(w, new FiveGsMobileIdentity(v));
                break;
            case IeKind.RegistrationResult:
                var rr = new FiveGsRegistrationResult(v);
                w.WriteStartObject();
                w.WriteNumber("result", rr.Result);
                w.WriteBoolean("smsAllowed", rr.SmsAllowed);
                w.WriteBoolean("nssaaToBePerformed", rr.NssaaToBePerformed);
                w.WriteBoolean("emergencyRegistered", rr.EmergencyRegistered);
                w.WriteEndObject();
                break;
            case IeKind.Nssai:
                w.WriteStartArray();
                foreach (var s in new Nssai(v))
                {
                    WriteSNssai(w, s);
                }
                w.WriteEndArray();
                break;
            case IeKind.SNssai:
                WriteSNssai(w, new SNssai(v).Get());
                break;
            case IeKind.RejectedNssai:
                w.WriteStartArray();
                foreach (var r in new RejectedNssai(v).ToArray())
                {
                    w.WriteStartObject();
                    w.WriteNumber("cause", r.Cause);
                    w.WritePropertyName("sNssai");
                    WriteSNssai(w, r.SNssai);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
            case IeKind.UeSecurityCapability:
                var cap = new UeSecurityCapability(v);
                w.WriteStartObject();
                WriteAlgorithms(w, "5G-EA", cap.FiveGEa);
                WriteAlgorithms(w, "5G-IA", cap.FiveGIa);
                if (cap.Eea is byte eea)
                {
                    WriteAlgorithms(w, "EEA", eea);
                }
                if (cap.Eia is byte eia)
                {
                    WriteAlgorithms(w, "EIA", eia);
                }
                w.WriteEndObject();
                break;
            case IeKind.TaiList:
                w.WriteStartArray();
                foreach (var t in new TaiList(v))
                {
                    WriteTai(w, t);
                }
                w.WriteEndArray();
                break;
            case IeKind.Tai:
                WriteTai(w, new TrackingAreaIdentity(v).Get());
                break;
            case IeKind.PduSessionStatus:
                var st = new PduSessionStatus(v);
                w.WriteStartArray();
                for (int psi = 0; psi < 16; psi++)
                {
                    if (st.IsSet(psi))
                    {
                        w.WriteNumberValue(psi);
                    }
                }
                w.WriteEndArray();
                break;
            case IeKind.GprsTimer or IeKind.GprsTimer2 or IeKind.GprsTimer3:
                var t3 = new GprsTimer(v);
                var span = kind == IeKind.GprsTimer3 ? t3.AsTimer3 : t3.AsTimer2;
                w.WriteStartObject();
                w.WriteNumber("unit", t3.Unit);
                w.WriteNumber("value", t3.TimerValue);
                if (span is TimeSpan ts)
                {
                    w.WriteNumber("seconds", (long)ts.TotalSeconds);
                }
                else
                {
                    w.WriteBoolean("deactivated", true);
                }
                w.WriteEndObject();
                break;
            case IeKind.FiveGmmCause or IeKind.FiveGsmCause or IeKind.PduSessionIdentity or IeKind.Octet:
                w.WriteNumberValue(v.Span[0]);
                break;
            case IeKind.NasSecurityAlgorithms:
                var alg = new NasSecurityAlgorithms(v);
                w.WriteStartObject();
                w.WriteString("ciphering", "NEA" + alg.Ciphering);
                w.WriteString("integrity", "NIA" + alg.Integrity);
                w.WriteEndObject();
                break;
            case IeKind.QosRules:
                WriteQosRules(w, new QosRules(v));
                break;
            case IeKind.QosFlowDescriptions:
                w.WriteStartArray();
                foreach (var f in new QosFlowDescriptions(v).ToArray())
                {
                    w.WriteStartObject();
                    w.WriteNumber("qfi", f.Qfi);
                    w.WriteNumber("operationCode", f.OperationCode);
                    w.WriteBoolean("e", f.E);
                    w.WriteStartArray("parameters");
                    foreach (var p in f.Parameters)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("identifier", p.Identifier);
                        w.WriteString("contents", Hex(p.Contents.Span));
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
            case IeKind.SessionAmbr:
                var ambr = new SessionAmbr(v);
                w.WriteStartObject();
                w.WriteNumber("downlinkBitsPerSecond", ambr.DownlinkBitsPerSecond);
                w.WriteNumber("downlinkUnit", ambr.DownlinkUnit);
                w.WriteNumber("uplinkBitsPerSecond", ambr.UplinkBitsPerSecond);
                w.WriteNumber("uplinkUnit", ambr.UplinkUnit);
                w.WriteEndObject();
                break;
            case IeKind.PduAddress:
                var pa = new PduAddress(v);
                w.WriteStartObject();
                w.WriteNumber("pduSessionType", pa.PduSessionType);
                if (pa.Ipv4Address is { } ip)
                {
                    w.WriteString("ipv4", ip.ToString());
                }
                if (!pa.Ipv6InterfaceIdentifier.IsEmpty)
                {
                    w.WriteString("ipv6InterfaceIdentifier", Hex(pa.Ipv6InterfaceIdentifier.Span));
                }
                w.WriteEndObject();
                break;
            case IeKind.Dnn:
                w.WriteStringValue(new Dnn(v).ToString());
                break;
            case IeKind.ExtendedPco:
                w.WriteStartArray();
                foreach (var c in new ExtendedProtocolConfigurationOptions(v).Containers())
                {
                    w.WriteStartObject();
                    w.WriteString("containerId", "0x" + c.Identifier.ToString("x4", CultureInfo.InvariantCulture));
                    w.WriteString("contents", Hex(c.Contents.Span));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
            case IeKind.NasMessageContainer:
                WriteNested(w, v);
                break;
            case IeKind.PayloadContainer when payloadType == PayloadContainerTypes.N1SmInformation:
                WriteNested(w, v);
                break;
            case IeKind.PayloadContainer when payloadType == PayloadContainerTypes.MultiplePayloads && new PayloadContainer(v).TryGetEntries(out var entries):
                w.WriteStartArray();
                foreach (var e in entries)
                {
                    w.WriteStartObject();
                    w.WriteNumber("payloadContainerType", e.PayloadContainerType);
                    w.WriteString("optionalIes", Hex(e.OptionalIes.Span));
                    w.WriteString("contents", Hex(e.Contents.Span));
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
            default:
                if (slot.Value.IsEmpty)
                {
                    w.WriteNumberValue(slot.Nibble);
                }
                else
                {
                    w.WriteStringValue(Hex(v.Span));
                }
                break;
        }
    }

    private static void WriteNested(Utf8JsonWriter w, ReadOnlyMemory<byte> v)
    {
        if (NasMessage.TryDecode(v, out var nested, out var error))
        {
            WriteMessage(w, nested);
        }
        else
        {
            w.WriteStartObject();
            w.WriteString("undecodable", error.ToString());
            w.WriteEndObject();
        }
    }

    private static void WriteMobileIdentity(Utf8JsonWriter w, FiveGsMobileIdentity id)
    {
        w.WriteStartObject();
        w.WriteString("typeOfIdentity", id.Type switch
        {
            MobileIdentityType.NoIdentity => "No identity",
            MobileIdentityType.Suci => "SUCI",
            MobileIdentityType.FiveGGuti => "5G-GUTI",
            MobileIdentityType.Imei => "IMEI",
            MobileIdentityType.FiveGSTmsi => "5G-S-TMSI",
            MobileIdentityType.Imeisv => "IMEISV",
            MobileIdentityType.MacAddress => "MAC address",
            _ => "EUI-64",
        });
        if (id.Suci is SuciImsi s)
        {
            w.WriteString("supiFormat", "IMSI");
            w.WriteString("mcc", s.Plmn.MccString);
            w.WriteString("mnc", s.Plmn.MncString);
            w.WriteString("routingIndicator", s.RoutingIndicator);
            w.WriteNumber("protectionSchemeId", (byte)s.SchemeId);
            w.WriteNumber("homeNetworkPublicKeyId", s.HomeNetworkPublicKeyId);
            if (s.SchemeId == ProtectionSchemeId.NullScheme)
            {
                w.WriteString("msin", s.Msin);
            }
            else
            {
                w.WriteString("schemeOutput", Hex(s.SchemeOutput.Span));
                if (s.EphemeralPublicKeyLength > 0 && s.SchemeOutput.Length >= s.EphemeralPublicKeyLength + SuciImsi.MacTagLength)
                {
                    w.WriteString("ephemeralPublicKey", Hex(s.EphemeralPublicKey.Span));
                    w.WriteString("ciphertext", Hex(s.Ciphertext.Span));
                    w.WriteString("macTag", Hex(s.MacTag.Span));
                }
            }
        }
        else if (id.SuciNai is string nai)
        {
            w.WriteNumber("supiFormat", (byte)id.SupiFormat);
            w.WriteString("nai", nai);
        }
        if (id.Guti is FiveGGuti g)
        {
            w.WriteString("mcc", g.Plmn.MccString);
            w.WriteString("mnc", g.Plmn.MncString);
            w.WriteNumber("amfRegionId", g.AmfRegionId);
            w.WriteNumber("amfSetId", g.AmfSetId);
            w.WriteNumber("amfPointer", g.AmfPointer);
            w.WriteString("5gTmsi", g.Tmsi.ToString("x8", CultureInfo.InvariantCulture));
        }
        if (id.STmsi is FiveGSTmsi t)
        {
            w.WriteNumber("amfSetId", t.AmfSetId);
            w.WriteNumber("amfPointer", t.AmfPointer);
            w.WriteString("5gTmsi", t.Tmsi.ToString("x8", CultureInfo.InvariantCulture));
        }
        if (id.Digits is string digits)
        {
            w.WriteString("digits", digits);
        }
        if (!id.MacAddress.IsEmpty)
        {
            w.WriteString("macAddress", Hex(id.MacAddress.Span));
        }
        w.WriteEndObject();
    }

    private static void WriteSNssai(Utf8JsonWriter w, SNssaiValue s)
    {
        w.WriteStartObject();
        w.WriteNumber("sst", s.Sst);
        if (s.Sd is uint sd)
        {
            w.WriteString("sd", sd.ToString("x6", CultureInfo.InvariantCulture));
        }
        if (s.MappedHplmnSst is byte msst)
        {
            w.WriteNumber("mappedHplmnSst", msst);
        }
        if (s.MappedHplmnSd is uint msd)
        {
            w.WriteString("mappedHplmnSd", msd.ToString("x6", CultureInfo.InvariantCulture));
        }
        w.WriteEndObject();
    }

    private static void WriteTai(Utf8JsonWriter w, Tai t)
    {
        w.WriteStartObject();
        w.WriteString("mcc", t.Plmn.MccString);
        w.WriteString("mnc", t.Plmn.MncString);
        w.WriteString("tac", t.Tac.ToString("x6", CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }

    private static void WriteAlgorithms(Utf8JsonWriter w, string name, byte mask)
    {
        w.WriteStartArray(name);
        for (int n = 0; n < 8; n++)
        {
            if ((mask & (0x80 >> n)) != 0)
            {
                w.WriteNumberValue(n);
            }
        }
        w.WriteEndArray();
    }

    private static void WriteQosRules(Utf8JsonWriter w, QosRules rules)
    {
        w.WriteStartArray();
        foreach (var r in rules.ToArray())
        {
            w.WriteStartObject();
            w.WriteNumber("qosRuleIdentifier", r.Identifier);
            w.WriteString("ruleOperationCode", r.Operation.ToString());
            w.WriteBoolean("defaultQosRule", r.DefaultQosRule);
            w.WriteStartArray("packetFilters");
            foreach (var f in r.PacketFilters)
            {
                w.WriteStartObject();
                w.WriteNumber("identifier", f.Identifier);
                if (!r.FiltersAreIdentifiersOnly)
                {
                    w.WriteNumber("direction", f.Direction);
                    w.WriteStartArray("components");
                    foreach (var c in f.Components())
                    {
                        w.WriteStartObject();
                        w.WriteString("type", "0x" + c.Type.ToString("x2", CultureInfo.InvariantCulture));
                        w.WriteString("value", Hex(c.Value.Span));
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (r.Precedence is byte p)
            {
                w.WriteNumber("precedence", p);
                w.WriteBoolean("segregation", r.Segregation);
                w.WriteNumber("qfi", r.Qfi ?? 0);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
