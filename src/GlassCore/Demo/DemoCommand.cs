// `glasscore demo`: the core (as `glasscore up` starts it, plus the AMF on N2) and a simulated gNB with two UEs in one
// process; registers them (TS 23.502 §4.2.2.2.2: SUCI, 5G-AKA, Security Mode, Initial Context Setup, Registration
// Complete) and prints the message ladder. With --ues N > 2 it is the in-process registration-rate bench instead.
using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using GlassCore.Cli.Sim;
using GlassCore.Cli.Up;
using GlassCore.Security;
using GlassCore.Sim;
using GlassCore.Udr.Storage;

namespace GlassCore.Cli.Demo;

internal static class DemoCommand
{
    /// <summary>The bench range: imsi-&lt;mcc&gt;&lt;mnc&gt; then 10 digits from here (far from the demo subscribers).</summary>
    private const long BenchRangeBase = 9_000_000_000;

    internal static Command Build()
    {
        var config = new Option<string?>("--config", "-c") { Description = "a `glasscore up` config (default: a fresh temporary data dir and a free SBI port)" };
        var ues = new Option<int>("--ues") { Description = "UEs (default 2: the demo subscribers, with the ladder; more: a provisioned range, summary only)", DefaultValueFactory = _ => 2 };
        var gnbs = new Option<int>("--gnbs") { Description = "simulated gNBs (default 1)", DefaultValueFactory = _ => 1 };
        var scheme = new Option<string>("--scheme") { Description = "SUCI protection scheme: null, A or B (default A)", DefaultValueFactory = _ => "A" };
        var rate = new Option<double>("--rate") { Description = "registrations started per second (default: as fast as --concurrency allows)" };
        var concurrency = new Option<int>("--concurrency") { Description = "registrations in flight at most (default 512)", DefaultValueFactory = _ => 512 };
        var deregister = new Option<bool>("--deregister") { Description = "de-register the UEs at the end (default false)" };
        var json = new Option<string?>("--json") { Description = "write the summary as a JSON report to this file" };
        var udp = new Option<int>("--sctp-udp-port") { Description = "SCTP-over-UDP port (RFC 6951) of this process (default 9899; 0 = raw IP, root only)", DefaultValueFactory = _ => 9899 };
        var n2 = new Option<string>("--n2") { Description = "the AMF's N2 address (default 127.0.0.1:38412)", DefaultValueFactory = _ => "127.0.0.1:38412" };
        var logLevel = new Option<string>("--log-level")
        {
            Description = "the core's log level, e.g. warning to see why an SBI call failed (default none: the summary only)",
            DefaultValueFactory = _ => "none",
        };
        var sessions = new Option<bool>("--sessions")
        {
            Description = "also run the SMF and UPF, establish a PDU session per UE and ping the data network namespace through it (default: on as root)",
            DefaultValueFactory = _ => Environment.UserName == "root",
        };
        var cmd = new Command("demo", "Start the core and a simulated gNB with two UEs in one process, register them, establish a PDU session, ping the data network, print the NGAP/NAS ladder")
        {
            config, ues, gnbs, scheme, rate, concurrency, deregister, json, udp, n2, sessions, logLevel,
        };
        cmd.SetAction(async (p, ct) =>
        {
            TextWriter err = p.InvocationConfiguration.Error;
            UpConfig up;
            SimSettings settings;
            try
            {
                string? path = p.GetValue(config);
                up = UpConfig.Load(path);
                if (path is null)
                {
                    up.DataDir = Path.Combine(Path.GetTempPath(), "glasscore-demo-" + Guid.NewGuid().ToString("N"));
                    up.Sbi.Listen = $"http://127.0.0.1:{FreePort()}";
                }
                up.LogLevel = p.GetValue(logLevel)!;
                up.Validated();
                settings = new SimSettings
                {
                    Gnbs = p.GetValue(gnbs),
                    Ues = p.GetValue(ues),
                    Scheme = SimUes.ParseScheme(p.GetValue(scheme)),
                    Run = new SimOptions { Rate = p.GetValue(rate), Concurrency = p.GetValue(concurrency), Deregister = p.GetValue(deregister) },
                    Amf = IPEndPoint.TryParse(p.GetValue(n2)!, out IPEndPoint? ep) ? ep : throw new FormatException($"--n2 {p.GetValue(n2)}: host:port"),
                    JsonReport = p.GetValue(json),
                    SctpUdpPort = p.GetValue(udp),
                    CpuCovers = "core and simulator in this process",
                };
                if (p.GetValue(sessions))
                {
                    settings = settings with
                    {
                        Run = settings.Run with { Session = new PduSessionRequest() },
                        UserPlane = new SimUserPlaneOptions { N3Address = IPAddress.Loopback },
                    };
                }
            }
            catch (Exception e) when (e is ConfigException or FormatException)
            {
                await err.WriteLineAsync("glasscore demo: " + e.Message);
                return 2;
            }
            return await RunAsync(up, settings, p.InvocationConfiguration.Output, err, ct);
        });
        return cmd;
    }

