// `glasscore up [--config FILE] [--nf NAME]...`: starts the core's NFs in one process until Ctrl-C / SIGTERM.
using System.CommandLine;
using System.Runtime.InteropServices;

namespace GlassCore.Cli.Up;

internal static class UpCommand
{
    internal static Command Build()
    {
        var config = new Option<string?>("--config", "-c") { Description = "YAML config file (defaults work without one)" };
        var nf = new Option<string[]>("--nf") { Description = "Start only these NFs (nrf, udr, udm, ausf, amf, upf, smf, pcf, nssf); repeatable", AllowMultipleArgumentsPerToken = true };
        var cmd = new Command("up", "Start the 5G core (NRF, UDR, UDM, AUSF, AMF with N2, UPF, SMF, PCF, NSSF) in one process; Ctrl-C stops it.") { config, nf };
        cmd.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(config), parse.GetValue(nf) ?? [], parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return cmd;
    }

    internal static async Task<int> RunAsync(string? configPath, string[] nfs, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        UpConfig config;
        string[] selected = nfs.Length == 0 ? CoreHost.AllNfs : [.. nfs.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(n => n.ToLowerInvariant())];
        try
        {
            config = UpConfig.Load(configPath);
            foreach (string n in selected)
            {
                if (!CoreHost.AllNfs.Contains(n))
                {
                    throw new ConfigException($"--nf {n}: not one of {string.Join(", ", CoreHost.AllNfs)}");
                }
            }
        }
        catch (ConfigException e)
        {
            await stderr.WriteLineAsync("glasscore up: " + e.Message);
            return 2;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using PosixSignalRegistration intr = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        CoreHost host;
        try
        {
            host = await CoreHost.StartAsync(config, selected, stop.Token);
        }
        catch (ConfigException e)
        {
            await stderr.WriteLineAsync("glasscore up: " + e.Message);
            return 2;
        }
        catch (IOException e)
        {
            await stderr.WriteLineAsync("glasscore up: cannot listen: " + e.Message);
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
        await using (host)
        {
            await stdout.WriteLineAsync($"glasscore up: {string.Join(", ", selected).ToUpperInvariant()} running (data in {Path.GetFullPath(config.DataDir)}, OAuth2 {(config.Sbi.Oauth2 ? "on" : "off")}); listening on:");
            foreach (string a in host.Addresses)
            {
                await stdout.WriteLineAsync("  " + a);
            }
            await stdout.WriteLineAsync("ready");
            await stdout.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C or SIGTERM: deregister from the NRF, then stop the servers.
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await host.StopAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                await stderr.WriteLineAsync("glasscore up: stop took longer than 10 s; exiting anyway");
            }
            await stdout.WriteLineAsync("glasscore up: stopped");
        }
        return 0;
    }
}
