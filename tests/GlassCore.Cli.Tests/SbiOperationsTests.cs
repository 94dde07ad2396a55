// Every other operation of the composed core over HTTP/2, bodies validated against the 3GPP OpenAPI schemas:
// Nudm_SDM and Nudm_UECM (TS 29.503), Nudr_DR (TS 29.504). The NRF's own tests are in GlassCore.Nrf.Tests.
using GlassCore.TestSupport;

namespace GlassCore.Cli.Tests;

[Collection("core")]
public sealed class SbiOperationsTests(CoreFixture core)
{
    private const string Supi = "imsi-208930000000001";

    [Fact]
    public async Task Udm_Sdm_AmData_SmfSelect_SmData_Nssai_Subscriptions()
    {
        string token = (await core.Token("UDM", "nudm-sdm"))!;
        var (st, text, _) = await core.Send(HttpMethod.Get, $"/nudm-sdm/v2/{Supi}/am-data?plmn-id=%7B%22mcc%22%3A%22208%22%2C%22mnc%22%3A%2293%22%7D", null, token);
        Assert.Equal(200, st);
        OpenApiSchemas.AssertValid(text, "TS29503_Nudm_SDM.yaml", "AccessAndMobilitySubscriptionData");
        Assert.Equal("010203", CoreFixture.Json(text).GetProperty("nssai").GetProperty("defaultSingleNssais")[0].GetProperty("sd").GetString());

        (st, text, _) = await core.Send(HttpMethod.Get, $"/nudm-sdm/v2/{Supi}/nssai", null, token);
        Assert.Equal(200, st);
        OpenApiSchemas.AssertValid(text, "TS29503_Nudm_SDM.yaml", "Nssai");

        (st, text, _) = await core.Send(HttpMethod.Get, $"/nudm-sdm/v2/{Supi}/smf-select-data", null, token);
        Assert.Equal(200, st);
        OpenApiSchemas.AssertValid(text, "TS29503_Nudm_SDM.yaml", "SmfSelectionSubscriptionData");
        Assert.Equal("internet", CoreFixture.Json(text).GetProperty("subscribedSnssaiInfos").GetProperty("1-010203").GetProperty("dnnInfos")[0].GetProperty("dnn").GetString());

        (st, text, _) = await core.Send(HttpMethod.Get, $"/nudm-sdm/v2/{Supi}/sm-data?dnn=internet", null, token);
        Assert.Equal(200, st);
        var list = CoreFixture.Json(text);
        var item = Assert.Single(list.EnumerateArray());
        OpenApiSchemas.AssertValid(item.GetRawText(), "TS29503_Nudm_SDM.yaml", "SessionManagementSubscriptionData");

        string sub = $"{{\"nfInstanceId\":\"{CoreFixture.AmfId}\",\"callbackReference\":\"http://127.0.0.9:8000/sdm-cb\",\"monitoredResourceUris\":[\"/nudm-sdm/v2/{Supi}/am-data\"]}}";
        OpenApiSchemas.AssertValid(sub, "TS29503_Nudm_SDM.yaml", "SdmSubscription");
        var (st2, text2, resp) = await core.Send(HttpMethod.Post, $"/nudm-sdm/v2/{Supi}/sdm-subscriptions", sub, token);
        Assert.Equal(201, st2);
        OpenApiSchemas.AssertValid(text2, "TS29503_Nudm_SDM.yaml", "SdmSubscription");
        var (st3, _, _) = await core.Send(HttpMethod.Delete, resp.Headers.Location!.ToString(), null, token);
        Assert.Equal(204, st3);
        var (st4, text4, _) = await core.Send(HttpMethod.Delete, resp.Headers.Location!.ToString(), null, token);
        Assert.Equal(404, st4);
        Assert.Equal("SUBSCRIPTION_NOT_FOUND", CoreFixture.Json(text4).GetProperty("cause").GetString());
    }

