// The SMF composed as `glasscore up` composes it, on loopback: Nsmf_PDUSession and Npcf_SMPolicyControl on one HTTP/2
// server, the N4 client towards FakeUpf, and test doubles for the UDM (sm-data) and the AMF (N1N2MessageTransfer).
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.Pcf;
using GlassCore.Sbi;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;
using GlassCore.Smf.Consumers;
using GlassCore.Smf.N4;
using GlassCore.TestSupport;
using Microsoft.AspNetCore.Builder;

namespace GlassCore.Smf.Tests;

internal sealed class FakeUdm : ISmSubscriptionSource
{
    /// <summary>SUPI → slices (SST, SD) → subscribed DNNs with their allowed PDU session types.</summary>
    public Dictionary<string, List<SessionManagementSubscriptionData>> Data { get; } = new(StringComparer.Ordinal);

    public static SessionManagementSubscriptionData Slice(int sst, string? sd, params string[] dnns) => new()
    {
        SingleNssai = new Snssai { Sst = sst, Sd = sd },
        DnnConfigurations = dnns.ToDictionary(d => d, _ => new DnnConfiguration
        {
            PduSessionTypes = new PduSessionTypes { DefaultSessionType = "IPV4", AllowedSessionTypes = ["IPV4", "IPV6", "IPV4V6"] },
            SscModes = new SscModes { DefaultSscMode = "SSC_MODE_1" },
            FiveGQosProfile = new SubscribedDefaultQos { FiveQi = 9, Arp = new Arp { PriorityLevel = 8, PreemptCap = "NOT_PREEMPT", PreemptVuln = "PREEMPTABLE" } },
            SessionAmbr = new Ambr { Uplink = "200 Mbps", Downlink = "400 Mbps" },
        }),
    };

    public Task<Result<List<SessionManagementSubscriptionData>>> GetSmDataAsync(string supi, Snssai snssai, string dnn, CancellationToken ct)
    {
        if (!Data.TryGetValue(supi, out List<SessionManagementSubscriptionData>? all))
        {
            return Task.FromResult<Result<List<SessionManagementSubscriptionData>>>(Problems.UserNotFound("unknown " + supi));
        }
        // As the UDR filters: only the requested slice, only the requested DNN.
        var list = all.Where(s => s.SingleNssai.Matches(snssai)).Select(s => new SessionManagementSubscriptionData
        {
            SingleNssai = s.SingleNssai,
            DnnConfigurations = s.DnnConfigurations?.Where(kv => kv.Key == dnn).ToDictionary(kv => kv.Key, kv => kv.Value),
        }).ToList();
        return Task.FromResult(Result<List<SessionManagementSubscriptionData>>.Ok(list));
    }
}

internal sealed record Transfer(string Supi, N1N2MessageTransferReqData Data, string Json, IReadOnlyCollection<BinaryPart> Parts)
{
    public byte[]? Part(RefToBinaryData? r) => r is null ? null : Parts.FirstOrDefault(p => p.ContentId == r.ContentId)?.Data;
}

internal sealed class FakeAmf : INamfCommunication
{
    public Channel<Transfer> Transfers { get; } = Channel.CreateUnbounded<Transfer>();

    public Task<Result<N1N2MessageTransferRspData>> N1N2MessageTransferAsync(string supi, N1N2MessageTransferReqData data, IReadOnlyCollection<BinaryPart> parts, CancellationToken ct)
    {
        string json = JsonSerializer.Serialize(data, SessionJsonContext.Default.N1N2MessageTransferReqData);
        Transfers.Writer.TryWrite(new Transfer(supi, data, json, parts));
        return Task.FromResult(Result<N1N2MessageTransferRspData>.Ok(new N1N2MessageTransferRspData { Cause = "N1_N2_TRANSFER_INITIATED" }));
    }

    /// <summary>SmContextStatusNotify calls the SMF made: the callback URI and the notification.</summary>
    public Channel<(string Uri, SmContextStatusNotification Notification)> StatusNotifications { get; } = Channel.CreateUnbounded<(string, SmContextStatusNotification)>();

    public Task<bool> SmContextStatusNotifyAsync(string uri, SmContextStatusNotification notification, CancellationToken ct)
    {
        StatusNotifications.Writer.TryWrite((uri, notification));
        return Task.FromResult(true);
    }

    public async Task<Transfer> NextAsync()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        return await Transfers.Reader.ReadAsync(cts.Token);
    }
}

