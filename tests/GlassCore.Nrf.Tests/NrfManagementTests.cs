// TS 29.510 Nnrf_NFManagement beyond registration: NFUpdate by JSON patch (RFC 6902), heartbeat, NFStatusSubscribe
// with NFStatusNotify delivered over HTTP/2 to the subscriber's callback, NFDeregister; discovery by SUPI range and
// S-NSSAI.
using System.Threading.Channels;
using GlassCore.Sbi.Server;
using GlassCore.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GlassCore.Nrf.Tests;

[Collection("nrf")]
public sealed class NrfManagementTests(NrfFixture nrf)
{
    private const string Id = "7e57e57e-0000-4000-8000-00000000c0de";

    private static string Profile(string supiStart, string supiEnd) =>
        $"{{\"nfInstanceId\":\"{Id}\",\"nfType\":\"UDM\",\"nfStatus\":\"REGISTERED\",\"ipv4Addresses\":[\"127.0.0.30\"],\"priority\":5," +
        $"\"sNssais\":[{{\"sst\":1,\"sd\":\"0000AA\"}}],\"udmInfo\":{{\"supiRanges\":[{{\"start\":\"{supiStart}\",\"end\":\"{supiEnd}\"}}]}}," +
        "\"nfServices\":[{\"serviceInstanceId\":\"x\",\"serviceName\":\"nudm-sdm\",\"versions\":[{\"apiVersionInUri\":\"v2\",\"apiFullVersion\":\"2.0.0\"}],\"scheme\":\"http\",\"nfServiceStatus\":\"REGISTERED\"}]}";

