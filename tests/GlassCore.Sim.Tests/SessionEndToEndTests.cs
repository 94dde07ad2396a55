// Issue 8 end to end, in process: register, establish an IPv4 PDU session through the real AMF, SMF and UPF, ping the
// data network namespace (scripts/dn-netns.sh) through the simulator's TUN, GTP-U and the UPF's N6 TUN, release; an
// unknown DNN gets #27 and a served but unsubscribed one #33 (TS 24.501 §6.4.1.4.2). Needs root (namespaces, TUNs).
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GlassCore.Cli.Demo;
using GlassCore.Cli.Sim;
using GlassCore.Cli.Up;
using GlassCore.Smf;
using GlassCore.Udr.Storage;

namespace GlassCore.Sim.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SessionCoreCollection : ICollectionFixture<SessionCoreFixture>
{
    public const string Name = "session-core";
}

/// <summary>The whole core with SMF and UPF, on addresses and names of its own (UPF N4/N3 on a random 127/8 address, its
/// own N6 TUN and UE pool, its own DN and UE namespaces), so it runs beside a `glasscore up` and other test projects.</summary>
public sealed class SessionCoreFixture : IAsyncLifetime
{
    public const int UdpPort = 9942;
    public const string Supi = "imsi-999709000000001";

    private InProcessCore? _core;
    private readonly string _name = "gcs" + Convert.ToHexString(BitConverter.GetBytes(Random.Shared.Next())).ToLowerInvariant()[..6];
    private readonly int _net = Random.Shared.Next(1, 250);

    public static bool CanRun => Environment.UserName == "root" && File.Exists("/dev/net/tun") && DataNetwork.FindScript() is not null;

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "gc-simsess-" + Guid.NewGuid().ToString("N"));

    internal UpConfig Config { get; private set; } = null!;

    internal InProcessCore Core => _core!;

    public IPEndPoint N2 { get; } = new(IPAddress.Loopback, 38612 + (Environment.ProcessId % 50));

    public string DnAddress => $"10.99.{_net}.2";

    /// <summary>The data network's IPv6 address (scripts/dn-netns.sh: fd47:O2:O3::2 for 10.O2.O3.0/24 = 10.99.net).</summary>
    public string DnIpv6Address => $"fd47:99:{_net}::2";

    /// <summary>Options of a simulator user plane on this core's N3 and UE namespace; the SMF's SM context stands in for
    /// the Router Advertisement that would give the UE its IPv6 prefix (see SimUserPlaneOptions.Ipv6PrefixOf).</summary>
    internal SimUserPlaneOptions UserPlane(string tunName) => new()
    {
        N3Address = N3,
        UeNamespace = UeNamespace,
        TunName = tunName,
        Ipv6PrefixOf = (supi, psi) => Core.Host.Smf!.Find(supi, psi)?.Ipv6Prefix,
    };

    public string UeNamespace => _name + "-ue";

    /// <summary>The data network's namespace (scripts/dn-netns.sh: NAME-dn, holding <see cref="DnAddress"/>).</summary>
    public string DnNamespace => _name + "-dn";

    /// <summary>Subscribers provisioned: <see cref="Supi"/> and the next ones (each test takes its own).</summary>
    public const int Subscribers = 8;

    private int _nextUe;

    /// <summary>A fresh UE (its own SUPI and USIM) for one test.</summary>
    internal SimUe NewUe()
    {
        int i = Interlocked.Increment(ref _nextUe) - 1;
        Assert.True(i < Subscribers, "the fixture's subscribers are used up");
        var spec = SimUes.Range(Supi, Subscribers, SimCoreFixture.Defaults.K, SimCoreFixture.Defaults.Opc)[i];
        return SimUes.Build(i, spec, sc => SimUes.Template(Config, Core.Keys.Keys, sc), GlassCore.Security.ProtectionScheme.Null, UeFault.None);
    }

    public IPAddress N3 { get; } = new([127, 101, (byte)Random.Shared.Next(1, 255), (byte)Random.Shared.Next(1, 255)]);

    public async ValueTask InitializeAsync()
    {
        if (!CanRun)
        {
            return;
        }
        Run(DataNetwork.FindScript()!, "up", _name, $"10.99.{_net}");
        string upfAddress = $"127.102.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}";
        Config = new UpConfig { DataDir = DataDir, LogLevel = "none" };
        Config.Sbi.Listen = $"http://127.0.0.1:{FreePort()}";
        Config.Upf.Pfcp = upfAddress + ":8805";
        Config.Upf.N3 = upfAddress;
        Config.Upf.Tun = _name + "n6";
        Config.Upf.TunAddress = "10.98.0.1/16";
        Config.Upf.TunIpv6Address = "2001:db8:98::1/48";
        Config.Smf.PfcpListen = $"127.0.0.1:{FreeUdpPort()}";
        Config.Smf.Upfs = [new UpfOptions { Address = upfAddress, Port = 8805 }];
        Config.Smf.Dnns =
        [
            new DnnSliceOptions { Dnn = "internet", Sst = 1, Ipv4Pool = "10.98.0.0/16", Ipv6Pool = "2001:db8:98::/48" },
            new DnnSliceOptions { Dnn = "ims", Sst = 1, Ipv4Pool = "10.97.0.0/16", Ipv6Pool = "2001:db8:97::/48" },
        ];
        Config.Validated();
        _core = await InProcessCore.StartAsync(Config, N2, UdpPort, CancellationToken.None, sessions: true);
        await _core.Host.Store!.ImportBatchAsync([.. SimUes.Range(Supi, Subscribers, SimCoreFixture.Defaults.K, SimCoreFixture.Defaults.Opc).Select(s => new SubscriberRecord
        {
            Supi = s.Supi, K = s.K, Opc = s.Opc, Amf = "8000", Sqn = "000000000020", AuthMethod = "5G_AKA",
            Slices = [new SubscribedSlice { Sst = 1, Dnns = ["internet"] }],
        })]);
    }

    internal static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using Process p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_core is not null)
        {
            await _core.DisposeAsync();
        }
        if (CanRun)
        {
            Run(DataNetwork.FindScript()!, "down", _name);
        }
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static int FreeUdpPort()
    {
        using var u = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)u.Client.LocalEndPoint!).Port;
    }
}

