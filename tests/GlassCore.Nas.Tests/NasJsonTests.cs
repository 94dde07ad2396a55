// The `glasscore tools nas` JSON: what decode writes, encode reads back, from the decoded values (TS 24.501 names).
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Json;
using GlassCore.Nas.Messages;

namespace GlassCore.Nas.Tests;

public class NasJsonTests
{
    internal static string ToJson(NasMessage m)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            NasJson.WriteMessage(w, m);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static byte[] Encode(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return NasJson.ReadMessage(doc.RootElement).ToArray();
    }

    /// <summary>Every plain message of hex_messages.json, including the ones inside security-protected envelopes.</summary>
    internal static List<NasMessage> PlainSeeds()
    {
        var list = new List<NasMessage>();
        foreach (byte[] pdu in FuzzTests.Seeds())
        {
            if (!NasPdu.TryDecode(pdu, out var decoded, out _))
            {
                continue;
            }
            var plain = decoded as NasMessage;
            if (decoded is SecurityProtectedNasMessage sp && !sp.TryDecodeInner(out plain, out _))
            {
                continue;
            }
            list.Add(plain!);
        }
        return list;
    }

    /// <summary>
    /// Drops "hex" from every IE that has a decoded "value", in nested messages too, so only the values are left
    /// (except a container whose contents did not decode as a message: only its octets can say what it holds).
    /// </summary>
    private static void StripHexWhereValued(JsonNode? node)
    {
        if (node is JsonObject o)
        {
            if (o.ContainsKey("value") && o.ContainsKey("hex") && o.ContainsKey("format") && !(o["value"] is JsonObject v && v.ContainsKey("undecodable")))
            {
                o.Remove("hex");
            }
            foreach (var (_, child) in o.ToList())
            {
                StripHexWhereValued(child);
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a)
            {
                StripHexWhereValued(child);
            }
        }
    }

    [Fact]
    public void EveryHexMessage_WritesJson_ThatEncodesBackToTheSameOctets()
    {
        var seeds = PlainSeeds();
        foreach (var plain in seeds)
        {
            string json = ToJson(plain);
            using var doc = JsonDocument.Parse(json);
            Assert.Equal(plain.Name, doc.RootElement.GetProperty("name").GetString());
            Assert.Equal(Convert.ToHexStringLower(plain.ToArray()), Convert.ToHexStringLower(Encode(json)));
        }
        Assert.True(seeds.Count >= 35, $"only {seeds.Count} messages checked");
    }

    /// <summary>
    /// The messages of hex_messages.json whose senders set bits the spec makes spare or filler, or left out digits,
    /// so the decoded values (which do not show such bits) encode to the spec's coding instead of the received one.
    /// </summary>
    private static readonly string[] s_senderSetSpareBits =
    [
        // SUCI routing indicator octet 0x0f: digit 1 is the filler 0xF, so the routing indicator decodes as absent.
        "7e004179000d011300130fff000041000021f02e048020e0e01707e0e0c040008020",
        // IMEISV: the last high nibble (filler, 1111) was sent as 0000.
        "7e005e7700091511000000000000007100197e004179000c0102f839f0ff0000000047781001072e028020",
        // 5G-S-TMSI: bits 5-8 of octet 4 (1111) sent as 0000, in the outer and the nested message.
        "7e004c10000704fe00000000017100157e004c10000704fe00000000014002000450020004",
        // UE security capability with four spare octets after EEA and EIA.
        "7e004119000d0102f8590000000000000000131001072e088020000000000000",
        // 5G-GUTI: bits 5-8 of octet 4 (1111) sent as 0000.
        "7e0242010177000b0202f839cafe000000000154070002f839000001150a040101020304011122335e010616012c",
    ];

