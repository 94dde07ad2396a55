// TS 38.412 §7 and TS 23.501 §6.2.1: `glasscore up` hosting of the AMF: N2 (NGAP over SCTP) on 127.0.0.1:38412 by
// default, the AUSF reached over the SBI (found through the NRF, else the AUSF's configured listen address).
using System.Globalization;
using System.Net;
using GlassCore.Amf;
using GlassCore.Amf.Ngap;
using GlassCore.Amf.Sbi;
using GlassCore.Amf.Sm;
using GlassCore.Nas.Ies;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;
using GlassCore.Sctp;
using GlassCore.Sctp.N2;
using Microsoft.Extensions.Logging;
using PlmnId = GlassCore.Nas.Ies.PlmnId;

namespace GlassCore.Cli.Up;

/// <summary>The <c>amf:</c> section of the config file.</summary>
internal sealed class AmfUpConfig : UpConfig.NfConfig
{
    /// <summary>N2 listen address, host:port (TS 38.412: port 38412).</summary>
    public string N2Listen { get; set; } = "127.0.0.1:38412";

    /// <summary>auto | kernel | usrsctp (see GlassCore.Sctp).</summary>
    public string SctpBackend { get; set; } = "auto";

    /// <summary>usrsctp only: RFC 6951 UDP encapsulation port (0 = SCTP over raw IP, as real gNBs speak it; needs root).</summary>
    public int UdpEncapsulationPort { get; set; }

    public string Name { get; set; } = "glasscore-amf";

    public int RegionId { get; set; } = 1;

    public int SetId { get; set; } = 1;

    public int Pointer { get; set; }

    /// <summary>Tracking area codes served (the TAI list of Registration Accept), in the core's PLMN.</summary>
    public List<int> Tacs { get; set; } = [1];

    /// <summary>S-NSSAIs served: "SST" or "SST:SD" (SD six hex digits).</summary>
    public List<string> Slices { get; set; } = ["1", "1:010203"];

    /// <summary>The AUSF's apiRoot when it is not found through the NRF.</summary>
    public string? AusfUri { get; set; }

    /// <summary>T3512, the periodic registration update timer of Registration Accept (TS 24.501 §10.2: 54 min).</summary>
    public int T3512Seconds { get; set; } = 54 * 60;

    /// <summary>TS 24.501 §5.3.7 mobile reachable timer; unset: T3512 + 4 min.</summary>
    public int? MobileReachableSeconds { get; set; }

    /// <summary>TS 24.501 §5.3.7 implicit de-registration timer (default 4 min).</summary>
    public int ImplicitDeregistrationSeconds { get; set; } = 4 * 60;
    /// <summary>
    /// TS 33.501 §5.5.2 / §6.7.1: NAS ciphering algorithms in order of preference (NEA0..NEA3); e.g. [NEA0] for a
    /// capture that tshark can read. Default NEA2, NEA1, NEA3, NEA0.
    /// </summary>
    public List<string>? CipheringOrder { get; set; }

    /// <summary>TS 24.501 §9.11.3.35: full and short network name in Configuration Update Command (unset: not sent).</summary>
    public string? NetworkFullName { get; set; }

    public string? NetworkShortName { get; set; }

    /// <summary>The network's time zone (IANA name such as Europe/Berlin, or UTC) for the Configuration Update Command's time IEs; unset: none sent.</summary>
    public string? TimeZone { get; set; }

    /// <summary>The UDM's apiRoot when it is not found through the NRF.</summary>
    public string? UdmUri { get; set; }

    /// <summary>
    /// TS 23.502 §4.2.2.2.2 step 14: register with the UDM (Nudm_UECM), read the subscription (Nudm_SDM am-data,
    /// smf-select-data) and subscribe to its changes before Registration Accept. Off: slices and DNN from this config only.
    /// </summary>
    public bool SubscriptionFromUdm { get; set; } = true;

    /// <summary>The SMF's apiRoot when it is not found through the NRF (TS 23.502 §4.3.2.2.3 SMF selection).</summary>
    public string? SmfUri { get; set; }

    /// <summary>The DNN of a PDU session establishment that names none.</summary>
    public string DefaultDnn { get; set; } = "internet";
}

/// <summary>The AMF of one `glasscore up` process: its N2 endpoint, NGAP layer and core.</summary>
internal sealed class AmfHost : IAsyncDisposable
{
    private AmfHost(SctpTransport transport, N2Server server, AmfNgap ngap, AmfContext amf)
    {
        Transport = transport;
        Server = server;
        Ngap = ngap;
        Context = amf;
    }

    /// <summary>The SCTP stack N2 runs on; simulated gNBs in the same process share it (usrsctp has one UDP encapsulation port per process).</summary>
    public SctpTransport Transport { get; }

    public N2Server Server { get; }

    public AmfNgap Ngap { get; }

