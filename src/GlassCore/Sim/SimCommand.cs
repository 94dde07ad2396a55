// `glasscore sim --gnbs N --ues M [--rate R] [--duration S] [--json FILE]`: simulated gNBs (NG Setup over SCTP, TS
// 38.413) carrying simulated UEs (TS 24.501 registration, 5G-AKA, NAS security) against a running core; prints
// registered / rejected by cause / failed and the latency percentiles per procedure, optionally as a JSON report.
using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using GlassCore.Cli.Up;
using GlassCore.Nas.Ies;
using GlassCore.Sctp;
using GlassCore.Security;
using GlassCore.Sim;
using Spectre.Console;

namespace GlassCore.Cli.Sim;

/// <summary>Everything a simulation run is told (the command's options, or a test's / the demo's choice).</summary>
internal sealed record SimSettings
{
    public int Gnbs { get; init; } = 1;

    /// <summary>Null: every demo subscriber of the PLMN (or all of the --ue-file).</summary>
    public int? Ues { get; init; }

    public string? BaseSupi { get; init; }

    public string K { get; init; } = "465B5CE8B199B49FAA5F0A2EE238A6BC";

    public string Opc { get; init; } = "E8ED289DEBA952E4283B54E88E6183CA";

    public string? UeFile { get; init; }

    public ProtectionScheme Scheme { get; init; } = ProtectionScheme.ProfileA;

    public UeFault Fault { get; init; }

    public SimOptions Run { get; init; } = new();

    public IPEndPoint Amf { get; init; } = new(IPAddress.Loopback, 38412);

    /// <summary>Upsert the UEs as subscribers through the UDR's management API before the run.</summary>
    public bool Provision { get; init; }

    public string? JsonReport { get; init; }

    public bool LiveProgress { get; init; }

    /// <summary>Local RFC 6951 UDP encapsulation port of the gNBs' usrsctp (0 = SCTP over raw IP, root only).</summary>
    public int SctpUdpPort { get; init; }

    /// <summary>The AMF's UDP encapsulation port (0 = the same as <see cref="SctpUdpPort"/>).</summary>
    public int AmfUdpPort { get; init; }

    /// <summary>The gNBs' N3 side when UEs establish PDU sessions (null: no sessions).</summary>
    public SimUserPlaneOptions? UserPlane { get; init; }

    /// <summary>With sessions: ping this address from the first UE's session (inside the UE namespace) and print the result.</summary>
    public string? PingTarget { get; init; }

    /// <summary>What this process's CPU figures cover (the report says so): the simulator alone, or core and simulator.</summary>
    public string CpuCovers { get; init; } = "the simulator only (the core runs elsewhere)";

    public static SimGnbConfig GnbTemplate(PlmnId plmn) => new() { Plmn = plmn, Name = "glasscore-sim-gnb" };
}

