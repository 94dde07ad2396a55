// TS 33.501 §13.1: the SBI over TLS, and mutual TLS, by configuration. Certificates are made here (CertificateRequest):
// a CA, an NF certificate for 127.0.0.1 that the NFs present as server and as client, and a client certificate from
// a CA the core does not trust. Every NF (NRF registration, AUSF → UDM → UDR) then talks over TLS.
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using GlassCore.Cli.Up;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;
using GlassCore.TestSupport;

namespace GlassCore.Cli.Tests;

public sealed class TlsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gc-tls-" + Guid.NewGuid().ToString("N"));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public TlsTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static X509Certificate2 MakeCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
        return req.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>An end-entity certificate for 127.0.0.1, usable as TLS server and client, signed by <paramref name="ca"/>.</summary>
    private static X509Certificate2 MakeLeaf(X509Certificate2 ca, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        req.CertificateExtensions.Add(san.Build());
        byte[] serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using X509Certificate2 pub = req.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), serial);
        return pub.CopyWithPrivateKey(key);
    }

    private (string Cert, string Key) WritePem(X509Certificate2 cert, string name)
    {
        string c = Path.Combine(_dir, name + ".crt"), k = Path.Combine(_dir, name + ".key");
        File.WriteAllText(c, cert.ExportCertificatePem());
        if (cert.GetECDsaPrivateKey() is ECDsa key)
        {
            using (key)
            {
                File.WriteAllText(k, key.ExportPkcs8PrivateKeyPem());
            }
        }
        return (c, k);
    }

    private async Task<(CoreHost Host, Uri Base, string CaPath, X509Certificate2 NfCert)> StartCoreAsync(bool mutual)
    {
        using X509Certificate2 ca = MakeCa("GlassCore test SBI CA");
        X509Certificate2 nf = MakeLeaf(ca, "nf.glasscore.test");
        (string caPath, _) = WritePem(ca, "ca");
        (string certPath, string keyPath) = WritePem(nf, "nf");
        int port = CoreFixture.FreePort();
        var config = new UpConfig { DataDir = Path.Combine(_dir, "data"), LogLevel = "none" };
        config.Sbi.Listen = $"https://127.0.0.1:{port}";
        config.Sbi.TlsCertificate = certPath;
        config.Sbi.TlsKey = keyPath;
        config.Sbi.TlsCa = caPath;
        config.Sbi.TlsClientCa = mutual ? caPath : null;
        config.Sbi.RequestTimeoutSeconds = 120;
        config.Validated();
        // Registration with the NRF retries until it succeeds: a TLS set-up that does not work ends here, not in a hang.
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        startup.CancelAfter(TimeSpan.FromMinutes(2));
        // The home-network NFs that 5G-AKA crosses: no N2, N4 or TUN here, so parallel tests do not collide on their ports.
        CoreHost host = await CoreHost.StartAsync(config, ["nrf", "udr", "udm", "ausf"], startup.Token);
        return (host, new Uri($"https://127.0.0.1:{port}"), caPath, nf);
    }

    private static HttpClient Client(string? trustedCa, X509Certificate2? clientCert)
    {
        var handler = new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions() };
        if (trustedCa is not null)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(trustedCa);
            handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            handler.SslOptions.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        }
        if (clientCert is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCert];
        }
        return new HttpClient(handler) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
    }

    /// <summary>A complete 5G-AKA of a demo subscriber through AUSF → UDM → UDR, as an AMF registered with the NRF.</summary>
    internal static async Task AuthenticateAsync(HttpClient http, Uri baseUri)
    {
        string amfId = Guid.NewGuid().ToString();
        using var nrf = new NrfClient(http, baseUri, new SbiClientOptions()) { NfInstanceId = amfId, NfType = "AMF" };
        var reg = await nrf.RegisterAsync(new NFProfile { NfInstanceId = amfId, NfType = "AMF", NfStatus = "REGISTERED", Ipv4Addresses = ["127.0.0.9"] }, Ct);
        Assert.True(reg.IsOk, reg.Problem?.Detail);
        string token = (await nrf.GetTokenAsync("AUSF", "nausf-auth", Ct))!;
        using var start = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "/nausf-auth/v1/ue-authentications"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StringContent($"{{\"supiOrSuci\":\"imsi-999700000000001\",\"servingNetworkName\":\"{DemoUe.Snn}\"}}", Encoding.UTF8, "application/json"),
        };
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using HttpResponseMessage started = await http.SendAsync(start, Ct);
        string text = await started.Content.ReadAsStringAsync(Ct);
        Assert.True(started.StatusCode == HttpStatusCode.Created, text);
        Assert.Equal(HttpVersion.Version20, started.Version);
        JsonElement ctx = CoreFixture.Json(text);
        JsonElement av = ctx.GetProperty("5gAuthData");
        UeResult ue = UeSim.Answer(DemoUe.K1, DemoUe.Opc1, av.GetProperty("rand").GetString()!, av.GetProperty("autn").GetString()!, DemoUe.Snn);
        Assert.True(ue.MacOk);
        using var confirm = new HttpRequestMessage(HttpMethod.Put, new Uri(baseUri, ctx.GetProperty("_links").GetProperty("5g-aka").GetProperty("href").GetString()!))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StringContent($"{{\"resStar\":\"{Convert.ToHexString(ue.ResStar)}\"}}", Encoding.UTF8, "application/json"),
        };
        confirm.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using HttpResponseMessage confirmed = await http.SendAsync(confirm, Ct);
        string result = await confirmed.Content.ReadAsStringAsync(Ct);
        Assert.True(confirmed.StatusCode == HttpStatusCode.OK, result);
        Assert.Equal("AUTHENTICATION_SUCCESS", CoreFixture.Json(result).GetProperty("authResult").GetString());
    }

    private static async Task AssertRefusedAsync(HttpClient http, Uri baseUri)
    {
        // The handshake fails (untrusted server, or a client certificate the server refuses), so no HTTP status at all.
        // With TLS 1.3 the server checks the client's certificate after the client has finished its side of the
        // handshake, so a refused certificate can also show as the connection closing before the server's HTTP/2
        // preface; either way no request reached the server.
        HttpRequestException e = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(baseUri, "/nnrf-disc/v1/nf-instances?target-nf-type=UDM&requester-nf-type=AMF"), Ct));
        Assert.Null(e.StatusCode);
        Assert.True(e.InnerException is AuthenticationException or IOException
            || e.HttpRequestError is HttpRequestError.SecureConnectionError or HttpRequestError.ConnectionError
            || e.Message.Contains("server did not complete the HTTP/2 handshake", StringComparison.Ordinal),
            e.HttpRequestError + ": " + e);
    }

    [Fact]
    public async Task Tls_EveryNfOverTls_AuthenticationWorks_UntrustedServerRefusedByClient()
    {
        var (host, baseUri, caPath, nfCert) = await StartCoreAsync(mutual: false);
        await using (host)
        {
            try
            {
                using (HttpClient trusting = Client(caPath, null))
                {
                    await AuthenticateAsync(trusting, baseUri);
                }
                using HttpClient systemTrust = Client(null, null);
                await AssertRefusedAsync(systemTrust, baseUri);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
                nfCert.Dispose();
            }
        }
    }

    [Fact]
    public async Task MutualTls_ClientCertificateFromTheCa_Works_NoneOrForeignIsRefused()
    {
        var (host, baseUri, caPath, nfCert) = await StartCoreAsync(mutual: true);
        await using (host)
        {
            try
            {
                using (HttpClient withCert = Client(caPath, nfCert))
                {
                    await AuthenticateAsync(withCert, baseUri);
                }
                using (HttpClient noCert = Client(caPath, null))
                {
                    await AssertRefusedAsync(noCert, baseUri);
                }
                using X509Certificate2 otherCa = MakeCa("someone else's CA");
                using X509Certificate2 foreign = MakeLeaf(otherCa, "intruder");
                using HttpClient foreignCert = Client(caPath, foreign);
                await AssertRefusedAsync(foreignCert, baseUri);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
                nfCert.Dispose();
            }
        }
    }
}
