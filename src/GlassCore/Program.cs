// The glasscore command line: one root command, one group per job (tools, up, subscriber, and later sim).
using System.CommandLine;
using GlassCore.Cli.Subscribers;
using GlassCore.Cli.Tools;
using GlassCore.Cli.Up;

namespace GlassCore.Cli;

internal static class Program
{
    internal static int Main(string[] args) => BuildRoot().Parse(args).Invoke();

    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("GlassCore: an open 5G Standalone core network.");
        root.Subcommands.Add(ToolsCommand.Build());
        root.Subcommands.Add(UpCommand.Build());
        root.Subcommands.Add(SubscriberCommand.Build());
        return root;
    }
}
