// TS 29.500 §5.2 test harness: SBI producers on a Kestrel h2c server on a free loopback port, exactly as the NFs
// serve (GlassCore.Sbi.Server.SbiServer), with OAuth2 tokens minted locally by an NRF signing key so NF tests need no NRF.
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Security;
using GlassCore.Sbi.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace GlassCore.TestSupport;

public sealed class SbiTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SbiTestHost(WebApplication app, Uri @base, ECDsa nrfKey)
    {
        _app = app;
        Base = @base;
        NrfKey = nrfKey;
    }

    public Uri Base { get; }
    public HttpClient Http { get; } = SbiHttpClientFactory.Create();

    /// <summary>The key tokens are signed with (the NRF's, TS 33.501 §13.4.1.2); producers verify with it.</summary>
    public ECDsa NrfKey { get; }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>
    /// Starts one server. <paramref name="setup"/> maps the NFs' routes and may guard API roots with
    /// <see cref="Protect"/>; it gets the base URI the server listens on and the NRF key.
    /// </summary>
    public static async Task<SbiTestHost> StartAsync(Action<SbiServerOptions, List<Action<IEndpointRouteBuilder>>, Uri, ECDsa> setup, ECDsa? nrfKey = null)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var @base = new Uri($"http://127.0.0.1:{FreePort()}/");
        var options = new SbiServerOptions { Listen = @base, MinimumLogLevel = LogLevel.None };
        var maps = new List<Action<IEndpointRouteBuilder>>();
        ECDsa key = nrfKey ?? ECDsa.Create(ECCurve.NamedCurves.nistP256);
        setup(options, maps, @base, key);
        WebApplication app = SbiServer.Create(options);
        foreach (Action<IEndpointRouteBuilder> map in maps)
        {
            map(app);
        }
        SbiServer.MapFallback(app);
        await app.StartAsync().ConfigureAwait(false);
        return new SbiTestHost(app, @base, key);
    }

    /// <summary>Guards the API roots of one producer NF with token checks for its NF type and instance id.</summary>
    public static void Protect(SbiServerOptions options, ECDsa nrfKey, string nfType, string instanceId, params string[] services)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validator = new AccessTokenValidator(nrfKey, nfType, instanceId);
        foreach (string s in services)
        {
            options.ProtectedApis.Add(new ProtectedApi("/" + s + "/", s, validator));
        }
    }

    /// <summary>A token as the NRF would issue it to <paramref name="consumerId"/> for the audience and scope.</summary>
    public string Token(string audience, string scope, string consumerId = "5a1b2c3d-0000-4000-8000-00000000a0f1", TimeSpan? lifetime = null) =>
        new AccessTokenIssuer(NrfKey, "nrf-under-test").Issue(consumerId, audience, scope, lifetime ?? TimeSpan.FromHours(1));

    /// <summary>Sends a raw HTTP/2 request (h2c) with an optional bearer token; returns status and body.</summary>
    public Task<(int Status, string Body, HttpResponseMessage Response)> Send(HttpMethod method, string path, string? json, string? token = null,
        string contentType = "application/json") => SendAsync(Http, new Uri(Base, path), method, json, token, contentType);

    /// <summary>
    /// One raw HTTP/2-only request (h2c, no fallback to HTTP/1.1) with an optional JSON body and bearer token; the one
    /// sender of every test that talks SBI by hand.
    /// </summary>
    public static async Task<(int Status, string Body, HttpResponseMessage Response)> SendAsync(HttpClient http, Uri uri, HttpMethod method, string? json,
        string? token = null, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(http);
        using var req = new HttpRequestMessage(method, uri) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        if (json is not null)
        {
            req.Content = new StringContent(json, Encoding.UTF8);
            req.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        if (token is not null)
        {
            req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        HttpResponseMessage resp = await http.SendAsync(req).ConfigureAwait(false);
        string body = await resp.Content.ReadAsStringAsync().ConfigureAwait(false);
        return ((int)resp.StatusCode, body, resp);
    }

    public static JsonElement Json(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Http.Dispose();
        NrfKey.Dispose();
    }
}

/// <summary>A consumer's token source that mints tokens with the NRF key directly (Nnrf_AccessToken without an NRF).</summary>
public sealed class LocalTokenSource(ECDsa nrfKey, string consumerId) : IAccessTokenSource
{
    private readonly AccessTokenIssuer _issuer = new(nrfKey, "nrf-under-test");
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    /// <summary>One token per target and scope, reused as NrfClient reuses them.</summary>
    public ValueTask<string?> GetTokenAsync(string targetNfType, string scope, CancellationToken ct) =>
        ValueTask.FromResult<string?>(_tokens.GetOrAdd(targetNfType + " " + scope, _ => _issuer.Issue(consumerId, targetNfType, scope, TimeSpan.FromHours(1))));
}
