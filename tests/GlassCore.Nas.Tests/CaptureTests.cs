// Every NAS PDU carried in the NGAP of ../shared/captures decodes, re-encodes to the same octets, and agrees with tshark.
using System.Globalization;
using System.Text.Json;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.TestSupport;

namespace GlassCore.Nas.Tests;

public class CaptureTests
{
    private static readonly string[] s_nasPduFields = ["ngap.NAS_PDU", "ngap.nAS_PDU", "ngap.pDUSessionNAS_PDU"];

    /// <summary>The fields compared with tshark: message types, MAC and SQN, and the key IE values.</summary>
    private static readonly HashSet<string> s_compared =
    [
        "nas_5gs.mm.message_type", "nas_5gs.sm.message_type", "nas_5gs.msg_auth_code", "nas_5gs.seq_no",
        "nas_5gs.mm.5gs_reg_type", "nas_5gs.mm.type_id", "nas_5gs.mm.suci.msin", "nas_5gs.mm.sst", "nas_5gs.mm.mm_sd",
        "nas_5gs.sm.qos_rule_id", "nas_5gs.sm.pdu_addr_inf_ipv4", "nas_5gs.mm.5gmm_cause", "nas_5gs.sm.5gsm_cause",
    ];

    public static TheoryData<string, bool> Captures() => new()
    {
        { "free5gc_telekom/free5gc.pcap", true },
        { "free5gc_telekom/Service_Request_Connected_205_210.pcap", true },
        { "open5gs/testregistration.pcapng", true },
        { "open5gs/5g-roaming-hr.pcapng", true },
        { "open5gs/5g-roaming-lbo.pcapng", true },
        { "srsran_realue_wangjun/5g_srsRAN_n78_gain40_amf.pcapng", false },
        { "srsran_ic-usp/gnb_ngap.pcap", true },
        { "oai_montimage/oai.pcap", true },
        { "fuzz_dlteam/007a-fuzz-open5gs.pcapng", true },
        { "fuzz_dlteam/007e-fuzz-open5gs.pcapng", true },
        { "fuzz_dlteam/007f-fuzz-open5gs.pcapng", true },
        { "free5gc_blog/ngap-qos-flow-validation.pcap", true },
        { "handover_ueransim-fork/trace_handover_1_4.pcap", true },
    };

    [Theory]
    [MemberData(nameof(Captures))]
    public void EveryNasPdu_DecodesReencodesAndAgreesWithTshark(string capture, bool nullCiphering)
    {
        Assert.True(Tshark.IsAvailable, "tshark is required (./test.sh installs it)");
        var args = new List<string> { "-o", nullCiphering ? "nas-5gs.null_decipher:TRUE" : "nas-5gs.null_decipher:FALSE" };
        if (capture.StartsWith("srsran_ic-usp", StringComparison.Ordinal))
        {
            args.AddRange(["-o", Tshark.UserDlt("ngap", 152)]);
        }
        using var doc = Tshark.DissectJson(SharedData.Captures(capture), "nas-5gs", false, [.. args, "-J", "ngap nas-5gs"]);
        int count = 0, innerDecoded = 0;
        foreach (var packet in doc.RootElement.EnumerateArray())
        {
            foreach (var (hex, tree) in NasPdus(packet))
            {
                count++;
                byte[] pdu = Convert.FromHexString(hex.Replace(":", "", StringComparison.Ordinal));
                innerDecoded += CheckPdu(capture, pdu, tree, nullCiphering);
            }
        }
        Assert.True(count > 0, $"{capture}: no NAS PDUs found");
        Assert.True(innerDecoded >= 0);
    }

