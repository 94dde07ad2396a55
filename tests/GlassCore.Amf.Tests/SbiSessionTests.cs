// TS 29.502 §6.1.3 (sm-contexts over HTTP/2, multipart/related) from the AMF's consumer, and TS 29.518 §6.1.3.5.3.1
// (n1-n2-messages) at the AMF's producer, on a real Kestrel SBI server with the codec the SMF uses (SbiMultipart).
using System.Net;
using System.Net.Sockets;
using GlassCore.Amf.Sbi;
using GlassCore.Amf.Sm;
using GlassCore.Sbi;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;
using GlassCore.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GlassCore.Amf.Tests;

public sealed class SbiSessionTests : IAsyncLifetime
{
    private readonly List<(string Path, string? ContentType, SbiMessage<SmContextCreateData>? Create, SbiMessage<SmContextUpdateData>? Update)> _seen = [];
    private WebApplication? _app;
    private HttpClient? _http;
    private AmfContext? _amf;
    private FakeAusf? _ausf;
    private Uri _base = null!;

    private sealed class NoDownlink : INasDownlink
    {
        public ValueTask SendAsync(UeNgapIds ue, ReadOnlyMemory<byte> nasPdu, CancellationToken ct) => ValueTask.CompletedTask;

        public ValueTask ReleaseAsync(UeNgapIds ue, UeReleaseCause cause, CancellationToken ct) => ValueTask.CompletedTask;
    }