    /// <summary>
    /// Encoding from the decoded values alone (every "hex" of a valued IE removed) gives a message that decodes to the
    /// same values, and the same octets for every message except those whose senders set spare bits.
    /// </summary>
    [Fact]
    public void EveryHexMessage_EncodedFromItsValuesAlone_DecodesToTheSameValues()
    {
        int identical = 0, total = 0;
        var differing = new List<string>();
        foreach (var plain in PlainSeeds())
        {
            var node = JsonNode.Parse(ToJson(plain))!;
            StripHexWhereValued(node);
            string valuesOnly = node.ToJsonString();
            byte[] encoded = Encode(valuesOnly);
            Assert.True(NasMessage.TryDecode(encoded, out var again, out var error), $"{plain.Name}: {error}");
            var againNode = JsonNode.Parse(ToJson(again))!;
            StripHexWhereValued(againNode);
            Assert.Equal(valuesOnly, againNode.ToJsonString());
            total++;
            if (encoded.AsSpan().SequenceEqual(plain.ToArray()))
            {
                identical++;
            }
            else
            {
                differing.Add($"{Convert.ToHexStringLower(plain.ToArray())} -> {Convert.ToHexStringLower(encoded)}");
            }
        }
        Assert.True(total >= 35, $"only {total} messages checked");
        Assert.Equal(s_senderSetSpareBits.Order(StringComparer.Ordinal), differing.Select(d => d.Split(' ')[0]).Order(StringComparer.Ordinal));
        Assert.Equal(total - s_senderSetSpareBits.Length, identical);
    }

    [Fact]
    public void EditedDnn_EncodesToTheChangedOctets()
    {
        byte[] pdu = Convert.FromHexString(FuzzTests.SeedHex("PDU session establishment accept (from SBI multipart, N1N2MessageTransfer)"));
        Assert.True(NasMessage.TryDecode(pdu, out var m, out _));
        var accept = Assert.IsType<PduSessionEstablishmentAccept>(m);
        Assert.NotNull(accept.Dnn);

        var node = JsonNode.Parse(ToJson(accept))!;
        var dnnIe = node["ies"]!.AsArray().Single(ie => (string?)ie!["name"] == "DNN")!;
        dnnIe["value"] = "ims.example.org";
        byte[] encoded = Encode(node.ToJsonString());

        accept.Dnn = Dnn.Create("ims.example.org");
        Assert.Equal(Convert.ToHexStringLower(accept.ToArray()), Convert.ToHexStringLower(encoded));
        Assert.True(NasMessage.TryDecode(encoded, out var again, out _));
        Assert.Equal("ims.example.org", ((PduSessionEstablishmentAccept)again).Dnn!.Value.ToString());
    }

    [Fact]
    public void Edited5gmmCauseAndTimer_EncodeToTheChangedOctets()
    {
        // Registration reject, cause #22 (congestion), T3346 value 1 minute (unit 1, value 1).
        byte[] pdu = Convert.FromHexString("7e0044165f0121");
        Assert.True(NasMessage.TryDecode(pdu, out var m, out _));
        var node = JsonNode.Parse(ToJson(m))!;
        var ies = node["ies"]!.AsArray();
        ies.Single(ie => (string?)ie!["name"] == "5GMM cause")!["value"] = 3;
        var timer = ies.Single(ie => (string?)ie!["name"] == "T3346 value")!["value"]!;
        timer["unit"] = 2;
        timer["value"] = 6;
        Assert.Equal("7e0044035f0146", Convert.ToHexStringLower(Encode(node.ToJsonString())));
    }