    internal static async Task<int> RunAsync(UpConfig config, SimSettings s, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        DataNetwork? dn = null;
        if (s.UserPlane is not null)
        {
            try
            {
                dn = await DataNetwork.CreateAsync("gcd" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
            }
            catch (IOException e)
            {
                await stderr.WriteLineAsync("glasscore demo: no data network namespace, so no ping: " + e.Message);
            }
            if (dn is not null)
            {
                s = s with { UserPlane = s.UserPlane with { UeNamespace = dn.UeNamespace }, PingTarget = dn.Address };
            }
        }
        try
        {
            return await RunCoreAsync(config, s, stdout, stderr, ct);
        }
        finally
        {
            if (dn is not null)
            {
                await dn.DisposeAsync();
            }
        }
    }

    private static async Task<int> RunCoreAsync(UpConfig config, SimSettings s, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        InProcessCore core;
        try
        {
            core = await InProcessCore.StartAsync(config, s.Amf, s.SctpUdpPort, ct, sessions: s.UserPlane is not null);
        }
        catch (Exception e) when (e is ConfigException or IOException or GlassCore.Sctp.SctpException)
        {
            await stderr.WriteLineAsync("glasscore demo: cannot start the core: " + e.Message);
            return 1;
        }
        await using (core)
        {
            int n = Math.Max(1, s.Ues ?? 2);
            bool ladderMode = n <= 2;
            List<SimUeSpec> specs = ladderMode
                ? [.. SimUes.Demo(config).Take(n)]
                : SimUes.Range($"imsi-{config.Plmn.Mcc}{config.Plmn.Mnc}{BenchRangeBase.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(15 - config.Plmn.Mcc.Length - config.Plmn.Mnc.Length, '0')}",
                    n, s.K, s.Opc);
            if (!ladderMode)
            {
                await stdout.WriteLineAsync($"glasscore demo: provisioning {n} subscribers");
                for (int i = 0; i < specs.Count; i += 5000)
                {
                    await core.Host.Store!.ImportBatchAsync([.. specs.Skip(i).Take(5000).Select(x => new SubscriberRecord
                    {
                        Supi = x.Supi, K = x.K, Opc = x.Opc, Amf = "8000", Sqn = "000000000020", AuthMethod = "5G_AKA",
                        Slices = [new SubscribedSlice { Sst = 1, Dnns = ["internet"] }],
                    })], ct);
                }
            }
            var templates = new Dictionary<ProtectionScheme, UeConfig>();
            UeConfig TemplateFor(ProtectionScheme scheme) => templates.TryGetValue(scheme, out UeConfig? t) ? t : templates[scheme] = SimUes.Template(config, core.Keys.Keys, scheme);
            List<SimUe> ues = [.. specs.Select((spec, i) => SimUes.Build(i, spec, TemplateFor, s.Scheme, UeFault.None))];
            var ladder = new Ladder();
            // The ladder reads best one UE after another.
            SimSettings run = ladderMode ? s with { Run = s.Run with { Concurrency = 1 } } : s;
            var sessionOutput = new StringWriter();
            SimReport? report = await SimCommand.RunOnAsync(core.Transport, config, ues, run, ladderMode ? ladder.Add : null, stderr, ct, sessionOutput);
            if (report is null)
            {
                return 1;
            }
            if (ladderMode)
            {
                foreach (LadderEntry e in ladder.Entries)
                {
                    await stdout.WriteLineAsync(Ladder.Format(e));
                }
            }
            await stdout.WriteAsync(sessionOutput.ToString());
            return await SimCommand.ReportAsync(report, s, stdout);
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