internal static class SimCommand
{
    internal static Command Build()
    {
        var config = new Option<string?>("--config", "-c") { Description = "the config `glasscore up` runs with (PLMN, data dir with the home network keys)" };
        var gnbs = new Option<int>("--gnbs") { Description = "simulated gNBs, each one SCTP association (default 1)", DefaultValueFactory = _ => 1 };
        var ues = new Option<int?>("--ues") { Description = "UEs (default: the demo subscribers; with --supi, a range of this many)" };
        var supi = new Option<string?>("--supi") { Description = "base SUPI of a range (imsi-…); the i-th UE is base+i" };
        var k = new Option<string?>("--k") { Description = "K of the range's USIMs (default the demo K)" };
        var opc = new Option<string?>("--opc") { Description = "OPc of the range's USIMs (default the demo OPc)" };
        var ueFile = new Option<string?>("--ue-file") { Description = "per-UE config: JSON array of {supi, k, opc, scheme?, fault?}" };
        var scheme = new Option<string>("--scheme") { Description = "SUCI protection scheme: null, A or B (default A)", DefaultValueFactory = _ => "A" };
        var fault = new Option<string?>("--fault") { Description = "fault mode of every UE: wrong-k, stale-sqn, replay-nas, nia0-only, garbage-nas, garbage-ngap" };
        var rate = new Option<double>("--rate") { Description = "registrations started per second (default: as fast as --concurrency allows)" };
        var duration = new Option<double?>("--duration") { Description = "seconds after which no new registration starts" };
        var concurrency = new Option<int>("--concurrency") { Description = "procedures in flight at most (default 512)", DefaultValueFactory = _ => 512 };
        var periodic = new Option<bool>("--periodic") { Description = "after registering, each UE goes idle and does periodic registration updating when T3512 from its Registration Accept expires" };
        var deregister = new Option<bool>("--deregister") { Description = "de-register every registered UE at the end (default true)", DefaultValueFactory = _ => true };
        var amf = new Option<string>("--amf") { Description = "the AMF's N2 address (default 127.0.0.1:38412)", DefaultValueFactory = _ => "127.0.0.1:38412" };
        var provision = new Option<bool>("--provision") { Description = "add the UEs as subscribers (UDR management API) first" };
        var json = new Option<string?>("--json") { Description = "write the summary as a JSON report to this file" };
        var udp = new Option<int>("--sctp-udp-port") { Description = "local SCTP-over-UDP port (RFC 6951) of the gNBs; 0 = SCTP over raw IP (default)" };
        var amfUdp = new Option<int>("--amf-udp-port") { Description = "the AMF's SCTP-over-UDP port (default: the same as --sctp-udp-port)" };
        var sessions = new Option<bool>("--sessions") { Description = "each registered UE establishes a PDU session, then releases it (issue 8)" };
        var dnn = new Option<string>("--dnn") { Description = "DNN of the sessions (default internet)", DefaultValueFactory = _ => "internet" };
        var slice = new Option<string>("--slice") { Description = "S-NSSAI of the sessions: SST or SST:SD in hex (default 1)", DefaultValueFactory = _ => "1" };
        var pduType = new Option<string>("--pdu-type") { Description = "ipv4, ipv6 or ipv4v6 (default ipv4)", DefaultValueFactory = _ => "ipv4" };
        var n3 = new Option<string>("--n3") { Description = "the gNBs' N3 address, GTP-U on UDP 2152 (default 127.0.0.1)", DefaultValueFactory = _ => "127.0.0.1" };
        var ueNetns = new Option<string?>("--ue-netns") { Description = "network namespace for the UEs' TUN (scripts/dn-netns.sh up makes <name>-ue); each UE address is on it" };
        var hold = new Option<double>("--hold") { Description = "seconds to keep the sessions up before releasing them (to use them from the UE namespace)" };
        var ping = new Option<string?>("--ping") { Description = "ping this address from the first UE's session (needs --ue-netns)" };
        var cmd = new Command("sim", "Simulated gNBs and UEs against a running core: registrations, PDU sessions (--sessions), then de-registrations, with a summary")
        {
            config, gnbs, ues, supi, k, opc, ueFile, scheme, fault, rate, duration, concurrency, deregister, amf, provision, json, udp, amfUdp,
            sessions, dnn, slice, pduType, n3, ueNetns, hold, ping, periodic,
        };
        cmd.SetAction(async (p, ct) =>
        {
            TextWriter err = p.InvocationConfiguration.Error;
            SimSettings settings;
            UpConfig up;
            try
            {
                up = UpConfig.Load(p.GetValue(config));
                settings = new SimSettings
                {
                    Gnbs = p.GetValue(gnbs),
                    Ues = p.GetValue(ues),
                    BaseSupi = p.GetValue(supi),
                    K = p.GetValue(k) ?? new SimSettings().K,
                    Opc = p.GetValue(opc) ?? new SimSettings().Opc,
                    UeFile = p.GetValue(ueFile),
                    Scheme = SimUes.ParseScheme(p.GetValue(scheme)),
                    Fault = SimUes.ParseFault(p.GetValue(fault)),
                    Run = new SimOptions
                    {
                        Rate = p.GetValue(rate),
                        Duration = p.GetValue(duration) is double d ? TimeSpan.FromSeconds(d) : null,
                        Concurrency = p.GetValue(concurrency),
                        Deregister = p.GetValue(deregister),
                        PeriodicRegistration = p.GetValue(periodic),
                        Session = p.GetValue(sessions) ? SessionOptions.Request(p.GetValue(dnn)!, p.GetValue(slice)!, p.GetValue(pduType)!) : null,
                        WhileSessionsUp = SessionOptions.Hold(p.GetValue(hold), p.InvocationConfiguration.Output),
                    },
                    UserPlane = p.GetValue(sessions)
                        ? new SimUserPlaneOptions { N3Address = IPAddress.TryParse(p.GetValue(n3), out IPAddress? n3Address) ? n3Address : throw new FormatException($"--n3 {p.GetValue(n3)}: an IP address"), UeNamespace = p.GetValue(ueNetns) }
                        : null,
                    PingTarget = p.GetValue(ping),
                    Amf = IPEndPoint.TryParse(p.GetValue(amf)!, out IPEndPoint? ep) ? ep : throw new FormatException($"--amf {p.GetValue(amf)}: host:port"),
                    Provision = p.GetValue(provision),
                    JsonReport = p.GetValue(json),
                    SctpUdpPort = p.GetValue(udp),
                    AmfUdpPort = p.GetValue(amfUdp),
                    LiveProgress = !Console.IsOutputRedirected && ReferenceEquals(p.InvocationConfiguration.Output, Console.Out),
                };
            }
            catch (Exception e) when (e is ConfigException or FormatException)
            {
                await err.WriteLineAsync("glasscore sim: " + e.Message);
                return 2;
            }
            using HomeNetworkKeys keys = HomeNetworkKeys.LoadOrCreate(up);
            return await RunAsync(up, keys.Keys, settings, p.InvocationConfiguration.Output, err, ct);
        });
        return cmd;
    }

