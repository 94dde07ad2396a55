// Every NGAP PDU of ../shared/captures (pcaps and hex_messages.json) with what tshark says about it, one tshark call per file.
using System.Text.Json;
using GlassCore.TestSupport;

namespace GlassCore.Ngap.Tests;

/// <summary>One NGAP PDU and tshark's reading of it.</summary>
public sealed record TsharkNgap(
    string Source,
    byte[] Bytes,
    string MessageType,
    int ProcedureCode,
    IReadOnlyList<int> IeIds,
    long? AmfUeNgapId,
    long? RanUeNgapId,
    byte[]? NasPdu,
    bool Malformed);

internal static class NgapCaptureData
{
    public const string Dlt152 = "uat:user_dlts:\"User 5 (DLT=152)\",\"ngap\",\"0\",\"\",\"0\",\"\"";

    public static readonly string[] Pcaps =
    [
        "free5gc_telekom/free5gc.pcap",
        "free5gc_telekom/Service_Request_Connected_205_210.pcap",
        "open5gs/testregistration.pcapng",
        "open5gs/5g-roaming-hr.pcapng",
        "open5gs/5g-roaming-lbo.pcapng",
        "srsran_realue_wangjun/5g_srsRAN_n78_gain40_amf.pcapng",
        "srsran_ic-usp/gnb_ngap.pcap",
        "oai_montimage/oai.pcap",
        "fuzz_dlteam/007a-fuzz-open5gs.pcapng",
        "fuzz_dlteam/007e-fuzz-open5gs.pcapng",
        "fuzz_dlteam/007f-fuzz-open5gs.pcapng",
        "free5gc_blog/ngap-qos-flow-validation.pcap",
        "handover_ueransim-fork/trace_handover_1_4.pcap",
    ];

    private static readonly Lazy<IReadOnlyList<TsharkNgap>> s_hex = new(LoadHex);

    public static IReadOnlyList<TsharkNgap> HexMessages => s_hex.Value;

    /// <summary>The ngap entries of hex_messages.json, dissected by tshark from one temporary DLT 152 pcap.</summary>
    private static List<TsharkNgap> LoadHex()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Captures("hex_messages.json")));
        var entries = doc.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("protocol").GetString() == "ngap")
            .Select(e => (Name: e.GetProperty("name").GetString()!, Bytes: Convert.FromHexString(e.GetProperty("hex").GetString()!), Malformed: e.GetProperty("tshark_status").GetString() != "ok"))
            .ToList();
        string pcap = Tshark.TempPcap(entries.Select(e => e.Bytes), 152);
        try
        {
            using var dissected = Tshark.DissectJson(pcap, "ngap", true, "--no-duplicate-keys", "-o", Dlt152);
            var frames = dissected.RootElement.EnumerateArray().ToList();
            var result = new List<TsharkNgap>();
            foreach (var frame in frames)
            {
                var layers = frame.GetProperty("_source").GetProperty("layers");
                int number = int.Parse(layers.GetProperty("frame").GetProperty("frame.number").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                var entry = entries[number - 1];
                foreach (var pdu in Pdus(layers, "hex_messages.json #" + number + " " + entry.Name, entry.Malformed))
                {
                    result.Add(pdu with { Bytes = entry.Bytes });
                }
            }
            return result;
        }
        finally
        {
            File.Delete(pcap);
        }
    }

    /// <summary>All NGAP PDUs of one capture file (several per frame when SCTP bundles chunks).</summary>
    public static IReadOnlyList<TsharkNgap> FromPcap(string file)
    {
        var options = new List<string> { "--no-duplicate-keys" };
        if (file.Contains("gnb_ngap.pcap", StringComparison.Ordinal))
        {
            options.AddRange(["-o", Dlt152]);
        }
        using var dissected = Tshark.DissectJson(SharedData.Captures(file), "ngap", true, [.. options]);
        var result = new List<TsharkNgap>();
        foreach (var frame in dissected.RootElement.EnumerateArray())
        {
            var layers = frame.GetProperty("_source").GetProperty("layers");
            string number = layers.GetProperty("frame").GetProperty("frame.number").GetString()!;
            result.AddRange(Pdus(layers, file + " frame " + number, false));
        }
        return result;
    }

    private static List<JsonElement> Many(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? [.. e.EnumerateArray()] : [e];

    private static IEnumerable<TsharkNgap> Pdus(JsonElement layers, string source, bool malformed)
    {
        if (!layers.TryGetProperty("ngap", out var ngapLayers) || !layers.TryGetProperty("ngap_raw", out var raws))
        {
            yield break;
        }
        // ngap_raw is [hex, offset, length, ...] or, for bundled PDUs, a list of those.
        var rawList = raws.ValueKind == JsonValueKind.Array && raws[0].ValueKind == JsonValueKind.Array ? raws.EnumerateArray().ToList() : [raws];
        var trees = Many(ngapLayers);
        for (int i = 0; i < trees.Count && i < rawList.Count; i++)
        {
            byte[] bytes = Convert.FromHexString(rawList[i][0].GetString()!);
            var pduTree = trees[i].GetProperty("ngap.NGAP_PDU_tree");
            var top = pduTree.EnumerateObject().First(p => p.Name.EndsWith("_element", StringComparison.Ordinal));
            string kind = top.Name;
            var element = top.Value;
            int procedureCode = int.Parse(element.GetProperty("ngap.procedureCode").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var ids = new List<int>();
            long? amf = null;
            long? ran = null;
            byte[]? nas = null;
            if (element.TryGetProperty("ngap.value_element", out var valueElement))
            {
                var message = valueElement.EnumerateObject().FirstOrDefault(p => p.Name.EndsWith("_element", StringComparison.Ordinal)).Value;
                if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("ngap.protocolIEs_tree", out var ies))
                {
                    foreach (var item in ies.EnumerateObject())
                    {
                        foreach (var field in Many(item.Value.GetProperty("ngap.ProtocolIE_Field_element")))
                        {
                            int id = int.Parse(field.GetProperty("ngap.id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                            ids.Add(id);
                            if (!field.TryGetProperty("ngap.value_element", out var v))
                            {
                                continue;
                            }
                            if (id == 10 && v.TryGetProperty("ngap.AMF_UE_NGAP_ID", out var a))
                            {
                                amf ??= long.Parse(a.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                            }
                            else if (id == 85 && v.TryGetProperty("ngap.RAN_UE_NGAP_ID", out var r))
                            {
                                ran ??= long.Parse(r.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                            }
                            else if (id == 38 && v.TryGetProperty("ngap.NAS_PDU", out var n))
                            {
                                nas ??= Convert.FromHexString(n.GetString()!.Replace(":", "", StringComparison.Ordinal));
                            }
                        }
                    }
                }
            }
            yield return new TsharkNgap(source, bytes, kind.Replace("ngap.", "", StringComparison.Ordinal).Replace("_element", "", StringComparison.Ordinal), procedureCode, ids, amf, ran, nas, malformed);
        }
    }
}
