// TS 29.500 §6.10.3 / TS 29.501 §4.6.4: a notification POSTed to a callback URI the peer gave, which is answered 204.
using System.Net;
using System.Text.Json.Serialization.Metadata;

namespace GlassCore.Sbi.Client;

public static class SbiCallback
{
    /// <summary>POSTs <paramref name="notification"/> as JSON over HTTP/2 to <paramref name="uri"/>; true when the peer
    /// answered 204. No service token: the URI is the peer's own callback, not a service it authorises (TS 29.502
    /// §6.1.3.5, TS 29.518 §6.1.3.1). Unreachable, timed out or any other status is false.</summary>
    public static async Task<bool> NotifyAsync<T>(HttpClient http, string uri, T notification, JsonTypeInfo<T> typeInfo, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(notification);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(uri))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = System.Net.Http.Json.JsonContent.Create(notification, typeInfo),
        };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, cts.Token).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.NoContent;
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }
}
