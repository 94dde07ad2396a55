// TS 29.503 §5.2.2.3 Nudm_SDM Notification: when provisioned subscription data changes, every SDM subscription of the
// subscriber that monitors a changed resource gets a ModificationNotification POSTed to its callbackReference.
// GlassCore's UDR keeps the UDM's SDM subscriptions (context-data/sdm-subscriptions, TS 29.504) and so sends the
// notification on the UDM's behalf instead of a Nudr DataChangeNotify to the UDM followed by the UDM's own.
using System.Text.Json;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;
using GlassCore.Udr.Storage;

namespace GlassCore.Udr;

public sealed class SdmChangeNotifier(SubscriberStore store, HttpClient http)
{
    /// <summary>Per notification attempt; a callback that does not answer misses it (no retry policy in TS 29.503).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Builds the notifications for a changed subscriber and sends them off the provisioning request's path.</summary>
    /// <returns>How many notifications were started.</returns>
    public async Task<int> SubscriberChangedAsync(string supi, CancellationToken ct) => (await StartAsync(supi, ct).ConfigureAwait(false)).Count;

    /// <summary>
    /// The same for a process that ends right after the change (`glasscore subscriber update`): waits until each
    /// callback answered or timed out.
    /// </summary>
    /// <returns>How many notifications were sent, and how many of them a callback accepted with a 2xx.</returns>
    public async Task<(int Sent, int Delivered)> SubscriberChangedAndDeliveredAsync(string supi, CancellationToken ct)
    {
        List<Task<bool>> sends = await StartAsync(supi, ct).ConfigureAwait(false);
        bool[] delivered = await Task.WhenAll(sends).ConfigureAwait(false);
        return (sends.Count, delivered.Count(d => d));
    }

    private async Task<List<Task<bool>>> StartAsync(string supi, CancellationToken ct)
    {
        var sends = new List<Task<bool>>();
        StoredSubscriber? s = await store.GetAsync(supi, ct).ConfigureAwait(false);
        if (s is null)
        {
            return sends;
        }
        List<string> subscriptions = await store.ListContextAsync(supi, DataRepositoryProcessor.SdmSubscriptionKind, ct).ConfigureAwait(false);
        foreach (string json in subscriptions)
        {
            SdmSubscription? sub = JsonSerializer.Deserialize(json, SbiJsonContext.Default.SdmSubscription);
            if (sub is null || (sub.Expires is DateTimeOffset until && until < DateTimeOffset.UtcNow)
                || !Uri.TryCreate(sub.CallbackReference, UriKind.Absolute, out Uri? callback))
            {
                continue;
            }
            List<NotifyItem> items = [.. sub.MonitoredResourceUris.Select(uri => Item(uri, s)).OfType<NotifyItem>()];
            if (items.Count > 0)
            {
                sends.Add(SendAsync(callback, new ModificationNotification { NotifyItems = items }));
            }
        }
        return sends;
    }

    /// <summary>The change of one monitored resource (TS 29.503 resource URIs, absolute or relative): its whole new value.</summary>
    private static NotifyItem? Item(string resourceUri, StoredSubscriber s)
    {
        string path = Uri.TryCreate(resourceUri, UriKind.Absolute, out Uri? abs) ? abs.AbsolutePath : resourceUri.Split('?')[0];
        JsonElement? value = path switch
        {
            _ when path.EndsWith("/am-data", StringComparison.Ordinal) => JsonSerializer.SerializeToElement(SubscriptionDataMapper.AmData(s), SbiJsonContext.Default.AccessAndMobilitySubscriptionData),
            _ when path.EndsWith("/nssai", StringComparison.Ordinal) => JsonSerializer.SerializeToElement(SubscriptionDataMapper.AmData(s).Nssai!, SbiJsonContext.Default.Nssai),
            _ when path.EndsWith("/smf-select-data", StringComparison.Ordinal) => JsonSerializer.SerializeToElement(SubscriptionDataMapper.SmfSelectionData(s), SbiJsonContext.Default.SmfSelectionSubscriptionData),
            _ when path.EndsWith("/sm-data", StringComparison.Ordinal) => JsonSerializer.SerializeToElement(SubscriptionDataMapper.SmData(s, null, null), SbiJsonContext.Default.ListSessionManagementSubscriptionData),
            _ => null,
        };
        // ChangeItem REPLACE of the document root: the consumer replaces its copy with newValue.
        return value is null ? null : new NotifyItem { ResourceId = resourceUri, Changes = [new ChangeItem { Op = "REPLACE", Path = "", NewValue = value }] };
    }

    private async Task<bool> SendAsync(Uri callback, ModificationNotification notification)
    {
        try
        {
            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(notification, SbiJsonContext.Default.ModificationNotification));
            content.Headers.ContentType = new("application/json");
            using var cts = new CancellationTokenSource(Timeout);
            using HttpResponseMessage r = await http.PostAsync(callback, content, cts.Token).ConfigureAwait(false);
            return r.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // An unreachable subscriber misses this notification; it re-reads the data when it next needs it.
            return false;
        }
    }
}