    [Fact]
    public async Task Udm_Uecm_Amf3GppAccessRegistration_CreatedThenReplaced()
    {
        string token = (await core.Token("UDM", "nudm-uecm"))!;
        string reg = $"{{\"amfInstanceId\":\"{CoreFixture.AmfId}\",\"deregCallbackUri\":\"http://127.0.0.9:8000/dereg\",\"guami\":{{\"plmnId\":{{\"mcc\":\"208\",\"mnc\":\"93\"}},\"amfId\":\"cafe00\"}},\"ratType\":\"NR\"}}";
        OpenApiSchemas.AssertValid(reg, "TS29503_Nudm_UECM.yaml", "Amf3GppAccessRegistration");
        string path = "/nudm-uecm/v1/imsi-208930000000003/registrations/amf-3gpp-access";
        var (st, text, _) = await core.Send(HttpMethod.Put, path, reg, token);
        Assert.Equal(201, st);
        OpenApiSchemas.AssertValid(text, "TS29503_Nudm_UECM.yaml", "Amf3GppAccessRegistration");
        (st, _, _) = await core.Send(HttpMethod.Put, path, reg, token);
        Assert.Equal(200, st);
        (st, text, _) = await core.Send(HttpMethod.Get, path, null, token);
        Assert.Equal(200, st);
        Assert.Equal("cafe00", CoreFixture.Json(text).GetProperty("guami").GetProperty("amfId").GetString());
        // ratType outside the enumeration is a wrong value for a mandatory IE.
        (st, text, _) = await core.Send(HttpMethod.Put, path, reg.Replace("\"NR\"", "42", StringComparison.Ordinal), token);
        Assert.Equal(400, st);
    }

    [Fact]
    public async Task Udr_AuthenticationSubscription_MatchesSchema_AndSqnPatchIsCompareAndSet()
    {
        string token = (await core.Token("UDR", "nudr-dr"))!;
        const string path = "/nudr-dr/v2/subscription-data/imsi-999700000000102/authentication-data/authentication-subscription";
        var (st, text, _) = await core.Send(HttpMethod.Get, path, null, token);
        Assert.Equal(200, st);
        OpenApiSchemas.AssertValid(text, "TS29505_Subscription_Data.yaml", "AuthenticationSubscription");
        string sqn = CoreFixture.Json(text).GetProperty("sequenceNumber").GetProperty("sqn").GetString()!;
        string patch = $"[{{\"op\":\"test\",\"path\":\"/sequenceNumber/sqn\",\"value\":\"{sqn}\"}},{{\"op\":\"replace\",\"path\":\"/sequenceNumber/sqn\",\"value\":\"0000000000FF\"}}]";
        (st, _, _) = await core.Send(HttpMethod.Patch, path, patch, token, "application/json-patch+json");
        Assert.Equal(204, st);
        // The same test again fails: the SQN is no longer the one read.
        (st, text, _) = await core.Send(HttpMethod.Patch, path, patch, token, "application/json-patch+json");
        Assert.Equal(409, st);
        OpenApiSchemas.AssertValid(text, "TS29571_CommonData.yaml", "ProblemDetails");
        // Only the SQN may be patched.
        (st, _, _) = await core.Send(HttpMethod.Patch, path, "[{\"op\":\"replace\",\"path\":\"/encPermanentKey\",\"value\":\"00\"}]", token, "application/json-patch+json");
        Assert.Equal(403, st);
    }

    [Fact]
    public async Task ManagementApi_AddShowUpdateDelete()
    {
        string rec = "{\"supi\":\"imsi-999701234567890\",\"k\":\"00112233445566778899AABBCCDDEEFF\",\"opc\":\"FFEEDDCCBBAA99887766554433221100\"}";
        var (st, _, _) = await core.Send(HttpMethod.Post, "/glasscore-mgmt/v1/subscribers", rec, null);
        Assert.Equal(201, st);
        (st, _, _) = await core.Send(HttpMethod.Post, "/glasscore-mgmt/v1/subscribers", rec, null);
        Assert.Equal(409, st);
        var (st2, text, _) = await core.Send(HttpMethod.Get, "/glasscore-mgmt/v1/subscribers/imsi-999701234567890", null, null);
        Assert.Equal(200, st2);
        Assert.Equal("00112233445566778899AABBCCDDEEFF", CoreFixture.Json(text).GetProperty("k").GetString());
        (st, _, _) = await core.Send(HttpMethod.Put, "/glasscore-mgmt/v1/subscribers/imsi-999701234567890", rec.Replace("\"opc\"", "\"msisdn\":\"123\",\"opc\"", StringComparison.Ordinal), null);
        Assert.Equal(200, st);
        (st, _, _) = await core.Send(HttpMethod.Post, "/glasscore-mgmt/v1/subscribers", rec.Replace("00112233", "zz112233", StringComparison.Ordinal).Replace("7890", "7891", StringComparison.Ordinal), null);
        Assert.Equal(400, st);
        (st, _, _) = await core.Send(HttpMethod.Delete, "/glasscore-mgmt/v1/subscribers/imsi-999701234567890", null, null);
        Assert.Equal(204, st);
        (st, _, _) = await core.Send(HttpMethod.Get, "/glasscore-mgmt/v1/subscribers/imsi-999701234567890", null, null);
        Assert.Equal(404, st);
    }
}
