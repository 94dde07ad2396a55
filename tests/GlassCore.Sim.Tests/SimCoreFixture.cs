// The whole core in this test process for end-to-end runs of the simulator: NRF, UDR, UDM and AUSF composed by the
// CLI's composition root (CoreHost, exactly as `glasscore up`), plus the AMF with its NGAP layer on N2 over usrsctp
// (UDP encapsulation) as `glasscore demo` adds it (InProcessCore; CoreHost does not host the AMF yet).
using System.Net;
using System.Net.Sockets;
using GlassCore.Amf;
using GlassCore.Cli.Demo;
using GlassCore.Cli.Sim;
using GlassCore.Cli.Up;
using GlassCore.Nas.Ies;
using GlassCore.Sctp;
using GlassCore.Security;
using GlassCore.Sim;
using GlassCore.Udr.Storage;

namespace GlassCore.Sim.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SimCoreCollection : ICollectionFixture<SimCoreFixture>
{
    public const string Name = "sim-core";
}

public sealed class SimCoreFixture : IAsyncLifetime
{
    /// <summary>RFC 6951 port of this test process's usrsctp (other test projects use 9911-9931).</summary>
    public const int UdpPort = 9941;

    /// <summary>The range subscribers the tests provision: imsi-99970 + 10 digits from here, demo K/OPc.</summary>
    public const long RangeBase = 9_000_000_000;
    public const int RangeSize = 10_400;
    internal static readonly SimSettings Defaults = new();

    /// <summary>The AMF's T3512 here, short so the periodic registration test waits seconds (TS 24.501 §10.2 default: 54 min).</summary>
    public const int T3512Seconds = 4;

    private int _nextUe;
    private InProcessCore _core = null!;

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "gc-sim-" + Guid.NewGuid().ToString("N"));

    internal UpConfig Config { get; private set; } = null!;

    internal HomeNetworkKeys Keys => _core.Keys;

    public SctpTransport Transport => _core.Transport;

    public IPEndPoint N2 { get; } = new(IPAddress.Loopback, 38512 + (Environment.ProcessId % 50));

    public AmfContext Amf => _core.Amf;

    /// <summary>The UDR's store (the UDM's registrations and SDM subscriptions live there as context data).</summary>
    internal SubscriberStore Store => _core.Host.Store!;

    /// <summary>The core's SBI (and management API) root.</summary>
    public Uri Sbi => new(Config.Sbi.Listen);

    public PlmnId Plmn => SimUes.Plmn(Config);

    public async ValueTask InitializeAsync()
    {
        Config = new UpConfig { DataDir = DataDir, LogLevel = "none" };
        Config.Sbi.Listen = $"http://127.0.0.1:{FreePort()}";
        // Behaviour, not latency: 10,000 registrations queue on a loaded CI machine.
        Config.Sbi.RequestTimeoutSeconds = 300;
        // TS 24.501 §5.4.4.2: the network name and time go into every Configuration Update Command.
        Config.Amf.NetworkFullName = "GlassCore Test Network";
        Config.Amf.NetworkShortName = "GlassCore";
        Config.Amf.TimeZone = "Europe/Berlin";
        Config.Amf.T3512Seconds = T3512Seconds;
        Config.Validated();
        _core = await InProcessCore.StartAsync(Config, N2, UdpPort, CancellationToken.None);
        var range = SimUes.Range(Supi(0), RangeSize, Defaults.K, Defaults.Opc);
        for (int i = 0; i < range.Count; i += 2000)
        {
            await _core.Host.Store!.ImportBatchAsync([.. range.Skip(i).Take(2000).Select(s => new SubscriberRecord
            {
                Supi = s.Supi, K = s.K, Opc = s.Opc, Amf = "8000", Sqn = "000000000020", AuthMethod = "5G_AKA",
                Slices = [new SubscribedSlice { Sst = 1, Dnns = ["internet"] }],
            })]);
        }
    }

    public static string Supi(int i) => $"imsi-99970{RangeBase + i:D10}";

    /// <summary>Fresh range UEs (each test takes its own SUPIs so no two tests share a USIM or a subscriber's SQN).</summary>
    public List<SimUe> NewUes(int count, ProtectionScheme scheme = ProtectionScheme.Null, Func<int, UeFault>? fault = null)
    {
        int first = Interlocked.Add(ref _nextUe, count) - count;
        Assert.True(first + count <= RangeSize, "the test range is used up");
        var specs = SimUes.Range(Supi(first), count, Defaults.K, Defaults.Opc);
        return [.. specs.Select((s, i) => SimUes.Build(i, s, sc => SimUes.Template(Config, Keys.Keys, sc), scheme, fault?.Invoke(i) ?? UeFault.None))];
    }

    public Task<GnbFleet> FleetAsync(int gnbs = 1, Action<LadderEntry>? ladder = null) =>
        GnbFleet.ConnectAsync(Transport, N2, gnbs, SimSettings.GnbTemplate(Plmn), ladder, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

    public static TimeSpan ProcedureTimeout => TimeSpan.FromSeconds(60);

    public async ValueTask DisposeAsync()
    {
        await _core.DisposeAsync();
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
}
