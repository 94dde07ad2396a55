// The composition root of `glasscore up` (style anchor #13: no singletons): builds the NFs a process runs, puts
// the ones that share a listen address on one Kestrel server, registers them with the NRF and tears it all down.
using System.Net;
using System.Security.Cryptography;
using GlassCore.Ausf;
using GlassCore.Nrf;
using GlassCore.Sbi;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Security;
using GlassCore.Sbi.Server;
using GlassCore.Security;
using GlassCore.Udm;
using GlassCore.Udr;
using GlassCore.Udr.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GlassCore.Cli.Up;

internal sealed partial class CoreHost : IAsyncDisposable
{
    public static readonly string[] AllNfs = ["nrf", "udr", "udm", "ausf", "amf", "upf", "smf", "pcf", "nssf"];

    private readonly List<WebApplication> _apps = [];
    private readonly List<NfRegistrar> _registrars = [];
    private readonly List<IDisposable> _disposables = [];
    private SubscriberStore? _store;
    private HttpClient? _http;
    private AmfHost? _amfHost;
    private UpfHost? _upf;

    public List<string> Addresses { get; } = [];
    public SubscriberStore? Store => _store;

    /// <summary>The AMF and its N2 endpoint when this process runs one and SCTP could start.</summary>
    public AmfHost? Amf => _amfHost;

