// `glasscore tools pfcp decode|encode` and `tools gtp decode`: JSON with TS 29.244 names, and encode(decode(x)) == x.
using System.Text.Json;
using System.Text.Json.Nodes;
using GlassCore.Cli.Tools;
using GlassCore.Pfcp;
using GlassCore.TestSupport;

namespace GlassCore.Cli.Tests;

public class PfcpToolsTests
{
    private static (int Code, string Stdout, string Stderr) Run(Action<Utf8JsonWriter> body)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = ToolOutput.Run(stdout, stderr, body);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string DecodeJson(string hex)
    {
        var (code, stdout, stderr) = Run(w => PfcpTools.Decode(w, Convert.FromHexString(hex)));
        Assert.True(code == 0, stderr);
        return stdout;
    }

    private static string EncodeHex(string json)
    {
        var (code, stdout, stderr) = Run(w => PfcpTools.Encode(w, json));
        Assert.True(code == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.GetProperty("hex").GetString()!;
    }

    [Fact]
    public void EveryWellFormedPfcpVector_DecodesToJson_AndEncodesBackToTheSameHex()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(SharedData.Captures("hex_messages.json")));
        int n = 0;
        foreach (JsonElement e in doc.RootElement.EnumerateArray())
        {
            if (e.GetProperty("protocol").GetString() != "pfcp" || e.GetProperty("tshark_status").GetString() != "ok")
            {
                continue;
            }
            string hex = e.GetProperty("hex").GetString()!.ToLowerInvariant();
            string json = DecodeJson(hex);
            Assert.Equal(e.GetProperty("name").GetString(), JsonDocument.Parse(json).RootElement.GetProperty("messages")[0].GetProperty("messageName").GetString());
            Assert.Equal(hex, EncodeHex(json));
            n++;
        }
        Assert.True(n >= 50);
    }

    private const string TypedEstablishment = """
        {"messageName": "PFCP Session Establishment Request", "seid": "0x0", "sequenceNumber": 3, "ies": [
          {"name": "Node ID", "ipv4": "10.0.0.1"},
          {"name": "F-SEID", "seid": "0x0000000000000010", "ipv4": "10.0.0.1"},
          {"name": "Create PDR", "ies": [
            {"name": "PDR ID", "value": 1}, {"name": "Precedence", "value": 255},
            {"name": "PDI", "ies": [
              {"name": "Source Interface", "value": 0},
              {"name": "F-TEID", "choose": true, "v4": true, "chooseId": 1},
              {"name": "Network Instance", "text": "internet"},
              {"name": "UE IP Address", "sd": "source", "ipv4": "10.45.0.2"},
              {"name": "SDF Filter", "flowDescription": "permit out ip from any to assigned"},
              {"name": "QFI", "value": 1},
              {"name": "3GPP Interface Type", "value": 11}]},
            {"name": "Outer Header Removal", "description": 0},
            {"name": "FAR ID", "value": 1}, {"name": "QER ID", "value": 1}]},
          {"name": "Create FAR", "ies": [
            {"name": "FAR ID", "value": 1}, {"name": "Apply Action", "flags": ["FORW"]},
            {"name": "Forwarding Parameters", "ies": [
              {"name": "Destination Interface", "value": 1},
              {"name": "Outer Header Creation", "teid": "0x00000001", "ipv4": "10.0.1.5"},
              {"name": "3GPP Interface Type", "value": 17}]}]},
          {"name": "Create QER", "ies": [
            {"name": "QER ID", "value": 1}, {"name": "Gate Status", "ulGate": "OPEN", "dlGate": "OPEN"},
            {"name": "MBR", "ulKbps": 1000, "dlKbps": 2000}, {"name": "QFI", "value": 1}]},
          {"name": "Create URR", "ies": [
            {"name": "URR ID", "value": 1}, {"name": "Measurement Method", "flags": ["VOLUM", "DURAT"]},
            {"name": "Reporting Triggers", "flags": ["VOLTH"]}, {"name": "Volume Threshold", "totalVolume": 1000000}]},
          {"name": "PDN Type", "value": 1}
        ]}
        """;

    [Fact]
    public void TypedJson_Encodes_ToAMessageWithThoseValues_AndDecodedJsonWithoutRawEncodesTheSame()
    {
        string hex = EncodeHex(TypedEstablishment);
        Assert.True(PfcpMessage.TryDecodeExact(Convert.FromHexString(hex), out PfcpMessage m, out PfcpDecodeError error), error.ToString());
        var req = Assert.IsType<SessionEstablishmentRequest>(m);
        Assert.Equal(0x10UL, req.CpFSeid!.Seid);
        CreateFar far = req.CreateFars.Single();
        Assert.Equal([0x02, 0x00], far.ApplyAction!.Octets); // two octets per Rel-16
        Assert.Equal("10.0.1.5", far.ForwardingParameters!.OuterHeaderCreation!.IPv4!.ToString());
        Assert.Equal(ThreeGppInterfaceTypeValue.N6, far.ForwardingParameters.DestinationInterfaceType!.Value);
        Assert.True(req.CreatePdrs.Single().Pdi!.LocalFTeid!.Choose);
        Assert.Equal("internet", req.CreatePdrs.Single().Pdi!.NetworkInstance!.Text);

        // decode → drop every "raw" → encode: the typed fields alone carry the whole message.
        JsonNode decoded = JsonNode.Parse(DecodeJson(hex))!;
        StripRaw(decoded);
        Assert.Equal(hex, EncodeHex(decoded.ToJsonString()));
    }

    private static void StripRaw(JsonNode node)
    {
        if (node is JsonObject o)
        {
            o.Remove("raw");
            foreach (var kv in o.ToList())
            {
                if (kv.Value is not null)
                {
                    StripRaw(kv.Value);
                }
            }
        }
        else if (node is JsonArray a)
        {
            foreach (JsonNode? item in a)
            {
                if (item is not null)
                {
                    StripRaw(item);
                }
            }
        }
    }

    [Theory]
    [InlineData("2001")]
    [InlineData("zz")]
    public void BadHex_ExitsTwo(string hex)
    {
        var (code, stdout, stderr) = Run(w => PfcpTools.Decode(w, ToolOutput.Hex(hex, "hex")));
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.NotNull(JsonDocument.Parse(stderr).RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"sequenceNumber\": 1}")]
    [InlineData("{\"messageType\": 1, \"ies\": [{\"name\": \"No Such IE\"}]}")]
    [InlineData("{\"messageType\": 1, \"ies\": [{\"name\": \"F-TEID\"}]}")]
    [InlineData("{\"messageType\": 1, \"ies\": [{\"type\": 21, \"raw\": \"01\"}]}")]
    public void BadJson_ExitsTwo(string json)
    {
        var (code, _, stderr) = Run(w => PfcpTools.Encode(w, json));
        Assert.Equal(2, code);
        Assert.NotNull(JsonDocument.Parse(stderr).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void MissingMandatoryIe_IsShown_WithTheCause()
    {
        // Association Setup Request with Node ID only: shown, with cause 66 for the missing Recovery Time Stamp.
        string json = DecodeJson("2005000d00000100003c0005000a000001");
        JsonElement m = JsonDocument.Parse(json).RootElement.GetProperty("messages")[0];
        Assert.Equal(66, m.GetProperty("cause").GetInt32());
        Assert.Contains("Recovery Time Stamp", m.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GtpDecode_GpduWithPduSessionContainer()
    {
        // From free5gc_telekom/n3_example_2.pcap frame 1 (header only; T-PDU shortened to 4 octets, Length adjusted).
        var (code, stdout, stderr) = Run(w => PfcpTools.DecodeGtp(w, Convert.FromHexString("34ff000c400201250000008501100500" + "45000054")));
        Assert.True(code == 0, stderr);
        JsonElement r = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("0x40020125", r.GetProperty("teid").GetString());
        JsonElement ext = r.GetProperty("extensionHeaders")[0];
        Assert.Equal("UL PDU SESSION INFORMATION", ext.GetProperty("pduType").GetString());
        Assert.Equal(5, ext.GetProperty("qfi").GetInt32());
        Assert.Equal(4, r.GetProperty("tpduLength").GetInt32());
    }
}