    [Fact]
    public async Task Subscribe_Register_Patch_Heartbeat_Deregister_NotifiesAndDiscovers()
    {
        // A callback server speaking h2c, as an NF's notification endpoint does.
        int port = SbiTestHost.FreePort();
        var notifications = Channel.CreateUnbounded<string>();
        await using WebApplication cb = SbiServer.Create(new SbiServerOptions { Listen = new Uri($"http://127.0.0.1:{port}") });
        cb.MapPost("/nrf-notify", async (HttpContext c) =>
        {
            using var reader = new StreamReader(c.Request.Body);
            await notifications.Writer.WriteAsync(await reader.ReadToEndAsync());
            c.Response.StatusCode = 204;
        });
        await cb.StartAsync(TestContext.Current.CancellationToken);

        string sub = $"{{\"nfStatusNotificationUri\":\"http://127.0.0.1:{port}/nrf-notify\",\"subscrCond\":{{\"nfInstanceId\":\"{Id}\"}}}}";
        // (The request is not schema-checked: OpenAPI marks subscriptionId required but readOnly, i.e. response-only.)
        var (st, text, resp) = await nrf.Send(HttpMethod.Post, "/nnrf-nfm/v1/subscriptions", sub);
        Assert.Equal(201, st);
        OpenApiSchemas.AssertValid(text, "TS29510_Nnrf_NFManagement.yaml", "SubscriptionData");
        string subscription = resp.Headers.Location!.ToString();

        string profile = Profile("001010000000000", "001010000000999");
        OpenApiSchemas.AssertValid(profile, "TS29510_Nnrf_NFManagement.yaml", "NFProfile");
        (st, text, _) = await nrf.Send(HttpMethod.Put, "/nnrf-nfm/v1/nf-instances/" + Id, profile);
        Assert.Equal(201, st);
        OpenApiSchemas.AssertValid(text, "TS29510_Nnrf_NFManagement.yaml", "NFProfile");
        string n1 = await notifications.Reader.ReadAsync(TestContext.Current.CancellationToken);
        OpenApiSchemas.AssertValid(n1, "TS29510_Nnrf_NFManagement.yaml", "NotificationData");
        Assert.Equal("NF_REGISTERED", SbiTestHost.Json(n1).GetProperty("event").GetString());

        // Discovery by SUPI: inside the range found, outside not; by S-NSSAI likewise.
        string Disc(string q) => $"/nnrf-disc/v1/nf-instances?target-nf-type=UDM&requester-nf-type=AMF&service-names=nudm-sdm{q}";
        (_, text, _) = await nrf.Send(HttpMethod.Get, Disc("&supi=imsi-001010000000500"), null);
        Assert.Contains(Id, text, StringComparison.Ordinal);
        (_, text, _) = await nrf.Send(HttpMethod.Get, Disc("&supi=imsi-001010000001500"), null);
        Assert.DoesNotContain(Id, text, StringComparison.Ordinal);
        (_, text, _) = await nrf.Send(HttpMethod.Get, Disc("&snssais=" + Uri.EscapeDataString("[{\"sst\":1,\"sd\":\"0000aa\"}]")), null);
        Assert.Contains(Id, text, StringComparison.Ordinal);
        (_, text, _) = await nrf.Send(HttpMethod.Get, Disc("&snssais=" + Uri.EscapeDataString("[{\"sst\":2}]")), null);
        Assert.DoesNotContain(Id, text, StringComparison.Ordinal);
        (st, _, _) = await nrf.Send(HttpMethod.Get, Disc("&snssais=not-json"), null);
        Assert.Equal(400, st);

        // NFUpdate (RFC 6902): change the priority and add an address → 200 with the new profile, NF_PROFILE_CHANGED.
        string patch = "[{\"op\":\"replace\",\"path\":\"/priority\",\"value\":1},{\"op\":\"add\",\"path\":\"/ipv4Addresses/-\",\"value\":\"127.0.0.31\"}]";
        (st, text, _) = await nrf.Send(HttpMethod.Patch, "/nnrf-nfm/v1/nf-instances/" + Id, patch, "application/json-patch+json");
        Assert.Equal(200, st);
        Assert.Equal(1, SbiTestHost.Json(text).GetProperty("priority").GetInt32());
        Assert.Equal(2, SbiTestHost.Json(text).GetProperty("ipv4Addresses").GetArrayLength());
        Assert.Equal("NF_PROFILE_CHANGED", SbiTestHost.Json(await notifications.Reader.ReadAsync(TestContext.Current.CancellationToken)).GetProperty("event").GetString());
        // A patch that fails its test changes nothing; a patch of a missing member is a bad request.
        (st, _, _) = await nrf.Send(HttpMethod.Patch, "/nnrf-nfm/v1/nf-instances/" + Id, "[{\"op\":\"test\",\"path\":\"/priority\",\"value\":7},{\"op\":\"replace\",\"path\":\"/priority\",\"value\":9}]", "application/json-patch+json");
        Assert.Equal(409, st);
        (st, _, _) = await nrf.Send(HttpMethod.Patch, "/nnrf-nfm/v1/nf-instances/" + Id, "[{\"op\":\"remove\",\"path\":\"/nope\"}]", "application/json-patch+json");
        Assert.Equal(400, st);
        (_, text, _) = await nrf.Send(HttpMethod.Get, "/nnrf-nfm/v1/nf-instances/" + Id, null);
        Assert.Equal(1, SbiTestHost.Json(text).GetProperty("priority").GetInt32());

        // Heartbeat: PATCH replacing nfStatus with REGISTERED → 204.
        (st, _, _) = await nrf.Send(HttpMethod.Patch, "/nnrf-nfm/v1/nf-instances/" + Id, "[{\"op\":\"replace\",\"path\":\"/nfStatus\",\"value\":\"REGISTERED\"}]", "application/json-patch+json");
        Assert.Equal(204, st);

        (st, _, _) = await nrf.Send(HttpMethod.Delete, "/nnrf-nfm/v1/nf-instances/" + Id, null);
        Assert.Equal(204, st);
        Assert.Equal("NF_DEREGISTERED", SbiTestHost.Json(await notifications.Reader.ReadAsync(TestContext.Current.CancellationToken)).GetProperty("event").GetString());
        (st, _, _) = await nrf.Send(HttpMethod.Get, "/nnrf-nfm/v1/nf-instances/" + Id, null);
        Assert.Equal(404, st);
        (st, _, _) = await nrf.Send(HttpMethod.Delete, subscription, null);
        Assert.Equal(204, st);
        (st, _, _) = await nrf.Send(HttpMethod.Delete, subscription, null);
        Assert.Equal(404, st);
        await cb.StopAsync(TestContext.Current.CancellationToken);
    }
}
