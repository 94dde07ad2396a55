// The glasscore command line: one root command, one group per job (tools, up, subscriber, and later sim).
using System.CommandLine;
using GlassCore.Cli.Bench;
using GlassCore.Cli.Demo;
using GlassCore.Cli.Sim;
using GlassCore.Cli.Subscribers;
using GlassCore.Cli.Tools;
using GlassCore.Cli.Up;

namespace GlassCore.Cli;

internal static class Program
{
    // `up` handles SIGINT/SIGTERM itself (deregister, then stop); System.CommandLine's own termination timer would
    // end the process before that finishes on a slow machine.
    internal static int Main(string[] args) => Run(args, new InvocationConfiguration { ProcessTerminationTimeout = null });

    /// <summary>Parses and runs; parse errors of `tools` commands become a JSON error and exit code 2 (ToolOutput).</summary>
    internal static int Run(string[] args, InvocationConfiguration configuration)
    {
        ParseResult parse = BuildRoot().Parse(args);
        return ToolOutput.ReportParseErrors(parse, configuration.Error) ?? parse.Invoke(configuration);
    }

    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("GlassCore: an open 5G Standalone core network.");
        root.Subcommands.Add(ToolsCommand.Build());
        root.Subcommands.Add(UpCommand.Build());
        root.Subcommands.Add(SubscriberCommand.Build());
        root.Subcommands.Add(BenchAuthCommand.Build());
        root.Subcommands.Add(SimCommand.Build());
        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(Ue.UeCommand.Build());
        return root;
    }
}
