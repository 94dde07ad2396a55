// TS 24.501 §8.2, §8.3: every optional IE of every message table, sent alone and all together, as tshark names it.
using System.Globalization;
using System.Text.Json;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.TestSupport;

namespace GlassCore.Nas.Tests;

/// <summary>
/// tshark (Wireshark's NAS-5GS dissector) is a decoder written independently of our table. It walks a message's optional
/// IEs in the order of its own copy of the spec's table, so an IE at an IEI or in a format it does not expect shows up as
/// "Extraneous Data" (or a malformed packet) instead of under its name. One capture, one tshark run for all messages.
/// </summary>
public class TsharkIeTableTests
{

    /// <summary>tshark 4.0 stops with an exception inside this IE whatever its contents (see the check below); it is left
    /// out of the all-IEs frame so that the IEs after it are still compared.</summary>
    private const string CiotSmallDataContainer = "CIoT small data container";

    /// <summary>PI_WARN (0x00600000) and PI_ERROR (0x00800000) in tshark's expert info.</summary>
    private const long ExpertWarn = 0x00600000;

    /// <summary>
    /// The IEIs tshark 4.0.17 does not know in each message (it reports them as extraneous data): Rel-16 5GSM network
    /// feature support, the Rel-17 IEs and the Rel-18/19 ones. docs/nas.md lists the other sources they were checked
    /// against. The set is exact: an IE listed here that tshark names, or one it does not name and is not listed, fails.
    /// </summary>
    private static readonly Dictionary<string, string> s_newerThanTshark = new(StringComparer.Ordinal)
    {
        ["Registration request"] = "29 28 72 32 16 2A 3B 3C 3F 56 64",
        ["Registration accept"] = "7B 33 35 70 14 2C 13 1D 1E 71 7C 3D 32 7D 4B 4C 4F 5B 3C 5C 61 63 64 8-",
        ["Registration reject"] = "2C 71 3A 1D 1E 3E 4D 62 63",
        ["UL NAS transport"] = "4E 5A 9-",
        ["DL NAS transport"] = "3A",
        ["Deregistration request (UE originating de-registration)"] = "3C 71",
        ["Deregistration request (UE terminated de-registration)"] = "2C 71 3A 1D 1E 63",
        ["Service request"] = "29 28",
        ["Service reject"] = "2C 71 3A 1D 1E 63",
        ["Service accept"] = "34 1D 1E",
        ["Configuration update command"] = "72 70 14 2C 13 71 1F 73 E- 4B 78 4C 7B 5B 4F 74 7A 5C 61 63 64 8-",
        ["Authentication result"] = "55",
        ["Security mode command"] = "55",
        ["Control plane service request"] = "24 25 29 28",
        ["PDU session establishment request"] = "72 70 34 35 36",
        ["PDU session establishment accept"] = "17 72 71 70 73 38",
        ["PDU session establishment reject"] = "72",
        ["PDU session modification request"] = "70 72 73 36",
        ["PDU session modification command"] = "71 72 5A 70 73 38",
        ["PDU session release command"] = "72 5A",
    };

    /// <summary>Where tshark labels an IE by its type or by other words than the table's IE name.</summary>
    private static readonly Dictionary<string, string> s_tsharkLabel = new(StringComparer.Ordinal)
    {
        ["ngKSI"] = "NAS key set identifier",
        ["Identity type"] = "5GS identity type",
        ["5G-S-TMSI"] = "5GS mobile identity",
        ["Selected NAS security algorithms"] = "NAS security algorithms",
        ["Non-current native NAS key set identifier"] = "NAS key set identifier - native KSI",
        ["S1 UE network capability"] = "UE network capability",
        ["Requested extended DRX parameters"] = "Extended DRX Parameters",
        ["Negotiated extended DRX parameters"] = "Extended DRX Parameters",
        ["Requested mapped NSSAI"] = "Mapped NSSAI",
        ["Requested WUS assistance information"] = "WUS assistance information - Requested",
        ["Negotiated WUS assistance information"] = "WUS assistance information - Negotiated",
        ["Requested NB-N1 mode DRX parameters"] = "NB-N1 mode DRX parameters",
        ["Negotiated NB-N1 mode DRX parameters"] = "NB-N1 mode DRX parameters",
        ["TAI list"] = "5GS tracking area identity list",
        ["5G-GUTI"] = "5GS mobile identity",
        ["IMEISV"] = "5GS mobile identity",
        ["Non-3GPP NW policies"] = "Non-3GPP NW provided policies",
        ["T3447 value"] = "GPRS Timer 3 - T3447",
        ["Short name for network"] = "Network Name - Short Name",
        ["Local time zone"] = "Time Zone - Local",
        ["Network daylight saving time"] = "Daylight Saving Time",
        ["Session AMBR"] = "Session-AMBR",
        // tshark 4.0 labels the RQ timer of the modification command "PDU session release time"; the IEI (56) is checked.
        ["RQ timer value"] = "GPRS Timer - ",
        ["Requested QoS flow descriptions"] = "QoS flow descriptions",
        ["Authorized QoS flow descriptions"] = "QoS flow descriptions",
    };

