// `glasscore tools nas decode|encode` (issue 3): JSON out with TS 24.501 names, hex back from that JSON, exit 2 on bad input.
using System.CommandLine;
using System.Text.Json;
using GlassCore.Nas;
using GlassCore.Security;

namespace GlassCore.Cli.Tests;

public class NasToolsTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.BuildRoot().Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString(), stderr.ToString());
    }

    private const string RegistrationAccept = "7e02d073aba4017e0242010177000b0202f839cafe000000000154070002f839000001150a040101020304011122335e010616012c";

    [Fact]
    public void Decode_ProtectedRegistrationAccept_PrintsHeaderAndNamedIes()
    {
        var (code, output, _) = Run("tools", "nas", "decode", RegistrationAccept);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("securityHeader").GetProperty("securityHeaderType").GetInt32());
        Assert.Equal("d073aba4", root.GetProperty("securityHeader").GetProperty("messageAuthenticationCode").GetString());
        var message = root.GetProperty("message");
        Assert.Equal("Registration accept", message.GetProperty("name").GetString());
        var ies = message.GetProperty("ies").EnumerateArray().ToList();
        Assert.Equal(["5GS registration result", "5G-GUTI", "TAI list", "Allowed NSSAI", "T3512 value", "T3502 value"], ies.Select(i => i.GetProperty("name").GetString()));
        Assert.Equal("5G-GUTI", ies[1].GetProperty("value").GetProperty("typeOfIdentity").GetString());
        Assert.Equal("010203", ies[3].GetProperty("value")[0].GetProperty("sd").GetString());
        Assert.Equal(3600, ies[4].GetProperty("value").GetProperty("seconds").GetInt32());
        Assert.Equal(720, ies[5].GetProperty("value").GetProperty("seconds").GetInt32());
    }

    [Fact]
    public void Encode_OfDecodeOutput_GivesTheSameHex()
    {
        var (_, output, _) = Run("tools", "nas", "decode", RegistrationAccept);
        var previous = Console.In;
        try
        {
            Console.SetIn(new StringReader(output));
            var (code, encoded, _) = Run("tools", "nas", "encode");
            Assert.Equal(0, code);
            using var doc = JsonDocument.Parse(encoded);
            Assert.Equal(RegistrationAccept, doc.RootElement.GetProperty("hex").GetString());
        }
        finally
        {
            Console.SetIn(previous);
        }
    }

    [Fact]
    public void Encode_OfDecodeOutputWithAnEditedValue_GivesTheChangedHex()
    {
        var (_, output, _) = Run("tools", "nas", "decode", RegistrationAccept);
        var node = System.Text.Json.Nodes.JsonNode.Parse(output)!;
        var ies = node["message"]!["ies"]!.AsArray();
        // T3512 value (GPRS timer 3): 6 x 10 minutes becomes unit 1 (1 hour), value 2.
        var t3512 = ies.Single(ie => (string?)ie!["name"] == "T3512 value")!["value"]!;
        t3512["unit"] = 1;
        t3512["value"] = 2;
        var previous = Console.In;
        try
        {
            Console.SetIn(new StringReader(node.ToJsonString()));
            var (code, encoded, error) = Run("tools", "nas", "encode");
            Assert.True(code == 0, error);
            using var doc = JsonDocument.Parse(encoded);
            Assert.Equal(RegistrationAccept.Replace("5e0106", "5e0122", StringComparison.Ordinal), doc.RootElement.GetProperty("hex").GetString());
        }
        finally
        {
            Console.SetIn(previous);
        }
    }

    [Theory]
    [InlineData("""{"message":{"name":"Registration reject","ies":[{"name":"5GMM cause","value":"x"}]}}""")]
    [InlineData("""{"message":{"name":"Registration reject","ies":[{"name":"5GMM cause","value":3}]},"securityHeader":{"securityHeaderType":"two"}}""")]
    [InlineData("""{"message":{"name":"Registration reject","ies":[{"name":"5GMM cause","value":3}]},"securityHeader":{"securityHeaderType":9,"messageAuthenticationCode":"00000000","sequenceNumber":0}}""")]
    [InlineData("""{"message":{"name":"Registration reject","ies":[]}}""")]
    public void Encode_BadJson_ExitsTwo_WithJsonError(string json)
    {
        var previous = Console.In;
        try
        {
            Console.SetIn(new StringReader(json));
            var (code, output, error) = Run("tools", "nas", "encode");
            Assert.Equal(2, code);
            Assert.Equal("", output);
            using var doc = JsonDocument.Parse(error);
            Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("error").GetString()));
        }
        finally
        {
            Console.SetIn(previous);
        }
    }

    [Fact]
    public void Decode_WithKeys_VerifiesTheMacAndDeciphers()
    {
        byte[] kInt = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
        byte[] kEnc = Convert.FromHexString("f0e0d0c0b0a090807060504030201000");
        var amf = new NasSecurityContext(NasRole.Network, kInt, kEnc, NasIntegrityAlgorithm.Nia2, NasCipheringAlgorithm.Nea2) { SendCount = 0x0203 };
        byte[] pdu = amf.Protect(Convert.FromHexString("7e004407"), SecurityHeaderType.IntegrityProtectedAndCiphered);
        var (code, output, _) = Run("tools", "nas", "decode", Convert.ToHexString(pdu), "--knasint", Convert.ToHexString(kInt),
            "--knasenc", Convert.ToHexString(kEnc), "--count", "515", "--direction", "dl", "--nia", "2", "--nea", "2");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.True(doc.RootElement.GetProperty("securityHeader").GetProperty("macVerified").GetBoolean());
        Assert.Equal("7e004407", doc.RootElement.GetProperty("securityHeader").GetProperty("deciphered").GetString());
        Assert.Equal("Registration reject", doc.RootElement.GetProperty("message").GetProperty("name").GetString());

        (code, output, _) = Run("tools", "nas", "decode", Convert.ToHexString(pdu), "--knasint", Convert.ToHexString(kInt), "--direction", "ul");
        Assert.Equal(0, code);
        using var wrong = JsonDocument.Parse(output);
        Assert.False(wrong.RootElement.GetProperty("securityHeader").GetProperty("macVerified").GetBoolean());
    }

    [Theory]
    [InlineData("7e0056")]
    [InlineData("7e0071")]
    [InlineData("zz")]
    public void Decode_BadInput_ExitsTwo_WithJsonError(string hex)
    {
        var (code, output, error) = Run("tools", "nas", "decode", hex);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        using var doc = JsonDocument.Parse(error);
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("error").GetString()));
    }
}
