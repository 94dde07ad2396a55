// The NRF alone on an h2c server (TS 29.510 API roots), its notifications sent over HTTP/2 as in `glasscore up`,
// on a clock the tests move.
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;
using GlassCore.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace GlassCore.Nrf.Tests;

public sealed class NrfFixture : IAsyncLifetime
{
    public const string AmfId = "5a1b2c3d-0000-4000-8000-00000000a0f1";
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
    public SbiTestHost Host { get; private set; } = null!;
    public Nrf Nrf { get; private set; } = null!;
    private HttpClient _notifyHttp = null!;

    public async ValueTask InitializeAsync()
    {
        _notifyHttp = SbiHttpClientFactory.Create();
        Host = await SbiTestHost.StartAsync((_, maps, _, key) =>
        {
            Nrf = new Nrf(new NrfOptions(), key, new HttpNfStatusNotifier(_notifyHttp), Time);
            maps.Add(Nrf.Map);
        });
        // A consumer registered as an AMF, which may ask for tokens.
        var (st, text, _) = await Send(HttpMethod.Put, "/nnrf-nfm/v1/nf-instances/" + AmfId,
            $"{{\"nfInstanceId\":\"{AmfId}\",\"nfType\":\"AMF\",\"nfStatus\":\"REGISTERED\",\"ipv4Addresses\":[\"127.0.0.9\"]}}");
        Assert.True(st == 201, text);
    }

    public Task<(int Status, string Body, HttpResponseMessage Response)> Send(HttpMethod method, string path, string? json, string contentType = "application/json") =>
        Host.Send(method, path, json, null, contentType);

    public NrfClient Client(string id, string nfType) => new(Host.Http, Host.Base, new SbiClientOptions(), Time) { NfInstanceId = id, NfType = nfType };

    public static NFProfile UdmProfile(string id, string ip = "127.0.0.20") => new()
    {
        NfInstanceId = id,
        NfType = NfTypes.Udm,
        NfStatus = "REGISTERED",
        Ipv4Addresses = [ip],
        NfServices =
        [
            new NFService
            {
                ServiceInstanceId = "udm-0",
                ServiceName = "nudm-ueau",
                Versions = [new NFServiceVersion { ApiVersionInUri = "v1", ApiFullVersion = "1.3.0" }],
                Scheme = "http",
                NfServiceStatus = "REGISTERED",
                IpEndPoints = [new IpEndPoint { Ipv4Address = ip, Transport = "TCP", Port = 7777 }],
            },
        ],
    };

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _notifyHttp.Dispose();
    }
}

[CollectionDefinition("nrf")]
public sealed class NrfCollection : ICollectionFixture<NrfFixture>;
