// A whole core (NRF, UDR, UDM, AUSF) in this test process, composed exactly as `glasscore up` does, on a free
// loopback port with OAuth2 on; plus an "AMF" consumer registered with the NRF that fetches real tokens.
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using GlassCore.Cli.Up;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;
using GlassCore.TestSupport;

namespace GlassCore.Cli.Tests;

public sealed class CoreFixture : IAsyncLifetime
{
    public const string AmfId = "5a1b2c3d-0000-4000-8000-00000000a0f1";
    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "gc-core-" + Guid.NewGuid().ToString("N"));
    public int Port { get; } = FreePort();
    public Uri Base => new($"http://127.0.0.1:{Port}");
    internal CoreHost Host { get; private set; } = null!;
    internal UpConfig Config { get; private set; } = null!;
    public HttpClient Http { get; } = SbiHttpClientFactory.Create();
    public NrfClient Nrf { get; private set; } = null!;

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async ValueTask InitializeAsync()
    {
        Config = new UpConfig { DataDir = DataDir, LogLevel = "none" };
        Config.Sbi.Listen = Base.ToString().TrimEnd('/');
        // The tests assert behaviour, not latency: on a loaded CI machine 1,000 concurrent authentications may queue
        // for long, and the NF-to-NF request timer must not turn that queueing into 504s.
        Config.Sbi.RequestTimeoutSeconds = 300;
        // N4 on a free port: other cores (UpProcessTests) may run at the same time.
        Config.Smf.PfcpListen = "127.0.0.1:0";
        Config.Validated();
        // The SBI NFs only: these tests need no N2, and 38412 over raw IP is shared by every usrsctp process here.
        Host = await CoreHost.StartAsync(Config, [.. CoreHost.AllNfs.Where(n => n is not ("amf" or "upf"))], CancellationToken.None);
        Nrf = new NrfClient(Http, Base, new SbiClientOptions()) { NfInstanceId = AmfId, NfType = "AMF" };
        var amf = new NFProfile { NfInstanceId = AmfId, NfType = "AMF", NfStatus = "REGISTERED", Ipv4Addresses = ["127.0.0.9"] };
        var r = await Nrf.RegisterAsync(amf, CancellationToken.None);
        Assert.True(r.IsOk, r.Problem?.Detail);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(CancellationToken.None);
        await Host.DisposeAsync();
        Nrf.Dispose();
        Http.Dispose();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public ValueTask<string?> Token(string targetNfType, string scope) => Nrf.GetTokenAsync(targetNfType, scope, CancellationToken.None);

    /// <summary>Sends a raw HTTP/2 request (h2c) with an optional bearer token; returns status and body.</summary>
    public async Task<(int Status, string Body, HttpResponseMessage Response)> Send(HttpMethod method, string path, string? json, string? token,
        string contentType = "application/json")
    {
        var result = await SbiTestHost.SendAsync(Http, new Uri(Base, path), method, json, token, contentType);
        Assert.Equal(new Version(2, 0), result.Response.Version);
        return result;
    }

    public static JsonElement Json(string body) => SbiTestHost.Json(body);
}

[CollectionDefinition("core")]
public sealed class CoreCollection : ICollectionFixture<CoreFixture>;
