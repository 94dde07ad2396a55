// TS 29.504 resource URIs under {apiRoot}/nudr-dr/v2 (subscription data part).
using System.Text.Json;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GlassCore.Udr;

public static class UdrEndpoints
{
    public const string ApiRoot = "/nudr-dr/v2";
    public const string ServiceName = "nudr-dr";

    public static void Map(IEndpointRouteBuilder app, DataRepositoryProcessor dr)
    {
        var j = SbiJsonContext.Default;
        const string sub = ApiRoot + "/subscription-data/{ueId}";
        static string Ue(HttpContext c) => SbiHttp.Route(c, "ueId");

        app.MapGet(sub + "/authentication-data/authentication-subscription", c =>
            SbiHttp.HandleAsync(c, j.AuthenticationSubscription, ct => dr.GetAuthenticationSubscriptionAsync(Ue(c), ct)));
        app.MapMethods(sub + "/authentication-data/authentication-subscription", ["PATCH"], c =>
            SbiHttp.HandleAsync(c, j.ListPatchItem, j.AuthenticationSubscription, (p, ct) => dr.PatchAuthenticationSubscriptionAsync(Ue(c), p, ct)));
        app.MapPut(sub + "/authentication-data/authentication-status", c =>
            SbiHttp.HandleAsync(c, j.AuthEvent, j.AuthEvent, (e, ct) => dr.PutAuthenticationStatusAsync(Ue(c), e, ct)));
        app.MapGet(sub + "/authentication-data/authentication-status", c =>
            SbiHttp.HandleAsync(c, j.AuthEvent, ct => dr.GetAuthenticationStatusAsync(Ue(c), ct)));

        app.MapGet(sub + "/{servingPlmnId}/provisioned-data/am-data", c =>
            SbiHttp.HandleAsync(c, j.AccessAndMobilitySubscriptionData, ct => dr.GetAmDataAsync(Ue(c), ct)));
        app.MapGet(sub + "/{servingPlmnId}/provisioned-data/smf-selection-subscription-data", c =>
            SbiHttp.HandleAsync(c, j.SmfSelectionSubscriptionData, ct => dr.GetSmfSelectionDataAsync(Ue(c), ct)));
        app.MapGet(sub + "/{servingPlmnId}/provisioned-data/sm-data", c =>
        {
            Result<Snssai?> snssai = ParseSnssai(c.Request.Query["single-nssai"].ToString());
            if (!snssai.IsOk)
            {
                return SbiHttp.WriteProblemAsync(c.Response, snssai.Problem!, c.RequestAborted);
            }
            string? dnn = c.Request.Query["dnn"].ToString() is { Length: > 0 } d ? d : null;
            return SbiHttp.HandleAsync(c, j.ListSessionManagementSubscriptionData, ct => dr.GetSmDataAsync(Ue(c), snssai.Value, dnn, ct));
        });

        app.MapPut(sub + "/context-data/amf-3gpp-access", c =>
            SbiHttp.HandleAsync(c, j.Amf3GppAccessRegistration, j.Amf3GppAccessRegistration, (r, ct) => dr.PutAmf3GppAccessAsync(Ue(c), r, ct)));
        app.MapGet(sub + "/context-data/amf-3gpp-access", c =>
            SbiHttp.HandleAsync(c, j.Amf3GppAccessRegistration, ct => dr.GetAmf3GppAccessAsync(Ue(c), ct)));
        app.MapPost(sub + "/context-data/sdm-subscriptions", c =>
            SbiHttp.HandleAsync(c, j.SdmSubscription, j.SdmSubscription, (s, ct) => dr.PostSdmSubscriptionAsync(Ue(c), s, ct)));
        app.MapDelete(sub + "/context-data/sdm-subscriptions/{subsId}", c =>
            SbiHttp.HandleAsync(c, j.SdmSubscription, ct => dr.DeleteSdmSubscriptionAsync(Ue(c), SbiHttp.Route(c, "subsId"), ct)));
    }

    /// <summary>A query parameter holding a JSON Snssai (TS 29.504 single-nssai).</summary>
    internal static Result<Snssai?> ParseSnssai(string text)
    {
        if (text.Length == 0)
        {
            return Result<Snssai?>.Ok(null);
        }
        try
        {
            Snssai? s = JsonSerializer.Deserialize(text, UdrQueryJson.Default.Snssai);
            return Result<Snssai?>.Ok(s);
        }
        catch (JsonException)
        {
            return Problems.InvalidQueryParam("single-nssai is not a JSON Snssai", "single-nssai");
        }
    }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(Snssai))]
internal sealed partial class UdrQueryJson : System.Text.Json.Serialization.JsonSerializerContext;