internal sealed record SbiReply(HttpStatusCode Status, string? ContentType, string Json, IReadOnlyList<BinaryPart> Parts, string? Location)
{
    public byte[]? Part(string id) => Parts.FirstOrDefault(p => p.ContentId == id)?.Data;
}

internal sealed class SmfHarness : IAsyncDisposable
{
    public const string Supi = "imsi-999700000000001";
    public FakeUpf Upf { get; } = new();
    public FakeUdm Udm { get; } = new();
    public FakeAmf Amf { get; } = new();
    public N4Client N4 { get; private set; } = null!;
    public PduSessionProcessor Smf { get; private set; } = null!;
    public SmPolicyProcessor Pcf { get; private set; } = null!;
    public HttpClient Http { get; } = SbiHttpClientFactory.Create();
    public Uri Base { get; private set; } = null!;
    private WebApplication _app = null!;

    /// <param name="startN4">Runs the N4 client's creation and start (its socket is bound there): e.g. inside a network namespace.</param>
    public static async Task<SmfHarness> StartAsync(Action<SmfOptions>? configure = null, bool withPcf = true, Action<Action>? startN4 = null)
    {
        var h = new SmfHarness();
        await h.InitAsync(configure, withPcf, startN4 ?? (start => start()));
        return h;
    }

