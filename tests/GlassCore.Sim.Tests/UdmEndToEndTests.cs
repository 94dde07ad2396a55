// Issue 7, TS 23.502 §4.2.2.2.2 step 14 end to end: during registration the AMF registers with the UDM
// (Nudm_UECM amf-3gpp-access), reads am-data and smf-select-data (Nudm_SDM) and subscribes to their changes; a change
// by the operator reaches the UE as a Configuration Update Command with the new allowed NSSAI (§4.2.4.2); the UE's
// de-registration purges the UDM registration and removes the subscription.
using System.Text.Json;
using GlassCore.Amf.Gmm;
using GlassCore.Nas.Ies;
using GlassCore.Sbi.Client;
using GlassCore.TestSupport;

namespace GlassCore.Sim.Tests;

[Collection(SimCoreCollection.Name)]
public sealed class UdmEndToEndTests(SimCoreFixture core)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            T value = await read();
            if (done(value))
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(20, Ct);
        }
    }

    [Fact]
    public async Task Registration_RegistersWithUdmAndSubscribes_SliceChangeUpdatesUe_DeregistrationPurges()
    {
        await using var fleet = await core.FleetAsync();
        var ue = Assert.Single(core.NewUes(1));
        fleet.Place([ue]);
        var outcome = await ue.RegisterAsync(SimCoreFixture.ProcedureTimeout, Ct);
        Assert.True(outcome.Succeeded, $"{outcome.Result} {outcome.Detail}");
        long id = ue.AmfUeNgapId;
        string supi = core.Amf.TryGetContext(id)!.Supi!;

        // Step 14a: the registration is in the UDR, naming this AMF, its GUAMI and its callback.
        string registration = (await core.Store.GetContextAsync(supi, "amf-3gpp-access", "", Ct))!;
        Assert.NotNull(registration);
        OpenApiSchemas.AssertValid(registration, "TS29503_Nudm_UECM.yaml", "Amf3GppAccessRegistration");
        JsonElement reg = SbiTestHost.Json(registration);
        Assert.Equal(core.Amf.Configuration.NfInstanceId, reg.GetProperty("amfInstanceId").GetString());
        Assert.Equal("NR", reg.GetProperty("ratType").GetString());
        Assert.Equal("010040", reg.GetProperty("guami").GetProperty("amfId").GetString());
        Assert.EndsWith($"/namf-callback/v1/{supi}/dereg-notify", reg.GetProperty("deregCallbackUri").GetString(), StringComparison.Ordinal);
        Assert.False(reg.TryGetProperty("purgeFlag", out _));

        // Step 14c, after the Accept: one subscription to am-data and smf-select-data with the AMF's callback.
        List<string> subs = await EventuallyAsync(() => core.Store.ListContextAsync(supi, "sdm-subscription", Ct), l => l.Count == 1, "the SDM subscription");
        OpenApiSchemas.AssertValid(subs[0], "TS29503_Nudm_SDM.yaml", "SdmSubscription");
        JsonElement sub = SbiTestHost.Json(subs[0]);
        Assert.Equal([$"/nudm-sdm/v2/{supi}/am-data", $"/nudm-sdm/v2/{supi}/smf-select-data"], sub.GetProperty("monitoredResourceUris").EnumerateArray().Select(u => u.GetString()));
        Assert.EndsWith($"/namf-callback/v1/{supi}/sdm-notify", sub.GetProperty("callbackReference").GetString(), StringComparison.Ordinal);

        // Step 14b: the subscribed slice (SST 1, no SD) limits the allowed NSSAI, though the AMF also serves 1:010203.
        await EventuallyAsync(() => Task.FromResult(core.Amf.TryGetContext(id)), c => c is { State: GmmState.Registered, SdmSubscriptionId: not null }, "REGISTERED with the subscription ID");
        Assert.Equal([new SNssaiValue(1)], core.Amf.TryGetContext(id)!.AllowedNssai);
        Assert.Equal([new SNssaiValue(1)], ue.Nas.AllowedNssai);

        // The operator moves the subscriber to slice 1/010203 through the management API.
        using HttpClient http = SbiHttpClientFactory.Create();
        string changed = $"{{\"supi\":\"{supi}\",\"k\":\"{SimCoreFixture.Defaults.K}\",\"opc\":\"{SimCoreFixture.Defaults.Opc}\",\"slices\":[{{\"sst\":1,\"sd\":\"010203\",\"dnns\":[\"internet\"]}}]}}";
        var (status, body, _) = await SbiTestHost.SendAsync(http, new Uri(core.Sbi, $"/glasscore-mgmt/v1/subscribers/{supi}"), HttpMethod.Put, changed, null);
        Assert.True(status == 200, body);

        // §4.2.4.2: the new allowed NSSAI goes to the UE in a Configuration Update Command, which it completes.
        await EventuallyAsync(() => Task.FromResult(core.Amf.TryGetContext(id)), c => c is { SubscriptionChanges: 1, ConfigurationUpdates: 1, OldGuti: null }, "the Configuration Update");
        Assert.Equal([new SNssaiValue(1, 0x010203)], core.Amf.TryGetContext(id)!.AllowedNssai);
        Assert.Equal(1, ue.Nas.ConfigurationUpdates);
        Assert.Equal([new SNssaiValue(1, 0x010203)], ue.Nas.AllowedNssai);

        // De-registration: the UDM registration is purged (PATCH purgeFlag) and the subscription removed.
        Assert.True((await ue.DeregisterAsync(SimCoreFixture.ProcedureTimeout, Ct)).Succeeded);
        string purged = await EventuallyAsync(async () => (await core.Store.GetContextAsync(supi, "amf-3gpp-access", "", Ct))!,
            r => SbiTestHost.Json(r).TryGetProperty("purgeFlag", out JsonElement f) && f.GetBoolean(), "the purge");
        OpenApiSchemas.AssertValid(purged, "TS29503_Nudm_UECM.yaml", "Amf3GppAccessRegistration");
        await EventuallyAsync(() => core.Store.ListContextAsync(supi, "sdm-subscription", Ct), l => l.Count == 0, "the unsubscribe");
    }
}
