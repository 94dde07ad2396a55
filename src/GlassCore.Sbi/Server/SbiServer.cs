// TS 29.500 §5.2: SBI producers speak HTTP/2: cleartext with prior knowledge (h2c) by default, TLS (and mutual
// TLS) when configured (TS 33.501 §13.1). One WebApplication serves every NF that shares a listen address.
using System.Net;
using System.Security.Cryptography.X509Certificates;
using GlassCore.Sbi.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GlassCore.Sbi.Server;

public sealed class SbiTlsOptions
{
    public string? CertificatePath { get; set; }
    public string? KeyPath { get; set; }
    /// <summary>When set, clients must present a certificate chaining to this CA (mutual TLS).</summary>
    public string? ClientCaPath { get; set; }
}

/// <summary>
/// An SBI API root guarded by OAuth2: requests under <see cref="Prefix"/> need a token, checked by the producing NF's
/// <see cref="Validator"/> (its own audience), whose scope names <see cref="ServiceName"/>.
/// </summary>
public sealed record ProtectedApi(string Prefix, string ServiceName, AccessTokenValidator Validator);

public sealed class SbiServerOptions
{
    /// <summary>Listen URI, e.g. http://127.0.0.1:7777 (h2c) or https://0.0.0.0:7777.</summary>
    public Uri Listen { get; set; } = new("http://127.0.0.1:7777");
    public SbiTlsOptions? Tls { get; set; }
    public List<ProtectedApi> ProtectedApis { get; } = [];
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Warning;
}

public static class SbiServer
{
    /// <summary>Builds a Kestrel application listening on the configured address with HTTP/2 only.</summary>
    public static WebApplication Create(SbiServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // No appsettings files are read from the working directory, and none is watched: the default host watches its
        // content root recursively for config changes, and with the data directory below it every SQLite write
        // became a file-system event to read (about 5 % of a registration's time in a trace).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        if (options.MinimumLogLevel > LogLevel.Information)
        {
            // Hosting starts a System.Diagnostics.Activity per request whenever this category is enabled at any level,
            // and HttpClient then starts a child Activity for every NF-to-NF call made inside that request. Its own
            // messages are Information and below, so above that it is switched off rather than paying per request.
            builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        }
        builder.Services.AddRoutingCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = SbiHttp.MaxBodyBytes;
            k.Limits.Http2.MaxStreamsPerConnection = 1000;
            IPAddress address = ResolveAddress(options.Listen.Host);
            k.Listen(address, options.Listen.Port, lo =>
            {
                lo.Protocols = HttpProtocols.Http2;
                if (options.Listen.Scheme == Uri.UriSchemeHttps)
                {
                    ConfigureTls(lo, options.Tls ?? throw new InvalidOperationException("https listen address needs tls.certificate and tls.key"));
                }
            });
        });
        WebApplication app = builder.Build();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
            {
                // Bad input must never take the NF down: the request fails with 500 and the server keeps serving.
                SbiLog.RequestFailed(app.Logger, e, context.Request.Method, context.Request.Path.Value ?? "");
                await SbiHttp.WriteProblemAsync(context.Response, Problems.SystemFailure("internal error")).ConfigureAwait(false);
            }
        });
        if (options.ProtectedApis.Count > 0)
        {
            app.Use((context, next) => CheckTokenAsync(context, next, options));
        }
        app.UseRouting();
        return app;
    }

    /// <summary>After the NFs mapped their routes: unknown URIs get a ProblemDetails 404, not an empty body.</summary>
    public static void MapFallback(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapFallback((RequestDelegate)(context => SbiHttp.WriteProblemAsync(context.Response,
            Problems.ResourceUriStructureNotFound($"no resource at {context.Request.Method} {context.Request.Path}"), context.RequestAborted)));
    }

    private static async Task CheckTokenAsync(HttpContext context, RequestDelegate next, SbiServerOptions options)
    {
        string path = context.Request.Path.Value ?? "";
        ProtectedApi? api = null;
        foreach (ProtectedApi p in options.ProtectedApis)
        {
            if (path.StartsWith(p.Prefix, StringComparison.Ordinal))
            {
                api = p;
                break;
            }
        }
        if (api is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        TokenCheck check = await api.Validator.CheckAsync(context.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, api.ServiceName).ConfigureAwait(false);
        switch (check)
        {
            case TokenCheck.Valid:
                await next(context).ConfigureAwait(false);
                return;
            case TokenCheck.InsufficientScope:
                // RFC 6750 §3.1 / TS 29.500 §5.2.7.2: a valid token without the service in its scope.
                context.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{api.ServiceName}\"";
                await SbiHttp.WriteProblemAsync(context.Response, Problems.InsufficientScope($"token scope does not include {api.ServiceName}"), context.RequestAborted).ConfigureAwait(false);
                return;
            default:
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await SbiHttp.WriteProblemAsync(context.Response, Problems.AccessTokenDenied("missing, invalid or expired access token"), context.RequestAborted).ConfigureAwait(false);
                return;
        }
    }

    private static IPAddress ResolveAddress(string host)
    {
        if (host is "localhost")
        {
            return IPAddress.Loopback;
        }
        if (host is "*" or "+" or "0.0.0.0")
        {
            return IPAddress.Any;
        }
        if (IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? ip))
        {
            return ip;
        }
        return Dns.GetHostAddresses(host).First();
    }

    private static void ConfigureTls(ListenOptions lo, SbiTlsOptions tls)
    {
        if (tls.CertificatePath is null)
        {
            throw new InvalidOperationException("tls.certificate is required for an https listen address");
        }
        X509Certificate2 cert = tls.KeyPath is null
            ? X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath, null)
            : X509Certificate2.CreateFromPemFile(tls.CertificatePath, tls.KeyPath);
        X509Certificate2Collection? clientCas = null;
        if (tls.ClientCaPath is not null)
        {
            clientCas = [];
            clientCas.ImportFromPemFile(tls.ClientCaPath);
        }
        lo.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = cert,
            ClientCertificateMode = clientCas is null ? ClientCertificateMode.NoCertificate : ClientCertificateMode.RequireCertificate,
            ClientCertificateValidation = clientCas is null ? null : (c, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(clientCas);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(c);
            },
        });
    }
}