    public static async Task<CoreHost> StartAsync(UpConfig config, IReadOnlyCollection<string> nfs, CancellationToken ct)
    {
        var host = new CoreHost();
        try
        {
            await host.StartInternalAsync(config, nfs, ct).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class Group
    {
        public required SbiServerOptions Options { get; init; }
        public List<Action<IEndpointRouteBuilder>> Maps { get; } = [];
    }

    private async Task StartInternalAsync(UpConfig config, IReadOnlyCollection<string> nfs, CancellationToken ct)
    {
        Directory.CreateDirectory(config.DataDir);
        LogLevel level = Enum.Parse<LogLevel>(config.LogLevel, ignoreCase: true);
        using ILoggerFactory loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(level));
        ILogger log = level == LogLevel.None ? NullLogger.Instance : loggers.CreateLogger("glasscore");
        var clientOptions = new SbiClientOptions
        {
            RequestTimeout = TimeSpan.FromSeconds(config.Sbi.RequestTimeoutSeconds),
            MaxRetries = config.Sbi.MaxRetries,
            TrustedCaPath = config.Sbi.TlsCa ?? config.Sbi.TlsClientCa,
            ClientCertificatePath = config.Sbi.TlsClientCa is null ? null : config.Sbi.TlsCertificate,
            ClientKeyPath = config.Sbi.TlsClientCa is null ? null : config.Sbi.TlsKey,
        };
        _http = SbiHttpClientFactory.Create(clientOptions);
        bool oauth = config.Sbi.Oauth2;
        string keyPath = config.DataPath("nrf-es256.pem");
        ECDsa? nrfKey = nfs.Contains("nrf") ? NrfSigningKey.LoadOrCreate(keyPath) : null;
        ECDsa? verifyKey = null;
        if (oauth && nfs.Any(n => n is not ("nrf" or "upf")))
        {
            string pub = config.Sbi.NrfPublicKey ?? NrfSigningKey.PublicPemPath(keyPath);
            verifyKey = nrfKey ?? (File.Exists(pub) ? NrfSigningKey.LoadPublic(pub)
                : throw new ConfigException($"OAuth2 is on but the NRF public key {pub} is missing: set sbi.nrfPublicKey or sbi.oauth2: false"));
        }
        if (nrfKey is not null)
        {
            _disposables.Add(nrfKey);
        }

        var groups = new Dictionary<Uri, Group>();
        Group GroupOf(UpConfig.NfConfig nf)
        {
            Uri listen = config.ListenOf(nf);
            if (!groups.TryGetValue(listen, out Group? g))
            {
                g = new Group
                {
                    Options = new SbiServerOptions
                    {
                        Listen = listen,
                        MinimumLogLevel = level,
                        Tls = config.Sbi.TlsCertificate is null ? null : new SbiTlsOptions { CertificatePath = config.Sbi.TlsCertificate, KeyPath = config.Sbi.TlsKey, ClientCaPath = config.Sbi.TlsClientCa },
                    },
                };
                groups[listen] = g;
            }
            return g;
        }
        void Protect(Group g, string nfType, string instanceId, params string[] services)
        {
            if (!oauth)
            {
                return;
            }
            var validator = new AccessTokenValidator(verifyKey!, nfType, instanceId);
            foreach (string s in services)
            {
                g.Options.ProtectedApis.Add(new ProtectedApi("/" + s + "/", s, validator));
            }
        }
        NrfClient NrfClientFor(string nfType, UpConfig.NfConfig nf)
        {
            var c = new NrfClient(_http, config.NrfUri, clientOptions) { NfInstanceId = nf.InstanceId, NfType = nfType };
            _disposables.Add(c);
            return c;
        }
        var profiles = new List<(NrfClient Client, NFProfile Profile)>();

        if (nfs.Contains("nrf"))
        {
            var nrf = new Nrf.Nrf(new NrfOptions { NfInstanceId = config.Nrf.InstanceId }, nrfKey!, new HttpNfStatusNotifier(_http));
            GroupOf(config.Nrf).Maps.Add(nrf.Map);
            Addresses.AddRange(Urls(config.ListenOf(config.Nrf), "NRF", "/nnrf-nfm/v1", "/nnrf-disc/v1", "/oauth2/token"));
        }
        if (nfs.Contains("udr"))
        {
            byte[]? secret = config.Udr.SecretKey is null ? null : Convert.FromHexString(config.Udr.SecretKey);
            _store = config.Udr.Storage == "postgres"
                ? await SubscriberStore.OpenPostgresAsync(config.Udr.PostgresConnectionString!, secret, ct).ConfigureAwait(false)
                : await SubscriberStore.OpenSqliteAsync(config.DataPath(config.Udr.SqlitePath), secret, ct).ConfigureAwait(false);
            if (config.DemoSubscribers && await _store.CountAsync(ct).ConfigureAwait(false) == 0)
            {
                await _store.ImportBatchAsync(DemoSubscribers.All, ct).ConfigureAwait(false);
            }
            var dr = new DataRepositoryProcessor(_store);
            SubscriberStore store = _store;
            Group g = GroupOf(config.Udr);
            g.Maps.Add(app => UdrEndpoints.Map(app, dr));
            var sdmNotifier = new SdmChangeNotifier(store, _http);
            g.Maps.Add(app => ManagementEndpoints.Map(app, store, sdmNotifier));
            Protect(g, NfTypes.Udr, config.Udr.InstanceId, UdrEndpoints.ServiceName);
            profiles.Add((NrfClientFor(NfTypes.Udr, config.Udr), Profile(config, NfTypes.Udr, config.Udr, "nudr-dr")));
            Addresses.AddRange(Urls(config.ListenOf(config.Udr), "UDR", "/nudr-dr/v2", ManagementEndpoints.ApiRoot));
        }
        if (nfs.Contains("udm"))
        {
            NrfClient nrfc = NrfClientFor(NfTypes.Udm, config.Udm);
            var udr = new UdrClient(new SbiClient(_http, clientOptions, oauth ? nrfc : null), ct2 => nrfc.ResolveServiceAsync(NfTypes.Udr, "nudr-dr", null, ct2));
            HomeNetworkKeys hnKeys = HomeNetworkKeys.LoadOrCreate(config);
            _disposables.Add(hnKeys);
            var ueau = new UeauProcessor(udr, new SuciResolver(hnKeys), new SqnFreshnessPolicy(),
                new AuthenticationSubscriptionCache(TimeSpan.FromSeconds(config.Udm.AuthenticationSubscriptionCacheSeconds)));
            _disposables.Add(ueau);
            var sdm = new SdmProcessor(udr, config.Plmn.Mcc + config.Plmn.Mnc);
            var uecm = new UecmProcessor(udr);
            Group g = GroupOf(config.Udm);
            g.Maps.Add(app => UdmEndpoints.Map(app, ueau, sdm, uecm));
            Protect(g, NfTypes.Udm, config.Udm.InstanceId, "nudm-ueau", "nudm-sdm", "nudm-uecm");
            profiles.Add((nrfc, Profile(config, NfTypes.Udm, config.Udm, "nudm-ueau", "nudm-sdm", "nudm-uecm")));
            Addresses.AddRange(Urls(config.ListenOf(config.Udm), "UDM", "/nudm-ueau/v1", "/nudm-sdm/v2", "/nudm-uecm/v1"));
            HomeNetworkKeys.Describe(hnKeys, Addresses);
        }
        if (nfs.Contains("ausf"))
        {
            NrfClient nrfc = NrfClientFor(NfTypes.Ausf, config.Ausf);
            var udm = new UdmUeauClient(new SbiClient(_http, clientOptions, oauth ? nrfc : null),
                (id, ct2) => nrfc.ResolveServiceAsync(NfTypes.Udm, "nudm-ueau", id.StartsWith("imsi-", StringComparison.Ordinal) ? id : null, ct2));
            var auth = new UeAuthenticationProcessor(udm, config.Ausf.InstanceId);
            Group g = GroupOf(config.Ausf);
            g.Maps.Add(app => AusfEndpoints.Map(app, auth));
            Protect(g, NfTypes.Ausf, config.Ausf.InstanceId, "nausf-auth");
            profiles.Add((nrfc, Profile(config, NfTypes.Ausf, config.Ausf, "nausf-auth")));
            Addresses.AddRange(Urls(config.ListenOf(config.Ausf), "AUSF", "/nausf-auth/v1"));
        }

        NrfClient? amfNrf = null;
        if (nfs.Contains("amf"))
        {
            // The AMF consumes the SBI (tokens need it registered with the NRF); N2 starts once the NFs serve.
            amfNrf = NrfClientFor(NfTypes.Amf, config.Amf);
            // Namf_Communication (N1N2MessageTransfer from the SMF) is served once N2 runs; before that it answers 503.
            Group g = GroupOf(config.Amf);
            g.Maps.Add(app => GlassCore.Amf.Sbi.NamfCommEndpoints.Map(app, () => _amfHost?.Context));
            g.Maps.Add(app => GlassCore.Amf.Sbi.NamfCallbackEndpoints.Map(app, () => _amfHost?.Context));
            g.Maps.Add(app => GlassCore.Amf.Sbi.AmfManagementEndpoints.Map(app, () => _amfHost?.Context));
            Protect(g, NfTypes.Amf, config.Amf.InstanceId, GlassCore.Amf.Sbi.NamfCommEndpoints.ServiceName);
            profiles.Add((amfNrf, Profile(config, NfTypes.Amf, config.Amf, GlassCore.Amf.Sbi.NamfCommEndpoints.ServiceName)));
            Addresses.AddRange(Urls(config.ListenOf(config.Amf), "AMF", GlassCore.Amf.Sbi.NamfCommEndpoints.ApiRoot));
        }

        if (nfs.Contains("upf"))
        {
            _upf = UpfHost.Start(config.Upf, level, Addresses);
        }

        await StartSessionNfsAsync(config, nfs, clientOptions, oauth, GroupOf, Protect, NrfClientFor, profiles, log, ct).ConfigureAwait(false);

        foreach (Group g in groups.Values)
        {
            WebApplication app = SbiServer.Create(g.Options);
            foreach (Action<IEndpointRouteBuilder> map in g.Maps)
            {
                map(app);
            }
            SbiServer.MapFallback(app);
            await app.StartAsync(ct).ConfigureAwait(false);
            _apps.Add(app);
        }
        foreach ((NrfClient client, NFProfile profile) in profiles)
        {
            var r = new NfRegistrar(client, profile, log);
            await r.StartAsync(ct).ConfigureAwait(false);
            _registrars.Add(r);
        }
        if (amfNrf is not null)
        {
            _amfHost = await AmfHost.StartAsync(config, new SbiClient(_http, clientOptions, oauth ? amfNrf : null), amfNrf, oauth ? amfNrf : null, loggers, Addresses, ct).ConfigureAwait(false);
        }
    }

    private static IEnumerable<string> Urls(Uri listen, string nf, params string[] roots) =>
        roots.Select(r => $"{nf,-5} {listen.Scheme}://{listen.Authority}{r}{(listen.Scheme == "http" ? "  (h2c)" : "  (h2 over TLS)")}");

    /// <summary>TS 29.510 NFProfile for an NF of this process: its services, addresses and PLMN.</summary>
    internal static NFProfile Profile(UpConfig config, string nfType, UpConfig.NfConfig nf, params string[] services)
    {
        Uri listen = config.ListenOf(nf);
        string host = listen.Host is "0.0.0.0" or "*" or "+" ? "127.0.0.1" : listen.Host;
        bool isIp = IPAddress.TryParse(host, out _);
        var plmn = new PlmnId { Mcc = config.Plmn.Mcc, Mnc = config.Plmn.Mnc };
        return new NFProfile
        {
            NfInstanceId = nf.InstanceId,
            NfType = nfType,
            NfStatus = "REGISTERED",
            PlmnList = [plmn],
            Ipv4Addresses = isIp ? [host] : null,
            Fqdn = isIp ? null : host,
            NfServices = [.. services.Select((s, i) => new NFService
            {
                ServiceInstanceId = $"{nfType.ToLowerInvariant()}-{i}",
                ServiceName = s,
                Versions = [new NFServiceVersion { ApiVersionInUri = s is "nudr-dr" or "nudm-sdm" ? "v2" : "v1", ApiFullVersion = s is "nudr-dr" or "nudm-sdm" ? "2.3.0" : "1.3.0" }],
                Scheme = listen.Scheme,
                NfServiceStatus = "REGISTERED",
                Fqdn = isIp ? null : host,
                IpEndPoints = isIp ? [new IpEndPoint { Ipv4Address = host, Transport = "TCP", Port = listen.Port }] : null,
            })],
        };
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_amfHost is not null)
        {
            // N2 first: no new UE work arrives while the NFs it calls go away.
            await _amfHost.DisposeAsync().ConfigureAwait(false);
            _amfHost = null;
        }
        foreach (NfRegistrar r in _registrars)
        {
            try
            {
                await r.StopAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // The NRF may already be gone; its heartbeat timeout then retires the profile.
            }
        }
        foreach (WebApplication app in _apps)
        {
            await app.StopAsync(ct).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_amfHost is not null)
        {
            await _amfHost.DisposeAsync().ConfigureAwait(false);
        }
        foreach (NfRegistrar r in _registrars)
        {
            await r.DisposeAsync().ConfigureAwait(false);
        }
        foreach (WebApplication app in _apps)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
        if (_upf is not null)
        {
            await _upf.DisposeAsync().ConfigureAwait(false);
        }
        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }
        foreach (IDisposable d in _disposables)
        {
            d.Dispose();
        }
        _http?.Dispose();
    }
}