    private sealed record Frame(MessageLayout Layout, int IeIndex, byte[] Octets);

    [Fact]
    public void EveryOptionalIe_IsNamedByTshark_OrListedAsNewerThanIt()
    {
        Assert.True(Tshark.IsAvailable, "tshark is required (./test.sh installs it)");
        var frames = new List<Frame>();
        foreach (var layout in NasMessageRegistry.AllLayouts)
        {
            frames.Add(new Frame(layout, -1, Build(layout, [])));
            var known = new List<int>();
            for (int i = layout.MandatoryCount; i < layout.Ies.Count; i++)
            {
                frames.Add(new Frame(layout, i, Build(layout, [i])));
                if (!IsNewerThanTshark(layout, layout.Ies[i]) && layout.Ies[i].Name != CiotSmallDataContainer)
                {
                    known.Add(i);
                }
            }
            // All the IEs tshark knows at once, in table order: the order of our table agrees with tshark's.
            frames.Add(new Frame(layout, -2, Build(layout, known)));
        }
        using var doc = Tshark.DissectRecords(frames.Select(f => f.Octets), "nas-5gs");
        var packets = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(frames.Count, packets.Count);
        var failures = new List<string>();
        var mandatoryLabels = new Dictionary<MessageLayout, int>();
        for (int n = 0; n < frames.Count; n++)
        {
            Check(frames[n], packets[n], mandatoryLabels, failures);
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static void Check(Frame frame, JsonElement packet, Dictionary<MessageLayout, int> mandatoryLabels, List<string> failures)
    {
        var layout = frame.Layout;
        var layers = packet.GetProperty("_source").GetProperty("layers");
        string where = $"{layout.Name} {Convert.ToHexStringLower(frame.Octets)}";
        if (!layers.TryGetProperty("nas-5gs", out var nas) || !nas.TryGetProperty("Plain NAS 5GS Message", out var body))
        {
            failures.Add($"{where}: tshark did not dissect it as a plain 5GS NAS message");
            return;
        }
        var labels = body.EnumerateObject().Where(p => !p.Name.StartsWith("nas_5gs.", StringComparison.Ordinal)).ToList();
        bool extraneous = labels.Count > 0 && labels[^1].Value.ValueKind == JsonValueKind.Object && labels[^1].Value.TryGetProperty("_ws.expert", out var x) && x.TryGetProperty("nas_5gs.extraneous_data", out _);
        var problems = Problems(layers);
        if (frame.IeIndex == -1)
        {
            // Mandatory IEs only: tshark reads them all, in our order (for two half octets in one octet, the one in bits
            // 1-4 first), with nothing left over. It shows the selected SSC mode inside the PDU session type item.
            mandatoryLabels[layout] = labels.Count;
            var mandatory = layout.Ies.Take(layout.MandatoryCount).Where(s => s.Kind != IeKind.Spare && s.Name != "Selected SSC mode").ToList();
            CompareInOrder($"{where}: mandatory part", mandatory, labels, extraneous, problems, failures);
            return;
        }
        var optional = labels.Skip(mandatoryLabels[layout]).ToList();
        if (frame.IeIndex == -2)
        {
            var expected = layout.Ies.Skip(layout.MandatoryCount).Where(s => !IsNewerThanTshark(layout, s) && s.Name != CiotSmallDataContainer).ToList();
            CompareInOrder($"{where}: all IEs tshark knows", expected, optional, extraneous, problems, failures);
            return;
        }
        var spec = layout.Ies[frame.IeIndex];
        string ie = $"{layout.Name}: {spec.Name} ({Iei(spec)})";
        if (IsNewerThanTshark(layout, spec))
        {
            if (!extraneous || optional.Count != 1)
            {
                failures.Add($"{ie} is listed as unknown to tshark 4.0, which decodes it as '{(optional.Count == 0 ? "nothing" : optional[0].Name)}'");
            }
            return;
        }
        if (extraneous || optional.Count != 1)
        {
            failures.Add($"{ie}: tshark does not know it there ({(optional.Count == 0 ? "nothing" : optional[^1].Name)})");
            return;
        }
        if (!NamedAs(spec, optional[0]))
        {
            failures.Add($"{ie}: tshark names it '{optional[0].Name}'");
        }
        if (spec.Name == CiotSmallDataContainer)
        {
            // tshark 4.0 throws after the first octet of every CIoT small data container (a dissector defect, whatever
            // the data type); that octet must still read as control plane user data of PDU session 1.
            var c = optional[0].Value;
            if (c.GetProperty("nas_5gs.mm.ciot_small_data_cont.data_type").GetString() != "0" || c.GetProperty("nas_5gs.mm.ciot_small_data_cont.pdu_session_id").GetString() != "1")
            {
                failures.Add($"{ie}: tshark reads its first octet otherwise: {c}");
            }
            problems.RemoveAll(p => p.StartsWith("malformed", StringComparison.Ordinal));
        }
        if (problems.Count > 0)
        {
            failures.Add($"{ie}: {string.Join("; ", problems)} in {Convert.ToHexStringLower(frame.Octets)}");
        }
    }

    /// <summary>tshark's items are exactly the expected IEs, in order, with no problem and nothing left over.</summary>
    private static void CompareInOrder(string what, List<IeSpec> expected, List<JsonProperty> labels, bool extraneous, List<string> problems, List<string> failures)
    {
        if (extraneous || problems.Count > 0 || labels.Count != expected.Count)
        {
            failures.Add($"{what}: {labels.Count} items for {expected.Count} IEs; {string.Join("; ", problems)} {(extraneous ? "extraneous data" : "")}");
            return;
        }
        for (int i = 0; i < expected.Count; i++)
        {
            if (!NamedAs(expected[i], labels[i]))
            {
                failures.Add($"{what}: IE {i + 1} is {expected[i].Name}, tshark reads '{labels[i].Name}'");
            }
        }
    }

    /// <summary>A label is tshark's tree item for the IE; where it carries an element ID, that must be our IEI too.</summary>
    private static bool NamedAs(IeSpec spec, JsonProperty label)
    {
        string want = s_tsharkLabel.TryGetValue(spec.Name, out string? alias) ? alias : spec.Name;
        if (!label.Name.Contains(want, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (!spec.IsMandatory && label.Value.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in label.Value.EnumerateObject())
            {
                if (p.Name.EndsWith(".elem_id", StringComparison.Ordinal))
                {
                    // tshark gives a type 1 IE's IEI as the high nibble's value ("0x0e" for E-).
                    int iei = spec.Format == IeFormat.Tv1 ? spec.Iei >> 4 : spec.Iei;
                    return p.Value.GetString() == "0x" + iei.ToString("x2", CultureInfo.InvariantCulture);
                }
            }
        }
        return true;
    }

    /// <summary>Malformed-packet markers and expert infos of warning or error severity anywhere in the frame.</summary>
    private static List<string> Problems(JsonElement layers)
    {
        var found = new List<string>();
        if (layers.TryGetProperty("_ws.malformed", out _))
        {
            found.Add("malformed packet");
        }
        Walk(layers, found);
        return found;

        static void Walk(JsonElement e, List<string> found)
        {
            if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item, found);
                }
            }
            if (e.ValueKind != JsonValueKind.Object)
            {
                return;
            }
            if (e.TryGetProperty("_ws.expert.severity", out var severity)
                && long.Parse(severity.GetString()!, CultureInfo.InvariantCulture) >= ExpertWarn
                && !e.TryGetProperty("_ws.malformed.expert", out _))
            {
                found.Add("expert: " + e.GetProperty("_ws.expert.message").GetString());
            }
            foreach (var p in e.EnumerateObject())
            {
                Walk(p.Value, found);
            }
        }
    }

