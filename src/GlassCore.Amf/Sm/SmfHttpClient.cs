// TS 29.502 §6.1.3 (sm-contexts resources) over the SBI: multipart/related with the N1/N2 binary parts (TS 29.502
// §6.1.2.4), the SMF found through the NRF (TS 23.502 §4.3.2.2.3 SMF selection), access tokens as every consumer.
using System.Net;
using System.Net.Http.Headers;
using GlassCore.Sbi;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;

namespace GlassCore.Amf.Sm;

/// <summary>
/// The HTTP/2 <see cref="ISmfClient"/>. <paramref name="selectSmf"/> returns the apiRoot of an SMF serving the S-NSSAI
/// and DNN (NRF discovery of nsmf-pdusession); the SM context reference it answers is kept as an absolute URI.
/// </summary>
public sealed class SmfHttpClient(HttpClient http, IAccessTokenSource? tokens, Func<Snssai?, string?, CancellationToken, Task<Result<Uri>>> selectSmf,
    TimeSpan timeout) : ISmfClient
{
    private const string Scope = "nsmf-pdusession";
    private const string N1Id = "n1SmMsg";
    private const string N2Id = "n2SmInfo";

    public async Task<SmfAnswer> CreateSmContextAsync(SmContextCreateData data, byte[] n1SmMsg, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        Result<Uri> root = await selectSmf(data.SNssai, data.Dnn, ct).ConfigureAwait(false);
        if (!root.IsOk)
        {
            return SmfAnswer.Failed(root.Problem!);
        }
        data.N1SmMsg = new RefToBinaryData { ContentId = N1Id };
        var uri = new Uri(root.Value!, "nsmf-pdusession/v1/sm-contexts");
        return await SendAsync(uri, SbiMultipart.ToContent(data, SessionJsonContext.Default.SmContextCreateData, [new BinaryPart(N1Id, SbiMultipart.NasMediaType, n1SmMsg)]),
            created: true, ct).ConfigureAwait(false);
    }

    public Task<SmfAnswer> UpdateSmContextAsync(string smContextRef, SmContextUpdateData data, byte[]? n1SmMsg, byte[]? n2SmInfo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(data);
        var parts = new List<BinaryPart>(2);
        if (n1SmMsg is not null)
        {
            data.N1SmMsg = new RefToBinaryData { ContentId = N1Id };
            parts.Add(new BinaryPart(N1Id, SbiMultipart.NasMediaType, n1SmMsg));
        }
        if (n2SmInfo is not null)
        {
            data.N2SmInfo = new RefToBinaryData { ContentId = N2Id };
            parts.Add(new BinaryPart(N2Id, SbiMultipart.NgapMediaType, n2SmInfo));
        }
        return SendAsync(new Uri(smContextRef.TrimEnd('/') + "/modify"), SbiMultipart.ToContent(data, SessionJsonContext.Default.SmContextUpdateData, parts), created: false, ct);
    }

    public Task<SmfAnswer> ReleaseSmContextAsync(string smContextRef, SmContextReleaseData data, CancellationToken ct) =>
        SendAsync(new Uri(smContextRef.TrimEnd('/') + "/release"), SbiMultipart.ToContent(data, SessionJsonContext.Default.SmContextReleaseData, null), created: false, ct);

    // The callback is the SMF's own URI, as for SmContextStatusNotify the other way round: no service token.
    public Task<bool> N1N2TransferFailureNotifyAsync(string uri, N1N2MsgTxfrFailureNotification notification, CancellationToken ct) =>
        SbiCallback.NotifyAsync(http, uri, notification, SessionJsonContext.Default.N1N2MsgTxfrFailureNotification, timeout, ct);

    private async Task<SmfAnswer> SendAsync(Uri uri, HttpContent content, bool created, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        if (tokens is not null && await tokens.GetTokenAsync(NfTypes.Smf, Scope, ct).ConfigureAwait(false) is string token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, cts.Token).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            string? type = response.Content.Headers.ContentType?.ToString();
            await using Stream body = await response.Content.ReadAsStreamAsync(cts.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                string? reference = created && response.Headers.Location is Uri location ? new Uri(uri, location).ToString() : null;
                if (created && reference is null)
                {
                    return SmfAnswer.Failed(Problems.UpstreamServerError("the SMF created an SM context without a Location"));
                }
                if (status == 204 || type is null)
                {
                    return new SmfAnswer(status, null, reference);
                }
                if (created)
                {
                    Result<SbiMessage<SmContextCreatedData>> c = await SbiMultipart.ReadAsync(type, body, SessionJsonContext.Default.SmContextCreatedData, cts.Token).ConfigureAwait(false);
                    return c.IsOk
                        ? new SmfAnswer(status, null, reference, c.Value!.Json.UpCnxState, null, c.Value.Binary(c.Value.Json.N2SmInfo), c.Value.Json.N2SmInfoType)
                        : SmfAnswer.Failed(Problems.UpstreamServerError("the SMF sent an unreadable SmContextCreatedData"));
                }
                Result<SbiMessage<SmContextUpdatedData>> u = await SbiMultipart.ReadAsync(type, body, SessionJsonContext.Default.SmContextUpdatedData, cts.Token).ConfigureAwait(false);
                return u.IsOk
                    ? new SmfAnswer(status, null, null, u.Value!.Json.UpCnxState, u.Value.Binary(u.Value.Json.N1SmMsg), u.Value.Binary(u.Value.Json.N2SmInfo), u.Value.Json.N2SmInfoType)
                    : SmfAnswer.Failed(Problems.UpstreamServerError("the SMF sent an unreadable SmContextUpdatedData"));
            }
            return await ErrorAsync(status, type, body, response.ReasonPhrase, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return SmfAnswer.Failed(Problems.TargetNfNotReachable("SMF: " + e.Message));
        }
    }

    /// <summary>TS 29.502 §6.1.3.2.3.1: a ProblemDetails, or an SmContextCreateError/UpdateError carrying the 5GSM reject.</summary>
    private static async Task<SmfAnswer> ErrorAsync(int status, string? type, Stream body, string? reason, CancellationToken ct)
    {
        if (type is not null && type.StartsWith("multipart/related", StringComparison.OrdinalIgnoreCase))
        {
            Result<SbiMessage<SmContextError>> e = await SbiMultipart.ReadAsync(type, body, SessionJsonContext.Default.SmContextError, ct).ConfigureAwait(false);
            if (e.IsOk)
            {
                ProblemDetails p = e.Value!.Json.Error;
                p.Status ??= status;
                return SmfAnswer.Failed(p, e.Value.Binary(e.Value.Json.N1SmMsg));
            }
        }
        else
        {
            using var ms = new MemoryStream();
            await body.CopyToAsync(ms, ct).ConfigureAwait(false);
            Result<ProblemDetails> p = SbiHttp.Parse(ms.ToArray(), SessionJsonContext.Default.ProblemDetails);
            if (p.IsOk)
            {
                p.Value!.Status = status;
                return SmfAnswer.Failed(p.Value);
            }
        }
        return SmfAnswer.Failed(new ProblemDetails { Status = status, Title = reason });
    }
}
