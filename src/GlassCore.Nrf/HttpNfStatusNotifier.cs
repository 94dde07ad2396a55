// TS 29.510 §5.2.2.6 NFStatusNotify: POST NotificationData to the subscriber's callback, off the request path.
using System.Text.Json;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;

namespace GlassCore.Nrf;

public sealed class HttpNfStatusNotifier(HttpClient http) : INfStatusNotifier
{
    public void Notify(string callbackUri, NotificationData notification)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(notification, SbiJsonContext.Default.NotificationData);
        _ = SendAsync(callbackUri, body);
    }

    private async Task SendAsync(string uri, byte[] body)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            using HttpResponseMessage r = await http.PostAsync(new Uri(uri), content, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or UriFormatException)
        {
            // A subscriber that cannot be reached misses the notification; TS 29.510 leaves retries to the NRF's policy.
        }
    }
}
