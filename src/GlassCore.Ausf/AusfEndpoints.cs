// TS 29.509 resource URIs under {apiRoot}/nausf-auth/v1.
using GlassCore.Sbi;
using GlassCore.Sbi.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace GlassCore.Ausf;

public static class AusfEndpoints
{
    public static void Map(IEndpointRouteBuilder app, UeAuthenticationProcessor auth)
    {
        var j = SbiJsonContext.Default;
        const string root = UeAuthenticationProcessor.ApiRoot + "/ue-authentications";
        app.MapPost(root, c => SbiHttp.HandleAsync(c, j.AuthenticationInfo, j.UEAuthenticationCtx, auth.AuthenticateAsync));
        app.MapPut(root + "/{authCtxId}/5g-aka-confirmation", c =>
            SbiHttp.HandleAsync(c, j.ConfirmationData, j.ConfirmationDataResponse, (d, ct) => auth.Confirm5gAkaAsync(SbiHttp.Route(c, "authCtxId"), d, ct)));
        app.MapDelete(root + "/{authCtxId}/5g-aka-confirmation", c =>
            SbiHttp.HandleAsync(c, j.UEAuthenticationCtx, _ => Task.FromResult(auth.Delete(SbiHttp.Route(c, "authCtxId")))));
        app.MapPost(root + "/{authCtxId}/eap-session", c =>
            SbiHttp.HandleAsync(c, j.EapSession, j.EapSession, (s, ct) => auth.EapSessionAsync(SbiHttp.Route(c, "authCtxId"), s, ct)));
    }
}