    /// <summary>The whole run: build UEs, connect gNBs (NG Setup), register/de-register, summary. Exit 0 when every UE that started registered (and left).</summary>
    internal static async Task<int> RunAsync(UpConfig config, IReadOnlyList<HomeNetworkKeys.Key> keys, SimSettings s, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        List<SimUe> ues;
        List<SimUeSpec> specs;
        try
        {
            specs = s.UeFile is not null ? SimUes.FromFile(s.UeFile)
                : s.BaseSupi is not null ? SimUes.Range(s.BaseSupi, s.Ues ?? 1, s.K, s.Opc)
                : SimUes.Demo(config);
            if (s.BaseSupi is null && s.Ues is int n)
            {
                if (n > specs.Count)
                {
                    throw new FormatException($"--ues {n}: only {specs.Count} UEs configured; give --supi (and --provision) for a range");
                }
                specs = specs[..n];
            }
            var templates = new Dictionary<ProtectionScheme, UeConfig>();
            UeConfig TemplateFor(ProtectionScheme scheme)
            {
                if (!templates.TryGetValue(scheme, out UeConfig? t))
                {
                    templates[scheme] = t = SimUes.Template(config, keys, scheme);
                }
                return t;
            }
            ues = [.. specs.Select((spec, i) => SimUes.Build(i, spec, TemplateFor, s.Scheme, spec.Fault is null ? s.Fault : SimUes.ParseFault(spec.Fault)))];
        }
        catch (Exception e) when (e is FormatException or IOException or ArgumentException)
        {
            await stderr.WriteLineAsync("glasscore sim: " + e.Message);
            return 2;
        }
        if (s.Provision && !await SimProvisioning.UpsertAsync(config, specs, stderr, ct))
        {
            return 1;
        }
        SctpTransport transport;
        try
        {
            transport = SctpTransport.Create(new SctpOptions { Backend = SctpBackendKind.Auto, UdpEncapsulationPort = s.SctpUdpPort, RemoteUdpEncapsulationPort = s.AmfUdpPort });
        }
        catch (SctpException e)
        {
            await stderr.WriteLineAsync("glasscore sim: " + e.Message);
            return 1;
        }
        await using (transport)
        {
            SimReport? report = await RunOnAsync(transport, config, ues, s, null, stderr, ct);
            if (report is null)
            {
                return 1;
            }
            return await ReportAsync(report, s, stdout);
        }
    }

