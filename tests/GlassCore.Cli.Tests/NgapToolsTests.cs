// `glasscore tools ngap decode|encode`: APER hex to JER and back (TS 38.413, X.691, X.697).
using System.Text.Json;
using GlassCore.Cli.Tools;

namespace GlassCore.Cli.Tests;

public class NgapToolsTests
{
    // Open5GS unit-test NGReset (hex_messages.json #1): procedure 20, IEs Cause (15) and ResetType (88).
    private const string NgReset = "00140013000002000f400200c000580006400160010001";

    [Fact]
    public void Decode_PrintsProcedureIeIdsAndJer_EncodeGivesTheSameHex()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, ToolOutput.Run(stdout, TextWriter.Null, w => NgapTools.Decode(w, ToolOutput.Hex(NgReset, "HEX"))));
        string decoded = stdout.ToString();
        using (var doc = JsonDocument.Parse(decoded))
        {
            var root = doc.RootElement;
            Assert.Equal(20, root.GetProperty("procedureCode").GetInt32());
            Assert.Equal([15, 88], root.GetProperty("ieIds").EnumerateArray().Select(e => e.GetInt32()));
            var initiating = root.GetProperty("pdu").GetProperty("initiatingMessage");
            Assert.Equal("reject", initiating.GetProperty("criticality").GetString());
        }
        var encoded = new StringWriter();
        Assert.Equal(0, ToolOutput.Run(encoded, TextWriter.Null, w => NgapTools.Encode(w, decoded)));
        using var hex = JsonDocument.Parse(encoded.ToString());
        Assert.Equal(NgReset, hex.RootElement.GetProperty("hex").GetString());
    }

    // The same NGReset without its ResetType IE (88, mandatory, criticality reject): NG Reset has no failure message,
    // so TS 38.413 §10.3.5 answers with an Error Indication.
    [Fact]
    public void Decode_MissingMandatoryIe_ReportsTheSection10Checks()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, ToolOutput.Run(stdout, TextWriter.Null, w => NgapTools.Decode(w, ToolOutput.Hex("00140009000001000f400200c0", "HEX"))));
        using var doc = JsonDocument.Parse(stdout.ToString());
        var checks = doc.RootElement.GetProperty("checks");
        Assert.Equal("Reject", checks.GetProperty("action").GetString());
        Assert.Equal("ErrorIndication", checks.GetProperty("report").GetString());
        Assert.Equal("AbstractSyntaxErrorReject", checks.GetProperty("cause").GetString());
        var issue = Assert.Single(checks.GetProperty("issues").EnumerateArray());
        Assert.Equal((88, "Reject", "Missing"), (issue.GetProperty("id").GetInt32(), issue.GetProperty("criticality").GetString(), issue.GetProperty("kind").GetString()));
    }

    [Theory]
    [InlineData("0014")]
    [InlineData("ff")]
    public void Decode_BadPdu_ExitsTwoWithPosition(string hex)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, ToolOutput.Run(TextWriter.Null, stderr, w => NgapTools.Decode(w, ToolOutput.Hex(hex, "HEX"))));
        using var doc = JsonDocument.Parse(stderr.ToString());
        Assert.Contains("at bit", doc.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"initiatingMessage\": {\"procedureCode\": 20}}")]
    public void Encode_BadJer_ExitsTwo(string json)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, ToolOutput.Run(TextWriter.Null, stderr, w => NgapTools.Encode(w, json)));
        Assert.Contains("error", stderr.ToString(), StringComparison.Ordinal);
    }
}
