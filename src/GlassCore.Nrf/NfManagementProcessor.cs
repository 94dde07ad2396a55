// TS 29.510 §5.2.2 Nnrf_NFManagement: NFRegister (PUT), NFUpdate (PATCH, RFC 6902; heartbeat), NFDeregister
// (DELETE), NFStatusSubscribe / Unsubscribe, NFStatusNotify.
using System.Text.Json;
using System.Text.Json.Nodes;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;

namespace GlassCore.Nrf;

/// <summary>Delivers NFStatusNotify to a subscriber's callback (HTTP in production, a list in tests).</summary>
public interface INfStatusNotifier
{
    void Notify(string callbackUri, NotificationData notification);
}

public sealed class NfManagementProcessor(NfInstanceStore store, NrfOptions options, INfStatusNotifier notifier, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public static string InstanceUri(string id) => "/nnrf-nfm/v1/nf-instances/" + id;

    /// <summary>§5.2.2.2 NFRegister / complete replacement: 201 for a new instance, 200 for a known one.</summary>
    public Result<NFProfile> Register(string nfInstanceId, NFProfile profile)
    {
        if (!Guid.TryParse(nfInstanceId, out _))
        {
            return Problems.MandatoryIeIncorrect("nfInstanceId must be a UUID", "nfInstanceId");
        }
        if (!string.Equals(profile.NfInstanceId, nfInstanceId, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.MandatoryIeIncorrect("nfInstanceId in the body differs from the URI", "/nfInstanceId");
        }
        if (profile.Fqdn is null && profile.Ipv4Addresses is not { Count: > 0 } && profile.Ipv6Addresses is not { Count: > 0 })
        {
            return Problems.MandatoryIeMissing("one of fqdn, ipv4Addresses, ipv6Addresses is required", "/fqdn");
        }
        profile.HeartBeatTimer = options.HeartBeatTimer;
        bool isNew = store.Put(profile, _time.GetUtcNow());
        NotifySubscribers(isNew ? NotificationEventTypes.NfRegistered : NotificationEventTypes.NfProfileChanged, profile);
        return isNew ? Result<NFProfile>.Created(profile, InstanceUri(nfInstanceId)) : Result<NFProfile>.Ok(profile);
    }

    /// <summary>§5.2.2.3 NFUpdate by JSON patch; a patch that only sets nfStatus REGISTERED is a heartbeat (204).</summary>
    public Result<NFProfile> Update(string nfInstanceId, List<PatchItem> patch)
    {
        if (!store.TryGet(nfInstanceId, out NfInstanceStore.Entry entry))
        {
            return Problems.Make(404, "RESOURCE_NOT_FOUND", "no NF instance " + nfInstanceId);
        }
        DateTimeOffset now = _time.GetUtcNow();
        bool heartbeat = patch.Count == 1 && patch[0].Op == "replace" && patch[0].Path == "/nfStatus";
        JsonNode doc = JsonSerializer.SerializeToNode(entry.Profile, SbiJsonContext.Default.NFProfile)!;
        if (JsonPatch.Apply(doc, patch) is ProblemDetails problem)
        {
            return problem;
        }
        NFProfile? updated;
        try
        {
            updated = doc.Deserialize(SbiJsonContext.Default.NFProfile);
        }
        catch (JsonException e)
        {
            return Problems.MandatoryIeIncorrect("patched profile is not a valid NFProfile: " + e.Message);
        }
        if (updated is null || !string.Equals(updated.NfInstanceId, nfInstanceId, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.ModificationNotAllowed("nfInstanceId cannot be changed");
        }
        updated.HeartBeatTimer = options.HeartBeatTimer;
        store.Put(updated, now);
        if (heartbeat && entry.Profile.NfStatus == updated.NfStatus)
        {
            return Result<NFProfile>.NoContent();
        }
        NotifySubscribers(NotificationEventTypes.NfProfileChanged, updated);
        return Result<NFProfile>.Ok(updated);
    }

    public Result<NFProfile> Get(string nfInstanceId) =>
        store.TryGet(nfInstanceId, out NfInstanceStore.Entry e) ? Result<NFProfile>.Ok(WithLiveStatus(e)) : Problems.Make(404, "RESOURCE_NOT_FOUND", "no NF instance " + nfInstanceId);

    public Result<NFProfile> Deregister(string nfInstanceId)
    {
        if (!store.Remove(nfInstanceId, out NfInstanceStore.Entry e))
        {
            return Problems.Make(404, "RESOURCE_NOT_FOUND", "no NF instance " + nfInstanceId);
        }
        NotifySubscribers(NotificationEventTypes.NfDeregistered, e.Profile);
        return Result<NFProfile>.NoContent();
    }

    /// <summary>The profile as discovery sees it: SUSPENDED once heartbeats stopped for the grace period.</summary>
    internal NFProfile WithLiveStatus(NfInstanceStore.Entry e)
    {
        TimeSpan grace = TimeSpan.FromSeconds(options.HeartBeatTimer * options.HeartbeatGraceFactor);
        if (e.Profile.NfStatus == "REGISTERED" && _time.GetUtcNow() - e.LastHeartbeat > grace)
        {
            e.Profile.NfStatus = "SUSPENDED";
        }
        return e.Profile;
    }

    /// <summary>§5.2.2.5 NFStatusSubscribe.</summary>
    public Result<SubscriptionData> Subscribe(SubscriptionData subscription)
    {
        if (!Uri.TryCreate(subscription.NfStatusNotificationUri, UriKind.Absolute, out _))
        {
            return Problems.MandatoryIeIncorrect("nfStatusNotificationUri must be an absolute URI", "/nfStatusNotificationUri");
        }
        subscription.SubscriptionId = Guid.NewGuid().ToString("N");
        subscription.ValidityTime ??= _time.GetUtcNow().AddDays(1);
        store.AddSubscription(subscription);
        return Result<SubscriptionData>.Created(subscription, "/nnrf-nfm/v1/subscriptions/" + subscription.SubscriptionId);
    }

    public Result<SubscriptionData> Unsubscribe(string subscriptionId) =>
        store.RemoveSubscription(subscriptionId) ? Result<SubscriptionData>.NoContent() : Problems.SubscriptionNotFound("no subscription " + subscriptionId);

    private void NotifySubscribers(string evt, NFProfile profile)
    {
        DateTimeOffset now = _time.GetUtcNow();
        foreach (SubscriptionData s in store.Subscriptions)
        {
            if (s.ValidityTime is DateTimeOffset until && until < now)
            {
                continue;
            }
            if (s.ReqNotifEvents is { Count: > 0 } events && !events.Contains(evt))
            {
                continue;
            }
            if (!ConditionMatches(s.SubscrCond, profile))
            {
                continue;
            }
            notifier.Notify(s.NfStatusNotificationUri, new NotificationData
            {
                Event = evt,
                NfInstanceUri = InstanceUri(profile.NfInstanceId),
                NfProfile = evt == NotificationEventTypes.NfDeregistered ? null : profile,
            });
        }
    }

    // TS 29.510 §6.1.6.2.? SubscrCond: NfInstanceIdCond, NfTypeCond, ServiceNameCond (the others match everything here).
    private static bool ConditionMatches(JsonElement? cond, NFProfile profile)
    {
        if (cond is not JsonElement c || c.ValueKind != JsonValueKind.Object)
        {
            return true;
        }
        if (c.TryGetProperty("nfInstanceId", out JsonElement id) && !string.Equals(id.GetString(), profile.NfInstanceId, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (c.TryGetProperty("nfType", out JsonElement type) && type.GetString() != profile.NfType)
        {
            return false;
        }
        if (c.TryGetProperty("serviceName", out JsonElement svc) && profile.NfServices?.Any(s => s.ServiceName == svc.GetString()) != true)
        {
            return false;
        }
        return true;
    }
}
