// TS 29.503 §5.2.2.3.3 (Nudm_SDM Notification) and §5.3.2.3.2 (Nudm_UECM DeregistrationNotification): the callback
// URIs the AMF gives the UDM at registration, {apiRoot}/namf-callback/v1/{supi}/sdm-notify and .../dereg-notify; and
// TS 29.502 §5.2.2.5.2 (Nsmf_PDUSession_SMContextStatusNotify) at the smContextStatusUri the AMF gives the SMF.
using GlassCore.Sbi;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GlassCore.Amf.Sbi;

/// <summary>
/// The AMF's callback side. Callbacks are not a service of the NRF's (TS 29.500 §6.7.2: the callback URI is what
/// authorises them), so no access token is asked for; each is handed to the UE's own task.
/// </summary>
public static class NamfCallbackEndpoints
{
    public const string ApiRoot = "/namf-callback/v1";

    /// <summary>Maps the callbacks; <paramref name="amf"/> gives the AMF once N2 runs (null before: 503).</summary>
    public static void Map(IEndpointRouteBuilder app, Func<AmfContext?> amf)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(amf);
        var j = SbiJsonContext.Default;
        app.MapPost(ApiRoot + "/{supi}/sdm-notify", c =>
            SbiHttp.HandleAsync(c, j.ModificationNotification, j.ModificationNotification, (n, _) => NotifyAsync(amf(), SbiHttp.Route(c, "supi"), n)));
        // TS 23.502 §4.2.2.3.3: the UDM tells the AMF the UE is registered elsewhere (or its subscription withdrawn).
        app.MapPost(ApiRoot + "/{supi}/dereg-notify", c =>
            SbiHttp.HandleAsync(c, j.DeregistrationData, j.DeregistrationData, (d, _) => DeregisterAsync(amf(), SbiHttp.Route(c, "supi"), d)));
        // TS 29.502 §6.1.3.5 (callback): the SMF's SmContextStatusNotification → 204; 404 when the UE or its PDU session
        // is not known here; 400 for a body without statusInfo.resourceStatus or a PDU session ID outside 1..15.
        app.MapPost(ApiRoot + "/{supi}/sm-context-status/{pduSessionId}", async c =>
        {
            CancellationToken ct = c.RequestAborted;
            Result<SmContextStatusNotification> body = await SbiHttp.ReadJsonAsync(c.Request, SessionJsonContext.Default.SmContextStatusNotification, ct).ConfigureAwait(false);
            if (!body.IsOk)
            {
                await SbiHttp.WriteProblemAsync(c.Response, body.Problem!, ct).ConfigureAwait(false);
                return;
            }
            if (!byte.TryParse(SbiHttp.Route(c, "pduSessionId"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out byte psi) || psi is < 1 or > 15)
            {
                await SbiHttp.WriteProblemAsync(c.Response, Problems.MandatoryIeIncorrect("the PDU session ID must be 1..15", "/pduSessionId"), ct).ConfigureAwait(false);
                return;
            }
            if (string.IsNullOrEmpty(body.Value!.StatusInfo?.ResourceStatus))
            {
                await SbiHttp.WriteProblemAsync(c.Response, Problems.MandatoryIeMissing("statusInfo.resourceStatus is required", "/statusInfo/resourceStatus"), ct).ConfigureAwait(false);
                return;
            }
            bool known = amf() is AmfContext context && await context.SmContextStatusNotifyAsync(SbiHttp.Route(c, "supi"), psi, body.Value.StatusInfo, ct).ConfigureAwait(false);
            if (!known)
            {
                await SbiHttp.WriteProblemAsync(c.Response, Problems.ContextNotFound("no such UE or PDU session"), ct).ConfigureAwait(false);
                return;
            }
            c.Response.StatusCode = 204;
        });
    }

    private static Task<Result<ModificationNotification>> NotifyAsync(AmfContext? amf, string supi, ModificationNotification n) => Task.FromResult(
        amf is null ? Problems.NfServiceFailure("the AMF's N2 is not running")
        : amf.OnSdmNotification(supi, n) ? Result<ModificationNotification>.NoContent()
        : (Result<ModificationNotification>)Problems.ContextNotFound("no UE context for " + supi));

    /// <summary>A withdrawn subscription is #7 "5GS services not allowed"; any other reason asks the UE to register again.</summary>
    private static Task<Result<DeregistrationData>> DeregisterAsync(AmfContext? amf, string supi, DeregistrationData d)
    {
        bool withdrawn = d.DeregReason == "SUBSCRIPTION_WITHDRAWN";
        return Task.FromResult(amf is null ? Problems.NfServiceFailure("the AMF's N2 is not running")
            : amf.Deregister(supi, withdrawn ? Gmm.GmmCauses.FiveGsServicesNotAllowed : null, reRegistrationRequired: !withdrawn) ? Result<DeregistrationData>.NoContent()
            : (Result<DeregistrationData>)Problems.ContextNotFound("no UE context for " + supi));
    }
}
