// The glasscore command line: one root command, one group per job (tools, and later up, sim, subscriber).
using System.CommandLine;
using GlassCore.Cli.Tools;

namespace GlassCore.Cli;

internal static class Program
{
    internal static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("GlassCore: an open 5G Standalone core network.");
        root.Subcommands.Add(ToolsCommand.Build());
        return root;
    }
}