    private static int CheckPdu(string capture, byte[] pdu, JsonElement? tree, bool nullCiphering)
    {
        string where = $"{capture} NAS {Convert.ToHexStringLower(pdu)}";
        bool ok = NasPdu.TryDecode(pdu, out var decoded, out var error);
        var expected = tree is JsonElement t ? TsharkFields(t) : [];
        if (!ok)
        {
            // The one deliberately broken message in the captures is the fuzzed unknown 5GMM message type 0x71.
            Assert.True(error.Kind == NasErrorKind.MessageTypeNonExistent && pdu.Length > 2 && pdu[2] == 0x71, $"{where}: {error}");
            Assert.Equal(NasCauses.MessageTypeNonExistent, error.Cause);
            return 0;
        }
        Assert.NotNull(decoded);
        Assert.Equal(pdu, decoded.ToArray());
        var actual = new List<string>();
        int inner = 0;
        if (decoded is SecurityProtectedNasMessage sp)
        {
            actual.Add("nas_5gs.msg_auth_code=0x" + sp.MessageAuthenticationCode.ToString("x8", CultureInfo.InvariantCulture));
            actual.Add("nas_5gs.seq_no=" + sp.SequenceNumber.ToString(CultureInfo.InvariantCulture));
            bool readable = !sp.IsCiphered || nullCiphering;
            if (readable)
            {
                Assert.True(sp.TryDecodeInner(out var plain, out var innerError), $"{where}: inner {innerError}");
                Assert.Equal(sp.Payload.ToArray(), plain.ToArray());
                AssertJsonRoundTrip(where, plain);
                Collect(plain, actual, nested: nullCiphering);
                inner = 1;
            }
            else
            {
                expected = expected.Where(f => f.StartsWith("nas_5gs.msg_auth_code", StringComparison.Ordinal) || f.StartsWith("nas_5gs.seq_no", StringComparison.Ordinal)).ToList();
            }
        }
        else
        {
            AssertJsonRoundTrip(where, (NasMessage)decoded);
            Collect((NasMessage)decoded, actual, nested: nullCiphering);
        }
        expected.Sort(StringComparer.Ordinal);
        actual.Sort(StringComparer.Ordinal);
        Assert.True(expected.SequenceEqual(actual), $"{where}\n tshark: {string.Join(", ", expected)}\n ours:   {string.Join(", ", actual)}");
        return inner;
    }

    /// <summary>`tools nas`: decode → JSON → encode gives the octets received.</summary>
    private static void AssertJsonRoundTrip(string where, NasMessage plain)
    {
        string json = NasJsonTests.ToJson(plain);
        Assert.True(Convert.ToHexStringLower(plain.ToArray()) == Convert.ToHexStringLower(NasJsonTests.Encode(json)), $"{where}: JSON {json}");
    }

    /// <summary>The compared fields of a decoded message and of the messages nested in its containers.</summary>
    internal static void Collect(NasMessage m, List<string> fields, bool nested = true)
    {
        string type = "0x" + m.MessageType.ToString("x2", CultureInfo.InvariantCulture);
        fields.Add(m is FiveGsmMessage ? "nas_5gs.sm.message_type=" + type : "nas_5gs.mm.message_type=" + type);
        byte? payloadType = null;
        CollectRaw(m, fields);
        for (int i = 0; i < m.Layout.Ies.Count; i++)
        {
            var spec = m.Layout.Ies[i];
            var slot = m.GetSlot(i);
            if (!slot.IsPresent)
            {
                continue;
            }
            switch (spec.Kind)
            {
                case IeKind.RegistrationType:
                    fields.Add("nas_5gs.mm.5gs_reg_type=" + new FiveGsRegistrationType(slot.Nibble).Value);
                    break;
                case IeKind.IdentityType:
                    fields.Add("nas_5gs.mm.type_id=" + slot.Nibble);
                    break;
                case IeKind.PayloadContainerType:
                    payloadType = slot.Nibble;
                    break;
                case IeKind.MobileIdentity:
                    var id = new FiveGsMobileIdentity(slot.Value);
                    fields.Add("nas_5gs.mm.type_id=" + (int)id.Type);
                    if (id.Suci is SuciImsi suci && suci.SchemeId == ProtectionSchemeId.NullScheme)
                    {
                        fields.Add("nas_5gs.mm.suci.msin=" + suci.Msin);
                    }
                    break;
                case IeKind.Nssai:
                    foreach (var s in new Nssai(slot.Value))
                    {
                        AddSNssai(s, fields);
                    }
                    break;
                case IeKind.SNssai:
                    AddSNssai(new SNssai(slot.Value).Get(), fields);
                    break;
                case IeKind.QosRules:
                    foreach (var rule in new QosRules(slot.Value).ToArray())
                    {
                        fields.Add("nas_5gs.sm.qos_rule_id=" + rule.Identifier);
                    }
                    break;
                case IeKind.PduAddress:
                    if (new PduAddress(slot.Value).Ipv4Address is { } ip)
                    {
                        fields.Add("nas_5gs.sm.pdu_addr_inf_ipv4=" + ip);
                    }
                    break;
                case IeKind.FiveGmmCause:
                    fields.Add("nas_5gs.mm.5gmm_cause=" + slot.Value.Span[0]);
                    break;
                case IeKind.FiveGsmCause:
                    fields.Add("nas_5gs.sm.5gsm_cause=" + slot.Value.Span[0]);
                    break;
                case IeKind.NasMessageContainer when nested:
                case IeKind.PayloadContainer when nested && payloadType == PayloadContainerTypes.N1SmInformation:
                    CollectNested(slot.Value, fields);
                    break;
                default:
                    break;
            }
        }
    }

