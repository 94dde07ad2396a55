// `glasscore tools`: codecs and crypto functions on hex input, one JSON object out.
using System.CommandLine;

namespace GlassCore.Cli.Tools;

internal static class ToolsCommand
{
    internal static Command Build()
    {
        var tools = new Command("tools", "Decode and encode protocol messages and run the 5G crypto functions on hex input; prints JSON.");
        // Each area adds its commands here, one line each.
        CryptoTools.AddTo(tools);
        tools.Subcommands.Add(NasTools.Build());
        return tools;
    }
}