    [Fact]
    public void EditedValueInsideAPayloadContainer_ReencodesTheContainerWithItsNewLength()
    {
        byte[] pdu = Convert.FromHexString(FuzzTests.SeedHex("DL NAS transport / PDU session establishment accept", 2));
        Assert.True(NasPdu.TryDecode(pdu, out var outer, out _));
        Assert.True(((SecurityProtectedNasMessage)outer).TryDecodeInner(out var transport, out _));
        var dl = Assert.IsType<DlNasTransport>(transport);

        var node = JsonNode.Parse(ToJson(dl))!;
        var container = node["ies"]!.AsArray().Single(ie => (string?)ie!["name"] == "Payload container")!["value"]!;
        var inner = container["ies"]!.AsArray();
        inner.Single(ie => (string?)ie!["name"] == "DNN")!["value"] = "a.much.longer.dnn";
        byte[] encoded = Encode(node.ToJsonString());

        Assert.True(NasMessage.TryDecode(dl.PayloadContainer.Value, out var sm, out _));
        var accept = (PduSessionEstablishmentAccept)sm;
        accept.Dnn = Dnn.Create("a.much.longer.dnn");
        dl.PayloadContainer = new PayloadContainer(accept.ToArray());
        Assert.Equal(Convert.ToHexStringLower(dl.ToArray()), Convert.ToHexStringLower(encoded));
    }

    [Fact]
    public void IeGivenOnlyAsValue_OrOnlyAsHex_IsAccepted()
    {
        string json = """
            {"name":"Registration reject","ies":[
              {"name":"5GMM cause","value":111},
              {"name":"T3502 value","value":{"unit":1,"value":12}},
              {"name":"Rejected NSSAI","value":[{"cause":1,"sNssai":{"sst":1,"sd":"000001"}}]},
              {"name":"EAP message","hex":"04010004"}
            ]}
            """;
        Assert.Equal("7e00446f16012c69054101000001780004" + "04010004", Convert.ToHexStringLower(Encode(json)));
    }

    [Theory]
    [InlineData("""{"name":"Registration reject","ies":[{"name":"5GMM cause","value":300}]}""")]
    [InlineData("""{"name":"Registration reject","ies":[{"name":"5GMM cause"}]}""")]
    [InlineData("""{"name":"Registration accept","ies":[{"name":"5GS registration result","value":{"result":1}},{"name":"TAI list","value":[{"mcc":"1x1","mnc":"01","tac":"000001"}]}]}""")]
    [InlineData("""{"name":"Registration request","ies":[{"name":"ngKSI","value":{"typeOfSecurityContext":"native","ngKsi":9}}]}""")]
    [InlineData("""{"name":"PDU session establishment accept","ies":[{"name":"DNN","value":"bad..dnn"}]}""")]
    [InlineData("""{"name":"Registration request","ies":[{"name":"5GS registration type","value":{"type":8,"followOnRequestPending":false}}]}""")]
    [InlineData("""{"name":"Registration request","ies":[{"name":"No such IE","hex":"00"}]}""")]
    [InlineData("""{"name":"No such message"}""")]
    public void BadValues_AreFormatErrors(string json)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Throws<FormatException>(() => NasJson.ReadMessage(doc.RootElement));
    }

    [Fact]
    public void RegistrationRequest_Json_NamesIesAsTheSpecDoes_WithDecodedValues()
    {
        byte[] pdu = Convert.FromHexString("7e004179000d0199f907f0ff00000000004739");
        Assert.True(NasMessage.TryDecode(pdu, out var m, out _));
        using var doc = JsonDocument.Parse(ToJson(m));
        var ies = doc.RootElement.GetProperty("ies").EnumerateArray().ToList();
        Assert.Equal("5GS registration type", ies[0].GetProperty("name").GetString());
        Assert.Equal(1, ies[0].GetProperty("value").GetProperty("type").GetInt32());
        Assert.Equal("ngKSI", ies[1].GetProperty("name").GetString());
        var id = ies[2].GetProperty("value");
        Assert.Equal("SUCI", id.GetProperty("typeOfIdentity").GetString());
        Assert.Equal("999", id.GetProperty("mcc").GetString());
        Assert.Equal("70", id.GetProperty("mnc").GetString());
        Assert.Equal("0000007493", id.GetProperty("msin").GetString());
        Assert.Equal("0199f907f0ff00000000004739", ies[2].GetProperty("hex").GetString());
    }
}
