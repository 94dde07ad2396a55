// The core with an AMF on N2 in one process (issue 7 `demo` and the simulator's end-to-end tests): CoreHost composes
// the NFs exactly as `glasscore up` does, with N2 on usrsctp over UDP so that the gNBs of this process can share it.
using System.Net;
using GlassCore.Amf;
using GlassCore.Amf.Ngap;
using GlassCore.Cli.Up;
using GlassCore.Sctp;
using GlassCore.Sctp.N2;

namespace GlassCore.Cli.Demo;

internal sealed class InProcessCore : IAsyncDisposable
{
    private InProcessCore(UpConfig config, IPEndPoint n2, CoreHost host, AmfHost amf, HomeNetworkKeys keys)
    {
        Config = config;
        N2 = n2;
        Host = host;
        AmfHost = amf;
        Keys = keys;
    }

    public UpConfig Config { get; }

    public IPEndPoint N2 { get; }

    public CoreHost Host { get; }

    public HomeNetworkKeys Keys { get; }

    private AmfHost AmfHost { get; }

    /// <summary>The AMF's SCTP stack; the gNBs of this process connect through it (usrsctp has one encapsulation port per process).</summary>
    public SctpTransport Transport => AmfHost.Transport;

    public AmfNgap Ngap => AmfHost.Ngap;

    public AmfContext Amf => AmfHost.Context;

    public N2Server Server => AmfHost.Server;

    /// <summary>
    /// Starts the core with N2 on <paramref name="n2"/> over usrsctp with UDP encapsulation port
    /// <paramref name="udpEncapsulationPort"/>. With <paramref name="sessions"/> the SMF and the UPF (N4, N3, the N6 TUN)
    /// run too; without, they are left out: they would take the host's N4 port and TUN for nothing.
    /// </summary>
    public static async Task<InProcessCore> StartAsync(UpConfig config, IPEndPoint n2, int udpEncapsulationPort, CancellationToken ct, bool sessions = false)
    {
        config.Amf.N2Listen = n2.ToString();
        config.Amf.SctpBackend = nameof(SctpBackendKind.Usrsctp);
        config.Amf.UdpEncapsulationPort = udpEncapsulationPort;
        CoreHost host = await CoreHost.StartAsync(config, [.. CoreHost.AllNfs.Where(n => sessions || n is not ("smf" or "upf"))], ct).ConfigureAwait(false);
        if (host.Amf is not { } amf)
        {
            string why = host.Addresses.FirstOrDefault(a => a.StartsWith("AMF   N2 not started", StringComparison.Ordinal)) ?? "AMF not started";
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await host.DisposeAsync().ConfigureAwait(false);
            throw new IOException(why);
        }
        return new InProcessCore(config, n2, host, amf, HomeNetworkKeys.LoadOrCreate(config));
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await Host.DisposeAsync().ConfigureAwait(false);
        Keys.Dispose();
    }
}
