// The home network of 5G authentication (TS 33.501 §6.1.3), composed for the NF tests of the UDM and the AUSF: the UDR
// on a temporary SQLite file, the UDM with a Profile A and a Profile B home network key, and the AUSF, on one h2c
// server with OAuth2 on (tokens minted with a local NRF key), each consumer calling its producer over HTTP/2.
// Linked into GlassCore.Udm.Tests and GlassCore.Ausf.Tests (not compiled into TestSupport, which stays free of NFs).
using System.Security.Cryptography;
using GlassCore.Ausf;
using GlassCore.Sbi;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;
using GlassCore.Security;
using GlassCore.Udm;
using GlassCore.Udr;
using GlassCore.Udr.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace GlassCore.TestSupport;

public sealed class HomeNetwork : IAsyncLifetime
{
    public const string UdrId = "8f7a1c4e-0000-4000-8000-000000000002";
    public const string UdmId = "8f7a1c4e-0000-4000-8000-000000000003";
    public const string AusfId = "8f7a1c4e-0000-4000-8000-000000000004";
    public const string AmfId = "5a1b2c3d-0000-4000-8000-00000000a0f1";
    public const string Snn = "5G:mnc070.mcc999.3gppnetwork.org";
    public const byte ProfileAKeyId = 1, ProfileBKeyId = 2;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gc-hn-" + Guid.NewGuid().ToString("N"));
    private readonly SuciDeconcealer _sidf = new(allowNullScheme: true);
    private readonly Dictionary<string, int> _udrRequests = new(StringComparer.Ordinal);

    /// <summary>How long the UDM reuses an authentication subscription; tests of the UDR's answers use zero.</summary>
    public TimeSpan CacheLifetime { get; init; } = TimeSpan.FromSeconds(30);
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
    public SbiTestHost Host { get; private set; } = null!;
    public SubscriberStore Store { get; private set; } = null!;
    public AuthenticationSubscriptionCache Cache { get; private set; } = null!;
    public UeAuthenticationProcessor Ausf { get; private set; } = null!;
    public byte[] ProfileAPublicKey { get; private set; } = [];
    public byte[] ProfileBPublicKey { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        Store = await SubscriberStore.OpenSqliteAsync(Path.Combine(_dir, "udr.db"), null);
        byte[] a = RandomNumberGenerator.GetBytes(32);
        using (ECDiffieHellman b = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256))
        {
            byte[] d = b.ExportParameters(true).D!;
            _sidf.AddKey(ProtectionScheme.ProfileB, ProfileBKeyId, d);
            ProfileBPublicKey = SuciDeconcealer.PublicKey(ProtectionScheme.ProfileB, d);
        }
        _sidf.AddKey(ProtectionScheme.ProfileA, ProfileAKeyId, a);
        ProfileAPublicKey = SuciDeconcealer.PublicKey(ProtectionScheme.ProfileA, a);
        Cache = new AuthenticationSubscriptionCache(CacheLifetime, Time);
        Host = await SbiTestHost.StartAsync((options, maps, @base, key) =>
        {
            Result<Uri> Self(CancellationToken _) => Result<Uri>.Ok(@base);
            var clientOptions = new SbiClientOptions();
            // Every NF-to-NF client shares one HTTP/2 client, as in `glasscore up`; each NF asks for its own tokens.
            HttpClient http = SbiHttpClientFactory.Create(clientOptions);
            var udr = new UdrClient(new SbiClient(http, clientOptions, new LocalTokenSource(key, UdmId)), ct => Task.FromResult(Self(ct)));
            var ueau = new UeauProcessor(udr, new SuciResolver(new SidfDeconcealer(_sidf)), new SqnFreshnessPolicy(), Cache);
            var udm = new UdmUeauClient(new SbiClient(http, clientOptions, new LocalTokenSource(key, AusfId)), (_, ct) => Task.FromResult(Self(ct)));
            Ausf = new UeAuthenticationProcessor(udm, AusfId);
            maps.Add(app =>
            {
                // Counted before the endpoints run: what the UDM asks of the UDR.
                ((IApplicationBuilder)app).Use((HttpContext c, RequestDelegate next) =>
                {
                    if (c.Request.Path.StartsWithSegments(UdrEndpoints.ApiRoot, StringComparison.Ordinal))
                    {
                        string path = c.Request.Path.Value!;
                        string name = c.Request.Method + " " + path[(path.LastIndexOf('/') + 1)..];
                        lock (_udrRequests)
                        {
                            _udrRequests[name] = _udrRequests.GetValueOrDefault(name) + 1;
                        }
                    }
                    return next(c);
                });
                UdrEndpoints.Map(app, new DataRepositoryProcessor(Store));
                UdmEndpoints.Map(app, ueau, new SdmProcessor(udr, "99970"), new UecmProcessor(udr));
                AusfEndpoints.Map(app, Ausf);
            });
            SbiTestHost.Protect(options, key, NfTypes.Udr, UdrId, UdrEndpoints.ServiceName);
            SbiTestHost.Protect(options, key, NfTypes.Udm, UdmId, "nudm-ueau", "nudm-sdm", "nudm-uecm");
            SbiTestHost.Protect(options, key, NfTypes.Ausf, AusfId, "nausf-auth");
        });
    }

    /// <summary>UDR requests by method and last path segment (e.g. "GET authentication-subscription") since the last call.</summary>
    public Dictionary<string, int> TakeUdrRequests()
    {
        lock (_udrRequests)
        {
            var copy = new Dictionary<string, int>(_udrRequests, StringComparer.Ordinal);
            _udrRequests.Clear();
            return copy;
        }
    }

    public Task<bool> ProvisionAsync(string supi, string k, string opc, string sqn = "000000000020", string authMethod = "5G_AKA") =>
        Store.AddAsync(new SubscriberRecord { Supi = supi, K = k, Opc = opc, Sqn = sqn, AuthMethod = authMethod }, CancellationToken.None);

    public string ConcealA(string supi) => SuciConcealer.Conceal(supi, ProtectionScheme.ProfileA, ProfileAKeyId, ProfileAPublicKey, mncDigits: 2).ToString();

    public string ConcealB(string supi) => SuciConcealer.Conceal(supi, ProtectionScheme.ProfileB, ProfileBKeyId, ProfileBPublicKey, mncDigits: 2).ToString();

    /// <summary>A token the AMF (SEAF) would hold for the AUSF, or the AUSF for the UDM.</summary>
    public string Token(string audience, string scope) => Host.Token(audience, scope, audience == NfTypes.Ausf ? AmfId : AusfId);

    public Task<(int Status, string Body, HttpResponseMessage Response)> Send(HttpMethod method, string path, string? json, string? token, string contentType = "application/json") =>
        Host.Send(method, path, json, token, contentType);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Store.DisposeAsync();
        _sidf.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