    private async Task InitAsync(Action<SmfOptions>? configure, bool withPcf, Action<Action> startN4)
    {
        int port = FreePort();
        Base = new Uri($"http://127.0.0.1:{port}/");
        var options = new SmfOptions
        {
            PfcpLocal = new IPEndPoint(IPAddress.Loopback, 0),
            PfcpT1 = TimeSpan.FromMilliseconds(300),
            PfcpN1 = 2,
            CallbackRoot = Base.ToString(),
            Dnns =
            [
                new DnnSliceOptions { Dnn = "internet", Sst = 1, Ipv4Pool = "10.45.0.0/24", Ipv6Pool = "2001:db8:45::/48", Dns = ["10.0.0.53", "2001:db8::53"], Mtu = 1400 },
                new DnnSliceOptions { Dnn = "internet", Sst = 1, Sd = "010203", Ipv4Pool = "10.46.0.0/24", Ipv6Pool = null },
                new DnnSliceOptions { Dnn = "ims", Sst = 1, Sd = "010203", Ipv4Pool = "10.47.0.0/30", Ipv6Pool = null },
                new DnnSliceOptions { Dnn = "v6only", Sst = 1, Ipv4Pool = null, Ipv6Pool = "2001:db8:99::/56" },
            ],
            Upfs = [new UpfOptions { Address = "127.0.0.1", Port = Upf.EndPoint.Port }],
        };
        configure?.Invoke(options);
        Udm.Data[Supi] = [FakeUdm.Slice(1, null, "internet", "v6only"), FakeUdm.Slice(1, "010203", "ims")];
        startN4(() =>
        {
            // The N4 socket is bound when the client is made, so both happen where startN4 runs them.
            N4 = new N4Client(options);
            N4.Start();
        });
        Pcf = new SmPolicyProcessor(new PcfOptions
        {
            SessionPolicies = [new SessionPolicyOptions { Dnn = "internet", Sst = 1, FiveQi = 8, ArpPriorityLevel = 7, SessionAmbrUplink = "100 Mbps", SessionAmbrDownlink = "300 Mbps" }],
        });
        ISmPolicyClient? pcf = withPcf
            ? new PcfSmPolicyClient(new SbiClient(Http, new SbiClientOptions(), null), _ => Task.FromResult(Result<Uri>.Ok(Base)))
            : null;
        Smf = new PduSessionProcessor(options, N4, Udm, pcf, Amf);
        _app = SbiServer.Create(new SbiServerOptions { Listen = Base, MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.None });
        SmfEndpoints.Map(_app, Smf);
        PcfEndpoints.Map(_app, Pcf, new AmPolicyProcessor());
        SbiServer.MapFallback(_app);
        await _app.StartAsync(TestContext.Current.CancellationToken);
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public static byte[] EstablishmentRequest(byte psi, byte pti, byte? type = 1, byte? ssc = null, bool askDnsAndMtu = true)
    {
        var m = new PduSessionEstablishmentRequest
        {
            PduSessionId = psi,
            ProcedureTransactionId = pti,
            IntegrityProtectionMaximumDataRate = new OctetString(new byte[] { 0xFF, 0xFF }),
        };
        if (type is byte t)
        {
            m.PduSessionType = new HalfOctet(t);
        }
        if (ssc is byte s)
        {
            m.SscMode = new HalfOctet(s);
        }
        if (askDnsAndMtu)
        {
            m.ExtendedProtocolConfigurationOptions = ExtendedProtocolConfigurationOptions.Create(
            [
                new PcoContainer(PcoContainer.DnsServerIpv4Address, ReadOnlyMemory<byte>.Empty),
                new PcoContainer(PcoContainer.DnsServerIpv6Address, ReadOnlyMemory<byte>.Empty),
                new PcoContainer(PcoContainer.Ipv4LinkMtu, ReadOnlyMemory<byte>.Empty),
            ]);
        }
        return m.ToArray();
    }

    public static SmContextCreateData CreateData(byte psi, string? dnn = "internet", int sst = 1, string? sd = null, string supi = Supi) => new()
    {
        Supi = supi,
        PduSessionId = psi,
        Dnn = dnn,
        SNssai = new Snssai { Sst = sst, Sd = sd },
        ServingNfId = "5a1b2c3d-0000-4000-8000-00000000a0f1",
        ServingNetwork = new GlassCore.Sbi.Models.PlmnId { Mcc = "999", Mnc = "70" },
        RequestType = "INITIAL_REQUEST",
        N1SmMsg = new RefToBinaryData { ContentId = "n1" },
        AnType = "3GPP_ACCESS",
        RatType = "NR",
        SmContextStatusUri = StatusUri(psi),
    };

    /// <summary>The AMF callback each created context names (the fake AMF records what is sent there).</summary>
    public static string StatusUri(byte psi) => $"http://127.0.0.1:9/namf-callback/v1/imsi-999700000000001/sm-context-status/{psi}";

    public Task<SbiReply> CreateAsync(SmContextCreateData data, byte[]? n1) =>
        PostAsync("nsmf-pdusession/v1/sm-contexts", SbiMultipart.ToContent(data, SessionJsonContext.Default.SmContextCreateData,
            n1 is null ? null : [new BinaryPart("n1", SbiMultipart.NasMediaType, n1)]));

    public Task<SbiReply> UpdateAsync(string location, SmContextUpdateData data, params BinaryPart[] parts) =>
        PostAsync(location.TrimStart('/') + "/modify", SbiMultipart.ToContent(data, SessionJsonContext.Default.SmContextUpdateData, parts));

    public Task<SbiReply> ReleaseAsync(string location) =>
        PostAsync(location.TrimStart('/') + "/release", SbiMultipart.ToContent(new SmContextReleaseData { Cause = "REL_DUE_TO_UNSPECIFIED_REASON" }, SessionJsonContext.Default.SmContextReleaseData, null));

    public async Task<SbiReply> PostAsync(string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Base, path)) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact, Content = content };
        using HttpResponseMessage response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        string? type = response.Content.Headers.ContentType?.ToString();
        byte[] body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        if (type is not null && type.StartsWith("multipart/related", StringComparison.Ordinal))
        {
            Result<SbiMessage<JsonElementBox>> m = await SbiMultipart.ReadAsync(type, new MemoryStream(body), BoxContext.Default.JsonElementBox, TestContext.Current.CancellationToken);
            Assert.True(m.IsOk, m.Problem?.Detail);
            return new SbiReply(response.StatusCode, type, m.Value!.Json.Raw, m.Value.Parts, response.Headers.Location?.ToString());
        }
        return new SbiReply(response.StatusCode, type, Encoding.UTF8.GetString(body), [], response.Headers.Location?.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        await N4.DisposeAsync();
        await Upf.DisposeAsync();
        Http.Dispose();
    }
}

/// <summary>Keeps the root JSON part as text (the tests validate it against the OpenAPI schema as sent).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(JsonElementBoxConverter))]
internal sealed class JsonElementBox
{
    public string Raw { get; init; } = "";
}

internal sealed class JsonElementBoxConverter : System.Text.Json.Serialization.JsonConverter<JsonElementBox>
{
    public override JsonElementBox Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var doc = JsonDocument.ParseValue(ref reader);
        return new JsonElementBox { Raw = doc.RootElement.GetRawText() };
    }

    public override void Write(Utf8JsonWriter writer, JsonElementBox value, JsonSerializerOptions options) => writer.WriteRawValue(value.Raw);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonElementBox))]
internal sealed partial class BoxContext : System.Text.Json.Serialization.JsonSerializerContext;
