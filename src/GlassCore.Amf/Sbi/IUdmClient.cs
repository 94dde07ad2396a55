// TS 23.502 §4.2.2.2.2 steps 14a-14c and TS 29.503 §5.2-§5.3: the AMF's view of the UDM (Nudm_UECM, Nudm_SDM).
using GlassCore.Sbi;
using GlassCore.Sbi.Models;

namespace GlassCore.Amf.Sbi;

/// <summary>What the AMF keeps of the subscription: am-data (slices, UE-AMBR) and the SMF selection data (DNNs per slice).</summary>
public sealed record SubscriptionData(AccessAndMobilitySubscriptionData AmData, SmfSelectionSubscriptionData? SmfSelection);

/// <summary>
/// Consumer of Nudm_UECM and Nudm_SDM (style anchor #10). Like <see cref="IAusfClient"/>, it is called off the UE's
/// mailbox loop and its replies come back as events.
/// </summary>
public interface IUdmClient
{
    /// <summary>PUT /nudm-uecm/v1/{supi}/registrations/amf-3gpp-access (Amf3GppAccessRegistration), TS 29.503 §5.3.2.2.2.</summary>
    Task<Result<Amf3GppAccessRegistration>> RegisterAsync(string supi, Amf3GppAccessRegistration registration, CancellationToken ct);

    /// <summary>PATCH of the same resource with the GUAMI and purgeFlag true: the AMF de-registered the UE (TS 29.503 §5.3.2.4.2).</summary>
    Task<Result<Amf3GppAccessRegistration>> PurgeAsync(string supi, Guami guami, CancellationToken ct);

    /// <summary>GET /nudm-sdm/v2/{supi}/am-data.</summary>
    Task<Result<AccessAndMobilitySubscriptionData>> GetAmDataAsync(string supi, CancellationToken ct);

    /// <summary>GET /nudm-sdm/v2/{supi}/smf-select-data.</summary>
    Task<Result<SmfSelectionSubscriptionData>> GetSmfSelectDataAsync(string supi, CancellationToken ct);

    /// <summary>POST /nudm-sdm/v2/{supi}/sdm-subscriptions; the answer carries the subscription ID.</summary>
    Task<Result<SdmSubscription>> SubscribeAsync(string supi, SdmSubscription subscription, CancellationToken ct);

    /// <summary>DELETE /nudm-sdm/v2/{supi}/sdm-subscriptions/{id}.</summary>
    Task<Result<SdmSubscription>> UnsubscribeAsync(string supi, string subscriptionId, CancellationToken ct);
}
