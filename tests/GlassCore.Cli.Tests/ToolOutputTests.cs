// The shared output contract of `glasscore tools` (issue 2 §3): JSON on stdout, exit 2 with a JSON error on bad input.
using System.Text.Json;
using GlassCore.Cli.Tools;

namespace GlassCore.Cli.Tests;

public class ToolOutputTests
{
    [Fact]
    public void BadHex_ExitsTwo_WithJsonErrorOnStderr()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = ToolOutput.Run(stdout, stderr, w => w.WriteHex("x", ToolOutput.Hex("zz", "--k")));
        Assert.Equal(2, code);
        Assert.Equal("", stdout.ToString());
        using var doc = JsonDocument.Parse(stderr.ToString());
        Assert.Contains("--k", doc.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GoodInput_PrintsLowercaseHex()
    {
        var stdout = new StringWriter();
        int code = ToolOutput.Run(stdout, TextWriter.Null, w => w.WriteHex("x", ToolOutput.Hex("ABcd", "--k", 2)));
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("abcd", doc.RootElement.GetProperty("x").GetString());
    }
}