    private static bool IsNewerThanTshark(MessageLayout layout, IeSpec spec) =>
        s_newerThanTshark.TryGetValue(layout.Name, out string? ieis) && ieis.Split(' ').Contains(Iei(spec));

    private static string Iei(IeSpec spec) =>
        spec.Format == IeFormat.Tv1 ? (spec.Iei >> 4).ToString("X", CultureInfo.InvariantCulture) + "-" : spec.Iei.ToString("X2", CultureInfo.InvariantCulture);

    /// <summary>The message with its mandatory IEs and the given optional ones, from the shared sample values.</summary>
    private static byte[] Build(MessageLayout layout, IEnumerable<int> optional)
    {
        NasMessage m = (NasMessage?)NasMessageRegistry.CreateFiveGmm(layout.MessageType) ?? NasMessageRegistry.CreateFiveGsm(layout.MessageType)!;
        if (m is FiveGsmMessage sm)
        {
            sm.PduSessionId = 5;
            sm.ProcedureTransactionId = 1;
        }
        for (int i = 0; i < layout.MandatoryCount; i++)
        {
            m.SetSlot(i, NasSamples.For(layout.Ies[i]));
        }
        foreach (int i in optional)
        {
            m.SetSlot(i, NasSamples.For(layout.Ies[i]));
        }
        return m.ToArray();
    }
}
