// TS 29.503 §5.2.2.3/§5.2.2.4 Nudm_SDM Subscribe and Notification: an AMF subscribes to a subscriber's am-data with a
// callback; when the operator changes the subscriber through the provisioning API, the callback server receives a
// ModificationNotification (checked against the OpenAPI schema) carrying the new am-data. The same when the change
// comes from `glasscore subscriber update`, run as its own process the way an operator runs it.
using System.Diagnostics;
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

    [Fact]
    public async Task SdmSubscription_SubscriberUpdateCli_CallbackReceivesNotificationPerMonitoredResource()
    {
        const string Supi = "imsi-999700000000778";
        var received = new TaskCompletionSource<(string Id, string Body)>(TaskCreationOptions.RunContinuationsAsynchronously);
        int callbackPort = CoreFixture.FreePort();
        await using WebApplication callback = SbiServer.Create(new SbiServerOptions { Listen = new Uri($"http://127.0.0.1:{callbackPort}"), MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.None });
        callback.MapPost("/amf-callbacks/sdm/{id}", async (HttpContext c) =>
        {
            using var reader = new StreamReader(c.Request.Body);
            string body = await reader.ReadToEndAsync(c.RequestAborted);
            received.TrySetResult(((string)c.Request.RouteValues["id"]!, body));
            c.Response.StatusCode = 204;
        });
        await callback.StartAsync(TestContext.Current.CancellationToken);

        string subscriber = $"{{\"supi\":\"{Supi}\",\"k\":\"{DemoUe.K1}\",\"opc\":\"{DemoUe.Opc1}\",\"slices\":[{{\"sst\":1,\"dnns\":[\"internet\"]}}]}}";
        var (added, addText, _) = await core.Send(HttpMethod.Post, "/glasscore-mgmt/v1/subscribers", subscriber, null);
        Assert.True(added == 201, addText);

        // What an AMF monitors after registration (TS 23.502 §4.2.2.2.2 step 14c): am-data, the slices and the SMF
        // selection data, in one subscription.
        string? token = await core.Token("UDM", "nudm-sdm");
        string subscription = $"{{\"nfInstanceId\":\"{CoreFixture.AmfId}\",\"callbackReference\":\"http://127.0.0.1:{callbackPort}/amf-callbacks/sdm/7\","
            + $"\"monitoredResourceUris\":[\"/nudm-sdm/v2/{Supi}/am-data\",\"/nudm-sdm/v2/{Supi}/nssai\",\"/nudm-sdm/v2/{Supi}/smf-select-data\"]}}";
        OpenApiSchemas.AssertValid(subscription, "TS29503_Nudm_SDM.yaml", "SdmSubscription");
        var (status, text, _) = await core.Send(HttpMethod.Post, $"/nudm-sdm/v2/{Supi}/sdm-subscriptions", subscription, token);
        Assert.True(status == 201, text);

        // The operator moves the subscriber to slice 2/0000AA with DNN ims, from the command line, against the store
        // of the running core (same data dir).
        string dir = Path.Combine(Path.GetTempPath(), "gc-sdm-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "core.yaml"), $"dataDir: {core.DataDir}\nsbi:\n  listen: {core.Base.ToString().TrimEnd('/')}\n");
            var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in (string[])[Path.Combine(AppContext.BaseDirectory, "glasscore.dll"), "subscriber", "update", Supi, "--sst", "2", "--sd", "0000AA", "--dnn", "ims", "--config", "core.yaml"])
            {
                psi.ArgumentList.Add(a);
            }
            using Process p = Process.Start(psi)!;
            Task<string> stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            Task<string> stderr = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await p.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
            string output = await stdout;
            Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {output}{await stderr}");

            // The update waits for the callbacks before it exits, so the notification is already here.
            Assert.True(received.Task.IsCompleted, "no notification before `subscriber update` exited: " + output);
            (string id, string body) = await received.Task;
            Assert.Equal("7", id);
            OpenApiSchemas.AssertValid(body, "TS29503_Nudm_SDM.yaml", "ModificationNotification");
            JsonElement[] items = [.. CoreFixture.Json(body).GetProperty("notifyItems").EnumerateArray()];
            Assert.Equal(3, items.Length);
            JsonElement NewValue(string resource)
            {
                JsonElement item = Assert.Single(items, i => i.GetProperty("resourceId").GetString() == $"/nudm-sdm/v2/{Supi}/{resource}");
                JsonElement change = Assert.Single(item.GetProperty("changes").EnumerateArray());
                Assert.Equal("REPLACE", change.GetProperty("op").GetString());
                return change.GetProperty("newValue");
            }
            JsonElement am = NewValue("am-data");
            OpenApiSchemas.AssertValid(am.GetRawText(), "TS29503_Nudm_SDM.yaml", "AccessAndMobilitySubscriptionData");
            JsonElement slice = Assert.Single(am.GetProperty("nssai").GetProperty("defaultSingleNssais").EnumerateArray());
            Assert.Equal(2, slice.GetProperty("sst").GetInt32());
            Assert.Equal("0000AA", slice.GetProperty("sd").GetString());
            JsonElement nssai = NewValue("nssai");
            OpenApiSchemas.AssertValid(nssai.GetRawText(), "TS29503_Nudm_SDM.yaml", "Nssai");
            Assert.Equal(2, Assert.Single(nssai.GetProperty("defaultSingleNssais").EnumerateArray()).GetProperty("sst").GetInt32());
            JsonElement smfSel = NewValue("smf-select-data");
            OpenApiSchemas.AssertValid(smfSel.GetRawText(), "TS29503_Nudm_SDM.yaml", "SmfSelectionSubscriptionData");
            JsonProperty info = Assert.Single(smfSel.GetProperty("subscribedSnssaiInfos").EnumerateObject());
            Assert.Equal("ims", Assert.Single(info.Value.GetProperty("dnnInfos").EnumerateArray()).GetProperty("dnn").GetString());
            // The CLI says what it did with the notifications.
            Assert.Contains("\"notified\":1", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        await callback.StopAsync(TestContext.Current.CancellationToken);
    }
}
