// TS 29.503 §5.2 Nudm_SubscriberDataManagement: Get am-data, smf-select-data, sm-data, nssai; Subscribe/Unsubscribe.
using GlassCore.Sbi;
using GlassCore.Sbi.Models;

namespace GlassCore.Udm;

public sealed class SdmProcessor(UdrClient udr, string defaultPlmn)
{
    private static Result<T> Supi<T>(string supi) =>
        supi.StartsWith("imsi-", StringComparison.Ordinal) ? Result<T>.NoContent() : Problems.MandatoryIeIncorrect("supi must be imsi-…", "supi");

    private static ProblemDetails Map(ProblemDetails p) => p.Status == 404 && p.Cause is "USER_NOT_FOUND" or null ? Problems.UserNotFound(p.Detail ?? "unknown subscriber") : p;

    private string Plmn(string? plmnJson)
    {
        // plmn-id query parameter is a JSON PlmnId; the UDR path wants MCCMNC.
        if (string.IsNullOrEmpty(plmnJson))
        {
            return defaultPlmn;
        }
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(plmnJson);
            return doc.RootElement.GetProperty("mcc").GetString() + doc.RootElement.GetProperty("mnc").GetString();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return defaultPlmn;
        }
    }

    public async Task<Result<AccessAndMobilitySubscriptionData>> GetAmDataAsync(string supi, string? plmnId, CancellationToken ct)
    {
        if (Supi<AccessAndMobilitySubscriptionData>(supi) is { IsOk: false } bad)
        {
            return bad;
        }
        Result<AccessAndMobilitySubscriptionData> r = await udr.GetAmDataAsync(supi, Plmn(plmnId), ct).ConfigureAwait(false);
        return r.IsOk ? r : Map(r.Problem!);
    }

    public async Task<Result<Nssai>> GetNssaiAsync(string supi, string? plmnId, CancellationToken ct)
    {
        Result<AccessAndMobilitySubscriptionData> am = await GetAmDataAsync(supi, plmnId, ct).ConfigureAwait(false);
        if (!am.IsOk)
        {
            return am.Problem!;
        }
        return am.Value!.Nssai is Nssai n ? Result<Nssai>.Ok(n) : Problems.DataNotFound("no NSSAI subscribed");
    }

    public async Task<Result<SmfSelectionSubscriptionData>> GetSmfSelectDataAsync(string supi, string? plmnId, CancellationToken ct)
    {
        if (Supi<SmfSelectionSubscriptionData>(supi) is { IsOk: false } bad)
        {
            return bad;
        }
        Result<SmfSelectionSubscriptionData> r = await udr.GetSmfSelectionDataAsync(supi, Plmn(plmnId), ct).ConfigureAwait(false);
        return r.IsOk ? r : Map(r.Problem!);
    }

    public async Task<Result<List<SessionManagementSubscriptionData>>> GetSmDataAsync(string supi, string? plmnId, string? singleNssai, string? dnn, CancellationToken ct)
    {
        if (Supi<List<SessionManagementSubscriptionData>>(supi) is { IsOk: false } bad)
        {
            return bad;
        }
        var q = new List<string>();
        if (!string.IsNullOrEmpty(singleNssai))
        {
            q.Add("single-nssai=" + Uri.EscapeDataString(singleNssai));
        }
        if (!string.IsNullOrEmpty(dnn))
        {
            q.Add("dnn=" + Uri.EscapeDataString(dnn));
        }
        Result<List<SessionManagementSubscriptionData>> r = await udr.GetSmDataAsync(supi, Plmn(plmnId), q.Count == 0 ? "" : "?" + string.Join('&', q), ct).ConfigureAwait(false);
        return r.IsOk ? r : Map(r.Problem!);
    }

    public async Task<Result<SdmSubscription>> SubscribeAsync(string supi, SdmSubscription sub, CancellationToken ct)
    {
        if (Supi<SdmSubscription>(supi) is { IsOk: false } bad)
        {
            return bad;
        }
        if (!Uri.TryCreate(sub.CallbackReference, UriKind.Absolute, out _))
        {
            return Problems.MandatoryIeIncorrect("callbackReference must be an absolute URI", "/callbackReference");
        }
        Result<SdmSubscription> r = await udr.PostSdmSubscriptionAsync(supi, sub, ct).ConfigureAwait(false);
        if (!r.IsOk)
        {
            return Map(r.Problem!);
        }
        return Result<SdmSubscription>.Created(r.Value!, $"/nudm-sdm/v2/{supi}/sdm-subscriptions/{r.Value!.SubscriptionId}");
    }

    public async Task<Result<SdmSubscription>> UnsubscribeAsync(string supi, string id, CancellationToken ct)
    {
        Result<SdmSubscription> r = await udr.DeleteSdmSubscriptionAsync(supi, id, ct).ConfigureAwait(false);
        return r.IsOk ? r : r.Problem!;
    }
}