    public AmfContext Context { get; }

    /// <summary>The AMF's settings from the config file; a bad value is a <see cref="ConfigException"/>.</summary>
    public static AmfConfiguration Configuration(UpConfig config)
    {
        AmfUpConfig c = config.Amf;
        var plmn = PlmnId.Parse(config.Plmn.Mcc, config.Plmn.Mnc);
        if (c.RegionId is < 0 or > 255 || c.SetId is < 0 or > 1023 || c.Pointer is < 0 or > 63)
        {
            throw new ConfigException("amf: regionId is 0..255, setId 0..1023, pointer 0..63 (TS 23.003 §2.10.1)");
        }
        if (c.Tacs.Count == 0 || c.Tacs.Any(t => t is < 0 or > 0xFFFFFF))
        {
            throw new ConfigException("amf.tacs: one or more 24-bit tracking area codes");
        }
        var slices = new List<SNssaiValue>();
        foreach (string s in c.Slices)
        {
            string[] parts = s.Split(':');
            if (!byte.TryParse(parts[0], CultureInfo.InvariantCulture, out byte sst) || parts.Length > 2
                || (parts.Length == 2 && (parts[1].Length != 6 || !uint.TryParse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _))))
            {
                throw new ConfigException($"amf.slices: '{s}' is not SST or SST:SD (SD six hex digits)");
            }
            slices.Add(parts.Length == 2 ? new SNssaiValue(sst, uint.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)) : new SNssaiValue(sst));
        }
        if (slices.Count == 0)
        {
            throw new ConfigException("amf.slices: at least one S-NSSAI");
        }
        if (c.T3512Seconds <= 0 || c.MobileReachableSeconds is <= 0 || c.ImplicitDeregistrationSeconds <= 0)
        {
            throw new ConfigException("amf: t3512Seconds, mobileReachableSeconds and implicitDeregistrationSeconds are positive");
        }
        TimeZoneInfo? zone = null;
        if (c.TimeZone is { } tz)
        {
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(tz);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                throw new ConfigException($"amf.timeZone: '{tz}' is not a known time zone (IANA name such as Europe/Berlin, or UTC)");
            }
        }
        if (c.NetworkFullName is "" || c.NetworkShortName is "")
        {
            throw new ConfigException("amf.networkFullName / networkShortName: leave unset rather than empty");
        }
        List<GlassCore.Security.NasCipheringAlgorithm>? ciphering = null;
        if (c.CipheringOrder is { } order)
        {
            ciphering = [];
            foreach (string a in order)
            {
                if (a.Length != 4 || !a.StartsWith("NEA", StringComparison.OrdinalIgnoreCase) || a[3] is < '0' or > '3')
                {
                    throw new ConfigException($"amf.cipheringOrder: '{a}' is not NEA0, NEA1, NEA2 or NEA3");
                }
                ciphering.Add((GlassCore.Security.NasCipheringAlgorithm)(a[3] - '0'));
            }
            if (ciphering.Count == 0)
            {
                throw new ConfigException("amf.cipheringOrder: at least one algorithm");
            }
        }
        Uri sbi = config.ListenOf(c);
        string host = sbi.Host is "0.0.0.0" or "*" or "+" ? "127.0.0.1" : sbi.Host;
        return new AmfConfiguration
        {
            Plmn = plmn,
            NfInstanceId = c.InstanceId,
            CallbackRoot = $"{sbi.Scheme}://{host}:{sbi.Port}",
            DefaultDnn = c.DefaultDnn,
            AmfName = c.Name,
            AmfRegionId = (byte)c.RegionId,
            AmfSetId = (ushort)c.SetId,
            AmfPointer = (byte)c.Pointer,
            TaiList = [.. c.Tacs.Select(t => new Tai(plmn, (uint)t))],
            SupportedNssai = slices,
            T3512 = TimeSpan.FromSeconds(c.T3512Seconds),
            MobileReachableTimer = c.MobileReachableSeconds is int m ? TimeSpan.FromSeconds(m) : null,
            ImplicitDeregistrationTimer = TimeSpan.FromSeconds(c.ImplicitDeregistrationSeconds),
            CipheringOrder = ciphering ?? new AmfConfiguration { Plmn = plmn, TaiList = [], SupportedNssai = [] }.CipheringOrder,
            NetworkFullName = c.NetworkFullName,
            NetworkShortName = c.NetworkShortName,
            TimeZone = zone,
        };
    }

    public static IPEndPoint N2Address(UpConfig config) =>
        IPEndPoint.TryParse(config.Amf.N2Listen, out IPEndPoint? ep) && ep.Port != 0 ? ep
            : throw new ConfigException($"amf.n2Listen: '{config.Amf.N2Listen}' is not an address:port");

    // A peer's apiRoot: the configured URI when there is one, else the NRF's answer, else this process's own listener.
    private static async Task<Uri> PeerRootAsync(string? configured, string nfType, string service, Uri fallback, NrfClient nrf, CancellationToken ct)
    {
        if (configured is { })
        {
            return new Uri(configured.EndsWith('/') ? configured : configured + "/");
        }
        var resolved = await nrf.ResolveServiceAsync(nfType, service, null, ct).ConfigureAwait(false);
        Uri root = resolved.IsOk ? resolved.Value! : fallback;
        return new Uri(root.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <summary>
    /// Starts N2 and the AMF core. <paramref name="ausf"/> resolves the AUSF's apiRoot (through the NRF). When SCTP
    /// cannot run here, returns null and says why in <paramref name="addresses"/>: the rest of the core still serves.
    /// </summary>
    public static async Task<AmfHost?> StartAsync(UpConfig config, SbiClient sbi, NrfClient nrf, IAccessTokenSource? tokens, ILoggerFactory loggers, List<string> addresses, CancellationToken ct)
    {
        AmfConfiguration amfConfig = Configuration(config);
        IPEndPoint n2 = N2Address(config);
        if (!Enum.TryParse(config.Amf.SctpBackend, ignoreCase: true, out SctpBackendKind backend))
        {
            throw new ConfigException($"amf.sctpBackend: '{config.Amf.SctpBackend}' must be auto, kernel or usrsctp");
        }
        Uri ausfRoot = await PeerRootAsync(config.Amf.AusfUri, NfTypes.Ausf, "nausf-auth", config.ListenOf(config.Ausf), nrf, ct).ConfigureAwait(false);
        IUdmClient? udm = null;
        if (config.Amf.SubscriptionFromUdm)
        {
            Uri udmRoot = await PeerRootAsync(config.Amf.UdmUri, NfTypes.Udm, "nudm-sdm", config.ListenOf(config.Udm), nrf, ct).ConfigureAwait(false);
            udm = new UdmHttpClient(sbi, udmRoot);
        }
        SctpTransport transport;
        try
        {
            transport = SctpTransport.Create(new SctpOptions
            {
                Backend = backend,
                UdpEncapsulationPort = config.Amf.UdpEncapsulationPort,
            }, loggers.CreateLogger("sctp"));
        }
        catch (SctpException e)
        {
            addresses.Add("AMF   N2 not started: " + e.Message);
            return null;
        }
        var server = new N2Server(transport, new N2Options { ListenAddresses = [n2] }, loggers.CreateLogger("n2"));
        var ngap = new AmfNgap(amfConfig, loggers.CreateLogger<AmfNgap>());
        // SMF selection: the configured apiRoot, else NRF discovery of nsmf-pdusession at each establishment.
        Uri? smfRoot = config.Amf.SmfUri is { } s ? new Uri(s.EndsWith('/') ? s : s + "/") : null;
        var smf = new SmfHttpClient(sbi.Http, tokens, async (_, _, c) =>
        {
            if (smfRoot is not null)
            {
                return GlassCore.Sbi.Result<Uri>.Ok(smfRoot);
            }
            var r = await nrf.ResolveServiceAsync(NfTypes.Smf, "nsmf-pdusession", null, c).ConfigureAwait(false);
            return r.IsOk ? GlassCore.Sbi.Result<Uri>.Ok(new Uri(r.Value!.GetLeftPart(UriPartial.Authority) + "/")) : r;
        }, TimeSpan.FromSeconds(config.Sbi.RequestTimeoutSeconds));
        var amf = new AmfContext(amfConfig, new AusfHttpClient(sbi, ausfRoot), ngap, log: loggers.CreateLogger<AmfContext>(), smf: smf, udm: udm);
        try
        {
            server.Start();
        }
        catch (SctpException e)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            await transport.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"N2 on {n2}: {e.Message}", e);
        }
        ngap.Start(amf, server);
        string encapsulation = transport.Backend == SctpBackendKind.Usrsctp
            ? config.Amf.UdpEncapsulationPort == 0 ? ", usrsctp over raw IP" : $", usrsctp over UDP port {config.Amf.UdpEncapsulationPort}"
            : ", kernel SCTP";
        addresses.Add($"AMF   N2 sctp://{n2} (NGAP, PPID 60{encapsulation}); {amfConfig.AmfName}, PLMN {amfConfig.Plmn}, TAC {string.Join(",", config.Amf.Tacs)}; AUSF at {ausfRoot}{(udm is null ? "" : "; UDM registration and subscription data on")}");
        return new AmfHost(transport, server, ngap, amf);
    }

    public async ValueTask DisposeAsync()
    {
        await Ngap.DisposeAsync().ConfigureAwait(false);
        await Context.DisposeAsync().ConfigureAwait(false);
        await Server.DisposeAsync().ConfigureAwait(false);
        await Transport.DisposeAsync().ConfigureAwait(false);
    }
}
