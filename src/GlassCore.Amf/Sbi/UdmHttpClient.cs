// TS 29.503 §5.2 (Nudm_SDM) and §5.3 (Nudm_UECM) over the SBI HTTP/2 client: the one SbiClient of the AMF, so every
// call shares its HTTP/2 connection to the UDM and its access tokens.
using GlassCore.Sbi;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;

namespace GlassCore.Amf.Sbi;

/// <summary>The HTTP/2 <see cref="IUdmClient"/>: <paramref name="udmApiRoot"/> is the UDM's apiRoot (from NRF discovery or configuration).</summary>
public sealed class UdmHttpClient(SbiClient client, Uri udmApiRoot) : IUdmClient
{
    private const string SdmScope = "nudm-sdm";
    private const string UecmScope = "nudm-uecm";
    private static SbiJsonContext J => SbiJsonContext.Default;

    public Task<Result<Amf3GppAccessRegistration>> RegisterAsync(string supi, Amf3GppAccessRegistration registration, CancellationToken ct) =>
        client.SendAsync(HttpMethod.Put, Uecm(supi), registration, J.Amf3GppAccessRegistration, J.Amf3GppAccessRegistration, NfTypes.Udm, UecmScope, ct);

    public Task<Result<Amf3GppAccessRegistration>> PurgeAsync(string supi, Guami guami, CancellationToken ct) =>
        client.SendAsync(HttpMethod.Patch, Uecm(supi), new Amf3GppAccessRegistrationModification { Guami = guami, PurgeFlag = true },
            J.Amf3GppAccessRegistrationModification, J.Amf3GppAccessRegistration, NfTypes.Udm, UecmScope, ct, "application/merge-patch+json");

    public Task<Result<AccessAndMobilitySubscriptionData>> GetAmDataAsync(string supi, CancellationToken ct) =>
        client.SendAsync<object, AccessAndMobilitySubscriptionData>(HttpMethod.Get, Sdm(supi, "am-data"), null, null, J.AccessAndMobilitySubscriptionData, NfTypes.Udm, SdmScope, ct);

    public Task<Result<SmfSelectionSubscriptionData>> GetSmfSelectDataAsync(string supi, CancellationToken ct) =>
        client.SendAsync<object, SmfSelectionSubscriptionData>(HttpMethod.Get, Sdm(supi, "smf-select-data"), null, null, J.SmfSelectionSubscriptionData, NfTypes.Udm, SdmScope, ct);

    public Task<Result<SdmSubscription>> SubscribeAsync(string supi, SdmSubscription subscription, CancellationToken ct) =>
        client.SendAsync(HttpMethod.Post, Sdm(supi, "sdm-subscriptions"), subscription, J.SdmSubscription, J.SdmSubscription, NfTypes.Udm, SdmScope, ct);

    public Task<Result<SdmSubscription>> UnsubscribeAsync(string supi, string subscriptionId, CancellationToken ct) =>
        client.SendAsync<object, SdmSubscription>(HttpMethod.Delete, Sdm(supi, "sdm-subscriptions/" + Uri.EscapeDataString(subscriptionId)), null, null, null, NfTypes.Udm, SdmScope, ct);

    private Uri Uecm(string supi) => new(udmApiRoot, $"nudm-uecm/v1/{Uri.EscapeDataString(supi)}/registrations/amf-3gpp-access");

    private Uri Sdm(string supi, string resource) => new(udmApiRoot, $"nudm-sdm/v2/{Uri.EscapeDataString(supi)}/{resource}");
}