    public async ValueTask InitializeAsync()
    {
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            port = ((IPEndPoint)l.LocalEndpoint).Port;
        }
        _base = new Uri($"http://127.0.0.1:{port}/");
        _ausf = new FakeAusf(new SuciDeconcealer());
        _amf = new AmfContext(N2Harness.DefaultConfig, _ausf, new NoDownlink());
        _app = SbiServer.Create(new SbiServerOptions { Listen = _base });
        // An SMF stand-in: it answers what TS 29.502 defines, through the same multipart codec as GlassCore.Smf.
        _app.MapPost("/nsmf-pdusession/v1/sm-contexts", async c =>
        {
            var m = await SbiMultipart.ReadAsync(c.Request, SessionJsonContext.Default.SmContextCreateData, c.RequestAborted);
            lock (_seen)
            {
                _seen.Add((c.Request.Path, c.Request.ContentType, m.Value, null));
            }
            if (m.Value!.Json.Dnn == "refused")
            {
                var error = new SmContextError { Error = Problems.Make(403, "DNN_NOT_SUPPORTED", "refused"), N1SmMsg = new RefToBinaryData { ContentId = "n1" } };
                await SbiMultipart.WriteAsync(c.Response, 403, error, SessionJsonContext.Default.SmContextError, [new BinaryPart("n1", SbiMultipart.NasMediaType, [0x2E, 1, 1, 0xC3, 27])], null, c.RequestAborted);
                return;
            }
            if (m.Value.Json.Dnn == "broken")
            {
                await SbiHttp.WriteProblemAsync(c.Response, Problems.SystemFailure("down"), c.RequestAborted);
                return;
            }
            await SbiMultipart.WriteAsync(c.Response, 201, new SmContextCreatedData { PduSessionId = 1, UpCnxState = UpCnxStates.Activating },
                SessionJsonContext.Default.SmContextCreatedData, null, "/nsmf-pdusession/v1/sm-contexts/42", c.RequestAborted);
        });
        _app.MapPost("/nsmf-pdusession/v1/sm-contexts/{smContextRef}/modify", async c =>
        {
            var m = await SbiMultipart.ReadAsync(c.Request, SessionJsonContext.Default.SmContextUpdateData, c.RequestAborted);
            lock (_seen)
            {
                _seen.Add((c.Request.Path, c.Request.ContentType, null, m.Value));
            }
            var body = new SmContextUpdatedData { N1SmMsg = new RefToBinaryData { ContentId = "a" }, N2SmInfo = new RefToBinaryData { ContentId = "b" }, N2SmInfoType = N2SmInfoTypes.PduResRelCmd };
            await SbiMultipart.WriteAsync(c.Response, 200, body, SessionJsonContext.Default.SmContextUpdatedData,
                [new BinaryPart("a", SbiMultipart.NasMediaType, [0x2E, 1, 2, 0xD3, 36]), new BinaryPart("b", SbiMultipart.NgapMediaType, [0x10])], null, c.RequestAborted);
        });
        NamfCommEndpoints.Map(_app, () => _amf);
        SbiServer.MapFallback(_app);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _http = SbiHttpClientFactory.Create(new SbiClientOptions());
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        if (_amf is not null)
        {
            await _amf.DisposeAsync();
        }
        _ausf?.Dispose();
    }

    private SmfHttpClient Client() => new(_http!, null, (_, _, _) => Task.FromResult(Result<Uri>.Ok(_base)), TimeSpan.FromSeconds(30));

    private static SmContextCreateData CreateData(string dnn) => new()
    {
        Supi = "imsi-001010000000001",
        PduSessionId = 1,
        Dnn = dnn,
        SNssai = new Snssai { Sst = 1 },
        ServingNfId = "amf",
        ServingNetwork = new GlassCore.Sbi.Models.PlmnId { Mcc = "001", Mnc = "01" },
        AnType = "3GPP_ACCESS",
        SmContextStatusUri = "http://127.0.0.1/cb",
    };

    [Fact]
    public async Task CreateSmContext_Http_MultipartWithN1_LocationBecomesAbsoluteReference()
    {
        byte[] n1 = [0x2E, 1, 1, 0xC1, 0xFF, 0xFF, 0x91];

        var answer = await Client().CreateSmContextAsync(CreateData("internet"), n1, TestContext.Current.CancellationToken);

        Assert.True(answer.IsOk, answer.Problem?.Detail);
        Assert.Equal(201, answer.Status);
        Assert.Equal(new Uri(_base, "nsmf-pdusession/v1/sm-contexts/42").ToString(), answer.SmContextRef);
        Assert.Equal(UpCnxStates.Activating, answer.UpCnxState);
        var seen = Assert.Single(_seen);
        Assert.StartsWith("multipart/related", seen.ContentType, StringComparison.Ordinal);
        Assert.Equal(n1, seen.Create!.Binary(seen.Create.Json.N1SmMsg));
        Assert.Equal(SbiMultipart.NasMediaType, Assert.Single(seen.Create.Parts).ContentType);
    }

    [Fact]
    public async Task CreateSmContext_Http_ErrorWithN1OrPlainProblem_BothReadBack()
    {
        var refused = await Client().CreateSmContextAsync(CreateData("refused"), [0x2E, 1, 1, 0xC1], TestContext.Current.CancellationToken);
        var broken = await Client().CreateSmContextAsync(CreateData("broken"), [0x2E, 1, 1, 0xC1], TestContext.Current.CancellationToken);

        Assert.Equal(403, refused.Status);
        Assert.Equal("DNN_NOT_SUPPORTED", refused.Problem!.Cause);
        Assert.Equal([0x2E, 1, 1, 0xC3, 27], refused.N1SmMsg);
        Assert.Equal(500, broken.Status);
        Assert.Equal("SYSTEM_FAILURE", broken.Problem!.Cause);
        Assert.Null(broken.N1SmMsg);
    }

    [Fact]
    public async Task UpdateSmContext_Http_N2PartSentAndN1N2AnswerRead()
    {
        string reference = new Uri(_base, "nsmf-pdusession/v1/sm-contexts/42").ToString();

        var answer = await Client().UpdateSmContextAsync(reference, new SmContextUpdateData { N2SmInfoType = N2SmInfoTypes.PduResSetupRsp }, null, [9, 8, 7], TestContext.Current.CancellationToken);

        Assert.True(answer.IsOk);
        Assert.Equal([0x2E, 1, 2, 0xD3, 36], answer.N1SmMsg);
        Assert.Equal([0x10], answer.N2SmInfo);
        Assert.Equal(N2SmInfoTypes.PduResRelCmd, answer.N2SmInfoType);
        var seen = Assert.Single(_seen);
        Assert.Equal("/nsmf-pdusession/v1/sm-contexts/42/modify", seen.Path);
        Assert.Equal([9, 8, 7], seen.Update!.Binary(seen.Update.Json.N2SmInfo));
        Assert.Equal(N2SmInfoTypes.PduResSetupRsp, seen.Update.Json.N2SmInfoType);
    }

    [Fact]
    public async Task SmfUnreachable_AnswerIs504NotAnException()
    {
        var client = new SmfHttpClient(_http!, null, (_, _, _) => Task.FromResult(Result<Uri>.Ok(new Uri("http://127.0.0.1:1/"))), TimeSpan.FromSeconds(5));

        var answer = await client.CreateSmContextAsync(CreateData("internet"), [1], TestContext.Current.CancellationToken);

        Assert.Equal(504, answer.Status);
        Assert.Equal("TARGET_NF_NOT_REACHABLE", answer.Problem!.Cause);
    }

    private async Task<(int Status, ProblemDetails? Problem)> PostN1N2Async(HttpContent content, string ue = "imsi-001010000000001")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, $"namf-comm/v1/ue-contexts/{ue}/n1-n2-messages"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        using var response = await _http!.SendAsync(request, TestContext.Current.CancellationToken);
        byte[] body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var p = SbiHttp.Parse(body, SessionJsonContext.Default.ProblemDetails);
        return ((int)response.StatusCode, p.Value);
    }

    private static N1N2MessageTransferReqData N1Only() => new()
    {
        PduSessionId = 1,
        N1MessageContainer = new N1MessageContainer { N1MessageClass = "SM", N1MessageContent = new RefToBinaryData { ContentId = "n1" } },
    };

    [Fact]
    public async Task N1N2MessageTransfer_Http_UnknownUe404_Malformed400_WrongMediaType415()
    {
        var unknown = await PostN1N2Async(SbiMultipart.ToContent(N1Only(), SessionJsonContext.Default.N1N2MessageTransferReqData, [new BinaryPart("n1", SbiMultipart.NasMediaType, [0x2E, 1, 0, 0xD6, 0x1A])]));
        var danglingPart = await PostN1N2Async(SbiMultipart.ToContent(N1Only(), SessionJsonContext.Default.N1N2MessageTransferReqData, null));
        var garbage = await PostN1N2Async(new StringContent("{\"pduSessionId\":", System.Text.Encoding.UTF8, "application/json"));
        var text = await PostN1N2Async(new StringContent("hello", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(404, unknown.Status);
        Assert.Equal("CONTEXT_NOT_FOUND", unknown.Problem!.Cause);
        Assert.Equal(400, danglingPart.Status);
        Assert.Equal("MANDATORY_IE_INCORRECT", danglingPart.Problem!.Cause);
        Assert.Equal(400, garbage.Status);
        Assert.Equal(415, text.Status);
    }
}
