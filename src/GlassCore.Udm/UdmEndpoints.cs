// TS 29.503 resource URIs: {apiRoot}/nudm-ueau/v1, /nudm-sdm/v2, /nudm-uecm/v1.
using GlassCore.Sbi;
using GlassCore.Sbi.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GlassCore.Udm;

public static class UdmEndpoints
{
    public static void Map(IEndpointRouteBuilder app, UeauProcessor ueau, SdmProcessor sdm, UecmProcessor uecm)
    {
        var j = SbiJsonContext.Default;
        static string Q(HttpContext c, string n) => c.Request.Query[n].ToString();

        app.MapPost("/nudm-ueau/v1/{supiOrSuci}/security-information/generate-auth-data", c =>
            SbiHttp.HandleAsync(c, j.AuthenticationInfoRequest, j.AuthenticationInfoResult, (r, ct) => ueau.GenerateAuthDataAsync(SbiHttp.Route(c, "supiOrSuci"), r, ct)));
        app.MapPost("/nudm-ueau/v1/{supi}/auth-events", c =>
            SbiHttp.HandleAsync(c, j.AuthEvent, j.AuthEvent, (e, ct) => ueau.ConfirmAuthAsync(SbiHttp.Route(c, "supi"), e, ct)));

        app.MapGet("/nudm-sdm/v2/{supi}/am-data", c =>
            SbiHttp.HandleAsync(c, j.AccessAndMobilitySubscriptionData, ct => sdm.GetAmDataAsync(SbiHttp.Route(c, "supi"), Q(c, "plmn-id"), ct)));
        app.MapGet("/nudm-sdm/v2/{supi}/nssai", c =>
            SbiHttp.HandleAsync(c, j.Nssai, ct => sdm.GetNssaiAsync(SbiHttp.Route(c, "supi"), Q(c, "plmn-id"), ct)));
        app.MapGet("/nudm-sdm/v2/{supi}/smf-select-data", c =>
            SbiHttp.HandleAsync(c, j.SmfSelectionSubscriptionData, ct => sdm.GetSmfSelectDataAsync(SbiHttp.Route(c, "supi"), Q(c, "plmn-id"), ct)));
        app.MapGet("/nudm-sdm/v2/{supi}/sm-data", c =>
            SbiHttp.HandleAsync(c, j.ListSessionManagementSubscriptionData, ct => sdm.GetSmDataAsync(SbiHttp.Route(c, "supi"), Q(c, "plmn-id"), Q(c, "single-nssai"), Q(c, "dnn"), ct)));
        app.MapPost("/nudm-sdm/v2/{ueId}/sdm-subscriptions", c =>
            SbiHttp.HandleAsync(c, j.SdmSubscription, j.SdmSubscription, (s, ct) => sdm.SubscribeAsync(SbiHttp.Route(c, "ueId"), s, ct)));
        app.MapDelete("/nudm-sdm/v2/{ueId}/sdm-subscriptions/{subscriptionId}", c =>
            SbiHttp.HandleAsync(c, j.SdmSubscription, ct => sdm.UnsubscribeAsync(SbiHttp.Route(c, "ueId"), SbiHttp.Route(c, "subscriptionId"), ct)));

        app.MapPut("/nudm-uecm/v1/{ueId}/registrations/amf-3gpp-access", c =>
            SbiHttp.HandleAsync(c, j.Amf3GppAccessRegistration, j.Amf3GppAccessRegistration, (r, ct) => uecm.RegisterAmf3GppAccessAsync(SbiHttp.Route(c, "ueId"), r, ct)));
        app.MapMethods("/nudm-uecm/v1/{ueId}/registrations/amf-3gpp-access", ["PATCH"], c =>
            SbiHttp.HandleAsync(c, j.Amf3GppAccessRegistrationModification, j.Amf3GppAccessRegistration, (m, ct) => uecm.UpdateAmf3GppAccessAsync(SbiHttp.Route(c, "ueId"), m, ct)));
        app.MapGet("/nudm-uecm/v1/{ueId}/registrations/amf-3gpp-access", c =>
            SbiHttp.HandleAsync(c, j.Amf3GppAccessRegistration, ct => uecm.GetAmf3GppAccessAsync(SbiHttp.Route(c, "ueId"), ct)));
    }
}