    private static void CollectRaw(NasMessage m, List<string> fields)
    {
        foreach (var raw in m.RawIes)
        {
            int idx = m.Layout.Find(raw.Iei);
            if (idx >= 0 && m.Layout.Ies[idx].Kind == IeKind.MobileIdentity && raw.Bytes.Length > 3)
            {
                fields.Add("nas_5gs.mm.type_id=" + (raw.Bytes.Span[3] & 0x07));
            }
        }
    }

    private static void CollectNested(ReadOnlyMemory<byte> bytes, List<string> fields)
    {
        if (NasMessage.TryDecode(bytes, out var inner, out var error))
        {
            Assert.Equal(bytes.ToArray(), inner.ToArray());
            Collect(inner, fields);
            return;
        }
        // A fuzzed container (message type not defined): tshark shows no fields for it either.
        Assert.Equal(NasErrorKind.MessageTypeNonExistent, error.Kind);
    }

    private static void AddSNssai(SNssaiValue s, List<string> fields)
    {
        fields.Add("nas_5gs.mm.sst=" + s.Sst);
        if (s.Sd is uint sd)
        {
            fields.Add("nas_5gs.mm.mm_sd=" + sd);
        }
    }

    /// <summary>Each NAS PDU octet string in the NGAP of one packet, with tshark's dissection of it.</summary>
    private static List<(string Hex, JsonElement? Tree)> NasPdus(JsonElement packet)
    {
        var found = new List<(string, JsonElement?)>();
        if (packet.GetProperty("_source").GetProperty("layers").TryGetProperty("ngap", out var ngap))
        {
            Walk(ngap, found);
        }
        return found;
    }

    private static void Walk(JsonElement e, List<(string, JsonElement?)> found)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var x in e.EnumerateArray())
            {
                Walk(x, found);
            }
            return;
        }
        if (e.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        JsonElement? pendingTree = null;
        var props = e.EnumerateObject().ToList();
        for (int i = 0; i < props.Count; i++)
        {
            var p = props[i];
            if (s_nasPduFields.Contains(p.Name) && p.Value.ValueKind == JsonValueKind.String)
            {
                pendingTree = i + 1 < props.Count && props[i + 1].Name == p.Name + "_tree" ? props[i + 1].Value : null;
                found.Add((p.Value.GetString()!, pendingTree));
                continue;
            }
            if (p.Name.EndsWith("_tree", StringComparison.Ordinal) && s_nasPduFields.Contains(p.Name[..^5]))
            {
                continue;
            }
            Walk(p.Value, found);
        }
    }

    private static List<string> TsharkFields(JsonElement tree)
    {
        var list = new List<string>();
        CollectTshark(tree, list);
        return list;
    }

    private static void CollectTshark(JsonElement e, List<string> list)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var x in e.EnumerateArray())
            {
                CollectTshark(x, list);
            }
        }
        else if (e.ValueKind == JsonValueKind.Object)
        {
            bool pduAddress = e.TryGetProperty("nas_5gs.sm.pdu_ses_type", out _);
            foreach (var p in e.EnumerateObject())
            {
                if (p.Name == "nas_5gs.sm.pdu_addr_inf_ipv4" && !pduAddress)
                {
                    continue;
                }
                if (p.Value.ValueKind == JsonValueKind.String && s_compared.Contains(p.Name))
                {
                    list.Add(p.Name + "=" + p.Value.GetString());
                }
                else
                {
                    CollectTshark(p.Value, list);
                }
            }
        }
    }
}
