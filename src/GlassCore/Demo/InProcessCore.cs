// The core with an AMF on N2 in one process (issue 7 `demo`): CoreHost starts NRF, UDR, UDM and AUSF as `glasscore up`
// does; the AMF (AmfContext + AmfNgap + N2Server over usrsctp) is added here until CoreHost hosts it itself.
using System.Net;
using GlassCore.Amf;
using GlassCore.Amf.Ngap;
using GlassCore.Amf.Sbi;
using GlassCore.Cli.Sim;
using GlassCore.Cli.Up;
using GlassCore.Nas.Ies;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;
using GlassCore.Sctp;
using GlassCore.Sctp.N2;

namespace GlassCore.Cli.Demo;

internal sealed class InProcessCore : IAsyncDisposable
{
    private readonly HttpClient _http = SbiHttpClientFactory.Create();
    private NrfClient? _nrf;

    private InProcessCore(UpConfig config, IPEndPoint n2)
    {
        Config = config;
        N2 = n2;
    }

    public UpConfig Config { get; }

    public IPEndPoint N2 { get; }

    public CoreHost Host { get; private set; } = null!;

    public HomeNetworkKeys Keys { get; private set; } = null!;

    public SctpTransport Transport { get; private set; } = null!;

    public AmfNgap Ngap { get; private set; } = null!;

    public AmfContext Amf { get; private set; } = null!;

    public N2Server Server { get; private set; } = null!;

    /// <summary>Starts everything; the gNBs of this process share <see cref="Transport"/> (usrsctp has one encapsulation port per process).</summary>
    public static async Task<InProcessCore> StartAsync(UpConfig config, IPEndPoint n2, int udpEncapsulationPort, CancellationToken ct)
    {
        var core = new InProcessCore(config, n2);
        try
        {
            core.Host = await CoreHost.StartAsync(config, CoreHost.AllNfs, ct);
            core.Keys = HomeNetworkKeys.LoadOrCreate(config);
            string amfId = Guid.NewGuid().ToString();
            core._nrf = new NrfClient(core._http, config.NrfUri, new SbiClientOptions()) { NfInstanceId = amfId, NfType = "AMF" };
            var reg = await core._nrf.RegisterAsync(new NFProfile { NfInstanceId = amfId, NfType = "AMF", NfStatus = "REGISTERED", Ipv4Addresses = [n2.Address.ToString()] }, ct);
            if (!reg.IsOk)
            {
                throw new IOException("AMF registration with the NRF failed: " + reg.Problem?.Detail);
            }
            var sbiOptions = new SbiClientOptions { RequestTimeout = TimeSpan.FromSeconds(config.Sbi.RequestTimeoutSeconds), MaxRetries = config.Sbi.MaxRetries };
            var ausf = new AusfHttpClient(new SbiClient(core._http, sbiOptions, config.Sbi.Oauth2 ? core._nrf : null), config.ListenOf(config.Ausf));
            GlassCore.Nas.Ies.PlmnId plmn = SimUes.Plmn(config);
            var amfConfig = new AmfConfiguration { Plmn = plmn, TaiList = [new Tai(plmn, 1)], SupportedNssai = [new SNssaiValue(1)] };
            core.Transport = SctpTransport.Create(new SctpOptions
            {
                Backend = SctpBackendKind.Usrsctp,
                UdpEncapsulationPort = udpEncapsulationPort,
                RemoteUdpEncapsulationPort = udpEncapsulationPort,
            });
            core.Ngap = new AmfNgap(amfConfig);
            core.Amf = new AmfContext(amfConfig, ausf, core.Ngap);
            core.Server = new N2Server(core.Transport, new N2Options { ListenAddresses = [n2] });
            core.Server.Start();
            core.Ngap.Start(core.Amf, core.Server);
            return core;
        }
        catch
        {
            await core.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Ngap is not null)
        {
            await Ngap.DisposeAsync();
        }
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
        if (Amf is not null)
        {
            await Amf.DisposeAsync();
        }
        if (Transport is not null)
        {
            await Transport.DisposeAsync();
        }
        if (Host is not null)
        {
            await Host.StopAsync(CancellationToken.None);
            await Host.DisposeAsync();
        }
        Keys?.Dispose();
        _nrf?.Dispose();
        _http.Dispose();
    }
}
