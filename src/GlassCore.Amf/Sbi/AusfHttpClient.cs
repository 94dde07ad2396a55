// TS 29.509 §5.2.2.2.2 (5G-AKA) and §5.2.2.2.3 (EAP-AKA'): Nausf_UEAuthentication over the SBI HTTP/2 client, models from GlassCore.Sbi.
using System.Text.Json;
using GlassCore.Sbi;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;

namespace GlassCore.Amf.Sbi;

/// <summary>The HTTP/2 <see cref="IAusfClient"/>: <paramref name="ausfApiRoot"/> is the AUSF's apiRoot (from NRF discovery or configuration).</summary>
public sealed class AusfHttpClient(SbiClient client, Uri ausfApiRoot) : IAusfClient
{
    private const string Scope = "nausf-auth";

    public async Task<AusfResult<AusfChallenge>> AuthenticateAsync(string supiOrSuci, string servingNetworkName, ResynchronisationInfo? resync, CancellationToken ct)
    {
        var info = new AuthenticationInfo
        {
            SupiOrSuci = supiOrSuci,
            ServingNetworkName = servingNetworkName,
            ResynchronizationInfo = resync is null ? null : new ResynchronizationInfo { Rand = Convert.ToHexString(resync.Rand), Auts = Convert.ToHexString(resync.Auts) },
        };
        Result<UEAuthenticationCtx> r = await client.SendAsync(HttpMethod.Post, new Uri(ausfApiRoot, "nausf-auth/v1/ue-authentications"), info,
            SbiJsonContext.Default.AuthenticationInfo, SbiJsonContext.Default.UEAuthenticationCtx, NfTypes.Ausf, Scope, ct).ConfigureAwait(false);
        if (!r.IsOk)
        {
            return new AusfProblem(r.Status, r.Problem!.Cause, r.Problem.Detail);
        }
        var ctx = r.Value!;
        if (ctx.AuthType == AuthTypes.EapAkaPrime)
        {
            return EapChallenge(ctx);
        }
        if (ctx.AuthType != "5G_AKA" || !ctx.Links.TryGetValue("5g-aka", out var link))
        {
            return new AusfProblem(500, "UNSUPPORTED_AUTH_TYPE");
        }
        Av5gAka? av;
        try
        {
            av = ctx.FiveGAuthData.Deserialize(SbiJsonContext.Default.Av5gAka);
        }
        catch (JsonException)
        {
            av = null;
        }
        if (av is null || !TryHex(av.Rand, 16, out var rand) || !TryHex(av.Autn, 16, out var autn) || !TryHex(av.HxresStar, 16, out var hxres))
        {
            return new AusfProblem(500, "INVALID_5G_AUTH_DATA");
        }
        return new AusfChallenge(rand, autn, hxres, new Uri(ausfApiRoot, link.Href).ToString());
    }

    public async Task<AusfResult<AusfConfirmation>> ConfirmAsync(string confirmationUri, byte[] resStar, CancellationToken ct)
    {
        var body = new ConfirmationData { ResStar = Convert.ToHexString(resStar) };
        Result<ConfirmationDataResponse> r = await client.SendAsync(HttpMethod.Put, new Uri(confirmationUri), body,
            SbiJsonContext.Default.ConfirmationData, SbiJsonContext.Default.ConfirmationDataResponse, NfTypes.Ausf, Scope, ct).ConfigureAwait(false);
        if (!r.IsOk)
        {
            return new AusfProblem(r.Status, r.Problem!.Cause, r.Problem.Detail);
        }
        var res = r.Value!;
        bool ok = res.AuthResult == AuthResults.Success;
        byte[]? kseaf = null;
        if (ok && (res.Supi is null || !TryHex(res.Kseaf, 32, out kseaf)))
        {
            return new AusfProblem(500, "INVALID_CONFIRMATION");
        }
        return new AusfConfirmation(ok, res.Supi, kseaf);
    }

    /// <summary>TS 29.509 §6.1.6.2.5: for EAP-AKA' the 5gAuthData is the base64 EAP packet and the link is "eap-session".</summary>
    private AusfResult<AusfChallenge> EapChallenge(UEAuthenticationCtx ctx)
    {
        if (!ctx.Links.TryGetValue("eap-session", out var link) || ctx.FiveGAuthData.ValueKind != JsonValueKind.String
            || TryBase64(ctx.FiveGAuthData.GetString()) is not { } eap)
        {
            return new AusfProblem(500, "INVALID_EAP_AUTH_DATA");
        }
        return AusfChallenge.Eap(eap, new Uri(ausfApiRoot, link.Href).ToString());
    }

    public async Task<AusfResult<AusfEapResult>> EapSessionAsync(string eapSessionUri, byte[] eapResponse, CancellationToken ct)
    {
        var body = new EapSession { EapPayload = Convert.ToBase64String(eapResponse) };
        Result<EapSession> r = await client.SendAsync(HttpMethod.Post, new Uri(eapSessionUri), body,
            SbiJsonContext.Default.EapSession, SbiJsonContext.Default.EapSession, NfTypes.Ausf, Scope, ct).ConfigureAwait(false);
        if (!r.IsOk)
        {
            return new AusfProblem(r.Status, r.Problem!.Cause);
        }
        var res = r.Value!;
        if (TryBase64(res.EapPayload) is not { } eap)
        {
            return new AusfProblem(500, "INVALID_EAP_SESSION");
        }
        switch (res.AuthResult)
        {
            case AuthResults.Success:
                return res.Supi is not null && TryHex(res.KSeaf, 32, out byte[] kseaf)
                    ? new AusfEapResult(AuthResults.Success, eap, res.Supi, kseaf, null)
                    : new AusfProblem(500, "INVALID_EAP_SESSION");
            case AuthResults.Ongoing:
                return res.Links is not null && res.Links.TryGetValue("eap-session", out var next)
                    ? new AusfEapResult(AuthResults.Ongoing, eap, null, null, new Uri(ausfApiRoot, next.Href).ToString())
                    : new AusfProblem(500, "INVALID_EAP_SESSION");
            default:
                return new AusfEapResult(AuthResults.Failure, eap, null, null, null);
        }
    }

    private static byte[]? TryBase64(string? text)
    {
        if (text is null)
        {
            return null;
        }
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool TryHex(string? hex, int length, out byte[] bytes)
    {
        bytes = [];
        if (hex is null || hex.Length != 2 * length)
        {
            return false;
        }
        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