    /// <summary>Connects the gNBs over <paramref name="transport"/> (NG Setup), runs the UEs, returns the report (null: the gNBs could not start).</summary>
    internal static async Task<SimReport?> RunOnAsync(SctpTransport transport, UpConfig config, IReadOnlyList<SimUe> ues, SimSettings s, Action<LadderEntry>? ladder,
        TextWriter stderr, CancellationToken ct, TextWriter? sessionOutput = null)
    {
        int? pingExit = null;
        SimUserPlane? userPlane = null;
        if (s.UserPlane is { } upOptions)
        {
            try
            {
                userPlane = SimUserPlane.Start(upOptions);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
            {
                await stderr.WriteLineAsync($"glasscore sim: the gNBs' N3 at {upOptions.N3Address}:{upOptions.N3Port} cannot start: {e.Message}");
                return null;
            }
        }
        await using (userPlane)
        {
            GnbFleet fleet;
            try
            {
                fleet = await GnbFleet.ConnectAsync(transport, s.Amf, Math.Max(1, s.Gnbs), SimSettings.GnbTemplate(SimUes.Plmn(config)), ladder, TimeSpan.FromSeconds(10), ct, userPlane);
            }
            catch (Exception e) when (e is SctpException or TimeoutException or InvalidOperationException)
            {
                await stderr.WriteLineAsync($"glasscore sim: gNB setup with the AMF at {s.Amf} failed: {e.Message}");
                return null;
            }
            await using (fleet)
            {
                fleet.Place(ues);
                SimOptions options = s.Run;
                if (s.PingTarget is { } target && userPlane is not null)
                {
                    var hold = options.WhileSessionsUp;
                    options = options with
                    {
                        WhileSessionsUp = async (up, token) =>
                        {
                            pingExit = await SessionOptions.PingAsync(userPlane, up, target, sessionOutput ?? stderr, token);
                            if (hold is not null)
                            {
                                await hold(up, token);
                            }
                        },
                    };
                }
                var run = new SimRun(ues, fleet.Count, options);
                SctpStackCounters? sctp0 = transport.Counters();
                SimReport report = s.LiveProgress ? await WithProgressAsync(run, ct) : await run.RunAsync(ct);
                report = report with { CpuCovers = s.CpuCovers, Sctp = sctp0 is null ? null : transport.Counters()?.Since(sctp0) };
                return s.PingTarget is null ? report : report with { PingExitCode = pingExit ?? -1 };
            }
        }
    }

    /// <summary>Prints the summary, writes the JSON report; exit 0 when nothing was rejected, failed or left out.</summary>
    internal static async Task<int> ReportAsync(SimReport report, SimSettings s, TextWriter stdout)
    {
        await stdout.WriteAsync(Format(report));
        if (s.JsonReport is not null)
        {
            await File.WriteAllTextAsync(s.JsonReport, JsonSerializer.Serialize(report, SimReportJson.Default.SimReport), CancellationToken.None);
        }
        bool allGood = report.Procedures.Values.All(p => p.Rejected == 0 && p.Failed == 0) && report.NotStarted == 0 && report.PingExitCode is null or 0;
        return allGood ? 0 : 1;
    }

    private static async Task<SimReport> WithProgressAsync(SimRun run, CancellationToken ct)
    {
        SimReport? report = null;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async ctx =>
        {
            Task<SimReport> work = run.RunAsync(ct);
            string phase = "";
            ProgressTask? bar = null;
            while (true)
            {
                if (run.Phase != phase)
                {
                    bar?.StopTask();
                    phase = run.Phase;
                    bar = ctx.AddTask(phase, maxValue: run.Total);
                }
                OutcomeRecorder r = run.Current;
                bar!.Value = r.Done;
                bar.Description = $"{phase} ({r.Succeeded} ok)";
                if (work.IsCompleted)
                {
                    bar.StopTask();
                    break;
                }
                await Task.WhenAny(work, Task.Delay(200, CancellationToken.None));
            }
            report = await work;
        });
        return report!;
    }

    /// <summary>The human summary: one line per procedure, then rejects by cause and failures by reason.</summary>
    internal static string Format(SimReport r)
    {
        var sb = new System.Text.StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.Append(inv, $"glasscore sim: {r.Ues} UEs over {r.Gnbs} gNB(s) in {r.DurationSeconds:F1} s; registered {r.Registered}");
        sb.Append(r.Deregistered is int d ? string.Create(inv, $", de-registered again {d}") : "");
        sb.Append(r.NotStarted > 0 ? string.Create(inv, $", not started {r.NotStarted}") : "").AppendLine();
        if (r.Sctp is { } sctp)
        {
            sb.AppendLine(string.Create(inv, $"  sctp: {sctp.DataChunksSent} DATA chunks sent, {sctp.DataChunksRetransmitted} retransmitted ({sctp.FastRetransmits} fast), {sctp.T3Timeouts} T3-rtx and {sctp.WindowProbeTimeouts} window-probe timeouts"));
        }
        foreach ((string name, ProcedureSummary p) in r.Procedures)
        {
            sb.Append(inv, $"  {name,-15} attempted {p.Attempted}  succeeded {p.Succeeded}  rejected {p.Rejected}  failed {p.Failed}  ({p.PerSecond:F1}/s)");
            if (p.LatencyMs is { } l)
            {
                sb.Append(inv, $"  latency ms p50 {l.P50:F2} p90 {l.P90:F2} p99 {l.P99:F2} max {l.Max:F2}");
            }
            sb.AppendLine();
            if (p.CpuMsPerSuccess is double cpu)
            {
                sb.AppendLine(string.Create(inv, $"    cpu ms per {(name == "registration" ? "registration" : "success")} {cpu:F3} ({p.CpuSeconds:F1} s of CPU, {r.CpuCovers ?? "this process"}; GC pauses {p.GcPauseMs:F0} ms, JIT {p.JitMs:F0} ms, {p.ThreadPoolThreads} pool threads)"));
            }
            foreach ((string step, LatencySummary s) in p.StepsMs ?? [])
            {
                sb.AppendLine(string.Create(inv, $"    wait for {step,-34} p50 {s.P50:F2} p90 {s.P90:F2} p99 {s.P99:F2} max {s.Max:F2}"));
            }
            foreach ((string cause, int n) in p.RejectedBy)
            {
                sb.AppendLine(string.Create(inv, $"    rejected {cause}: {n}"));
            }
            foreach ((string why, int n) in p.FailedBy)
            {
                sb.AppendLine(string.Create(inv, $"    failed {why}: {n}"));
            }
        }
        return sb.ToString();
    }
}
