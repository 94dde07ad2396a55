// TS 29.500 §5.2 / §6.? : consumers use HTTP/2; for http:// URIs that is h2c with prior knowledge, so the request
// version is exactly 2.0 (no upgrade, no fallback to HTTP/1.1).
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace GlassCore.Sbi.Client;

public sealed class SbiClientOptions
{
    /// <summary>Per-attempt timeout (TS 29.500 §6.11: the consumer's own request timer).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Retries after a connection failure, a timeout, or a 503/504 (TS 29.500 §6.10 / §6.11).</summary>
    public int MaxRetries { get; set; } = 2;
    public string? ClientCertificatePath { get; set; }
    public string? ClientKeyPath { get; set; }
    public string? TrustedCaPath { get; set; }
}

public static class SbiHttpClientFactory
{
    public static HttpClient Create(SbiClientOptions? options = null)
    {
        options ??= new SbiClientOptions();
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };
        if (options.ClientCertificatePath is not null || options.TrustedCaPath is not null)
        {
            var ssl = new SslClientAuthenticationOptions();
            if (options.ClientCertificatePath is not null)
            {
                ssl.ClientCertificates = [options.ClientKeyPath is null
                    ? X509CertificateLoader.LoadPkcs12FromFile(options.ClientCertificatePath, null)
                    : X509Certificate2.CreateFromPemFile(options.ClientCertificatePath, options.ClientKeyPath)];
            }
            if (options.TrustedCaPath is not null)
            {
                var roots = new X509Certificate2Collection();
                roots.ImportFromPemFile(options.TrustedCaPath);
                ssl.RemoteCertificateValidationCallback = (_, cert, _, errors) =>
                {
                    if (cert is null)
                    {
                        return false;
                    }
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None && chain.Build(new X509Certificate2(cert));
                };
            }
            handler.SslOptions = ssl;
        }
        return new HttpClient(handler, disposeHandler: true)
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout.InfiniteTimeSpan, // per attempt, in SbiClient
        };
    }
}