[Collection(SessionCoreCollection.Name)]
public sealed class SessionEndToEndTests(SessionCoreFixture core)
{
    private static TimeSpan Timeout => TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Register_EstablishIpv4_PingTheDataNetwork_Release_AndUnsubscribedDnnsAreRejected()
    {
        Assert.True(SessionCoreFixture.CanRun, "needs root, /dev/net/tun and scripts/dn-netns.sh");
        var ct = TestContext.Current.CancellationToken;
        await using var plane = SimUserPlane.Start(core.UserPlane("gcsimt0"));
        SimUe ue = core.NewUe();
        await using var fleet = await GnbFleet.ConnectAsync(core.Core.Transport, core.N2, 1, SimSettings.GnbTemplate(SimUes.Plmn(core.Config)), null, Timeout, ct, plane);
        fleet.Place([ue]);
        Assert.True((await ue.RegisterAsync(Timeout, ct)).Succeeded);

        ProcedureOutcome est = await ue.EstablishPduSessionAsync(new PduSessionRequest(), Timeout, ct);
        Assert.True(est.Succeeded, est.Detail);
        var session = ue.Nas.PduSessions[1];
        Assert.NotNull(session.Ipv4Address);
        Assert.StartsWith("10.98.", session.Ipv4Address!.ToString(), StringComparison.Ordinal);
        SimTunnel tunnel = Assert.Single(ue.Tunnels).Value;
        Assert.Same(tunnel, plane.TunnelOf(session.Ipv4Address));

        string ping = SessionCoreFixture.Run("ip", "netns", "exec", core.UeNamespace, "ping", "-n", "-c", "3", "-W", "2", "-I", session.Ipv4Address.ToString(), core.DnAddress);
        Assert.Contains("3 received", ping, StringComparison.Ordinal);
        Assert.True(tunnel.UplinkPackets >= 3);
        Assert.True(tunnel.DownlinkPackets >= 3);
        Assert.Equal(tunnel.Qfi, tunnel.LastDownlinkQfi);

        ProcedureOutcome rel = await ue.ReleasePduSessionAsync(1, Timeout, ct);
        Assert.True(rel.Succeeded, rel.Detail);
        Assert.Null(plane.TunnelOf(session.Ipv4Address));
        Assert.Empty(ue.Tunnels);

        ProcedureOutcome unknown = await ue.EstablishPduSessionAsync(new PduSessionRequest { PduSessionId = 2, Dnn = "nowhere" }, Timeout, ct);
        Assert.Equal((ProcedureResult.Rejected, "#27"), (unknown.Result, unknown.Detail));
        ProcedureOutcome unsubscribed = await ue.EstablishPduSessionAsync(new PduSessionRequest { PduSessionId = 3, Dnn = "ims" }, Timeout, ct);
        Assert.Equal((ProcedureResult.Rejected, "#33"), (unsubscribed.Result, unsubscribed.Detail));
    }
}
