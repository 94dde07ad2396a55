// TS 29.503 §5.2.2.3/§5.2.2.4 Nudm_SDM Subscribe and Notification: an AMF subscribes to a subscriber's am-data with a
// callback; when the operator changes the subscriber through the provisioning API, the callback server receives a
// ModificationNotification (checked against the OpenAPI schema) carrying the new am-data.
using System.Text.Json;
using GlassCore.Sbi.Server;
using GlassCore.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GlassCore.Cli.Tests;

[Collection("core")]
public sealed class SdmNotificationTests(CoreFixture core)
{
    [Fact]
    public async Task SdmSubscription_AmDataChangedByProvisioning_CallbackReceivesModificationNotification()
    {
        const string Supi = "imsi-999700000000777";
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        int callbackPort = CoreFixture.FreePort();
        // The AMF's callback server: an h2c producer like every SBI endpoint.
        await using WebApplication callback = SbiServer.Create(new SbiServerOptions { Listen = new Uri($"http://127.0.0.1:{callbackPort}"), MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.None });
        callback.MapPost("/amf-callbacks/sdm/{id}", async (HttpContext c) =>
        {
            using var reader = new StreamReader(c.Request.Body);
            received.TrySetResult(c.Request.RouteValues["id"] + " " + await reader.ReadToEndAsync(c.RequestAborted));
            c.Response.StatusCode = 204;
        });
        await callback.StartAsync(TestContext.Current.CancellationToken);

        string subscriber = $"{{\"supi\":\"{Supi}\",\"k\":\"{DemoUe.K1}\",\"opc\":\"{DemoUe.Opc1}\",\"ambrUplink\":\"100 Mbps\",\"ambrDownlink\":\"200 Mbps\",\"slices\":[{{\"sst\":1,\"dnns\":[\"internet\"]}}]}}";
        var (added, addText, _) = await core.Send(HttpMethod.Post, "/glasscore-mgmt/v1/subscribers", subscriber, null);
        Assert.True(added == 201, addText);

        string? token = await core.Token("UDM", "nudm-sdm");
        string subscription = $"{{\"nfInstanceId\":\"{CoreFixture.AmfId}\",\"callbackReference\":\"http://127.0.0.1:{callbackPort}/amf-callbacks/sdm/1\",\"monitoredResourceUris\":[\"/nudm-sdm/v2/{Supi}/am-data\"]}}";
        OpenApiSchemas.AssertValid(subscription, "TS29503_Nudm_SDM.yaml", "SdmSubscription");
        var (status, text, _) = await core.Send(HttpMethod.Post, $"/nudm-sdm/v2/{Supi}/sdm-subscriptions", subscription, token);
        Assert.True(status == 201, text);

        // The operator raises the subscriber's AMBR and adds a slice.
        string changed = subscriber.Replace("\"100 Mbps\"", "\"300 Mbps\"", StringComparison.Ordinal)
            .Replace("[{\"sst\":1,\"dnns\":[\"internet\"]}]", "[{\"sst\":1,\"dnns\":[\"internet\"]},{\"sst\":2,\"sd\":\"0000AA\",\"dnns\":[\"ims\"]}]", StringComparison.Ordinal);
        var (updated, updText, _) = await core.Send(HttpMethod.Put, $"/glasscore-mgmt/v1/subscribers/{Supi}", changed, null);
        Assert.True(updated == 200, updText);

        // A hang guard, not a timing assertion: the notification is sent right after the change.
        string got = await received.Task.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        Assert.StartsWith("1 ", got, StringComparison.Ordinal);
        string body = got[2..];
        OpenApiSchemas.AssertValid(body, "TS29503_Nudm_SDM.yaml", "ModificationNotification");
        JsonElement item = CoreFixture.Json(body).GetProperty("notifyItems")[0];
        Assert.Equal($"/nudm-sdm/v2/{Supi}/am-data", item.GetProperty("resourceId").GetString());
        JsonElement change = item.GetProperty("changes")[0];
        Assert.Equal("REPLACE", change.GetProperty("op").GetString());
        JsonElement am = change.GetProperty("newValue");
        Assert.Equal("300 Mbps", am.GetProperty("subscribedUeAmbr").GetProperty("uplink").GetString());
        Assert.Contains(am.GetProperty("nssai").GetProperty("singleNssais").EnumerateArray(), s => s.GetProperty("sst").GetInt32() == 2 && s.GetProperty("sd").GetString() == "0000AA");
        await callback.StopAsync(TestContext.Current.CancellationToken);
    }
}
