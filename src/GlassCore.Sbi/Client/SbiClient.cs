// TS 29.500 §6.10-6.11 consumer behaviour: a typed request, a bearer token from Nnrf_AccessToken when the producer
// wants one, a per-attempt timeout, and bounded retries for failures the spec lets a consumer retry.
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;

namespace GlassCore.Sbi.Client;

/// <summary>Where a consumer gets tokens: Nnrf_AccessToken, or nothing when OAuth2 is off.</summary>
public interface IAccessTokenSource
{
    ValueTask<string?> GetTokenAsync(string targetNfType, string scope, CancellationToken ct);
}

public sealed class SbiClient(HttpClient http, SbiClientOptions options, IAccessTokenSource? tokens)
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    // The Authorization value of the token last used: consumers reuse a token for its lifetime, and a typed
    // AuthenticationHeaderValue would format "Bearer <token>" (a few hundred characters) anew for every request.
    // One object, swapped whole: the client is shared by calls with different scopes, and a two-field struct could be
    // read torn (one token's string with another's header), sending a token of the wrong scope (a rare 403).
    private BearerHeader _authorization = new("", "");

    public HttpClient Http => http;

    /// <summary>Sends one SBI request and maps the reply: 2xx → value, ProblemDetails → problem, no answer → 504.</summary>
    public async Task<Result<TRes>> SendAsync<TReq, TRes>(HttpMethod method, Uri uri, TReq? body, JsonTypeInfo<TReq>? reqInfo,
        JsonTypeInfo<TRes>? resInfo, string? targetNfType, string? scope, CancellationToken ct, string contentType = "application/json")
        where TRes : class
    {
        ArgumentNullException.ThrowIfNull(uri);
        byte[]? payload = body is null || reqInfo is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, reqInfo);
        string? token = null;
        if (tokens is not null && targetNfType is not null && scope is not null)
        {
            try
            {
                token = await tokens.GetTokenAsync(targetNfType, scope, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                return Problems.Make(504, "TARGET_NF_NOT_REACHABLE", $"no access token for {scope}: {e.Message}");
            }
        }
        Exception? last = null;
        for (int attempt = 0; attempt <= options.MaxRetries; attempt++)
        {
            // h2c with prior knowledge: exactly HTTP/2, never an HTTP/1.1 upgrade (a new message defaults to 1.1).
            using var request = new HttpRequestMessage(method, uri) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
            if (payload is not null)
            {
                request.Content = new ByteArrayContent(payload);
                request.Content.Headers.ContentType = contentType == "application/json" ? JsonType : new MediaTypeHeaderValue(contentType);
            }
            if (token is not null)
            {
                BearerHeader auth = Volatile.Read(ref _authorization);
                if (!ReferenceEquals(auth.Token, token))
                {
                    auth = new BearerHeader(token, "Bearer " + token);
                    Volatile.Write(ref _authorization, auth);
                }
                request.Headers.TryAddWithoutValidation("Authorization", auth.Header);
            }
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(options.RequestTimeout);
            try
            {
                using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cts.Token).ConfigureAwait(false);
                if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout && attempt < options.MaxRetries
                    && !IsIdempotentFailureUnsafe(method))
                {
                    last = new HttpRequestException($"{(int)response.StatusCode} from {uri}");
                    await Task.Delay(Backoff(attempt), ct).ConfigureAwait(false);
                    continue;
                }
                return await ReadAsync(response, resInfo, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                last = e;
                // A request that may have reached the producer is retried only when repeating it is harmless.
                bool connectFailure = e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
                if (!connectFailure && IsIdempotentFailureUnsafe(method))
                {
                    break;
                }
                if (attempt < options.MaxRetries)
                {
                    await Task.Delay(Backoff(attempt), ct).ConfigureAwait(false);
                }
            }
        }
        return Problems.TargetNfNotReachable($"{method} {uri}: {last?.Message}");
    }

    private static bool IsIdempotentFailureUnsafe(HttpMethod method) => method == HttpMethod.Post || method == HttpMethod.Patch;

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(50 * (1 << attempt) + Random.Shared.Next(25));

    private static async Task<Result<TRes>> ReadAsync<TRes>(HttpResponseMessage response, JsonTypeInfo<TRes>? resInfo, CancellationToken ct) where TRes : class
    {
        int status = (int)response.StatusCode;
        byte[] bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        if (status is >= 200 and < 300)
        {
            if (resInfo is null || bytes.Length == 0)
            {
                return status == 204 ? Result<TRes>.NoContent() : Result<TRes>.Ok(null!, status);
            }
            Result<TRes> parsed = SbiHttp.Parse(bytes, resInfo);
            if (!parsed.IsOk)
            {
                return Problems.UpstreamServerError("producer sent an unreadable body: " + parsed.Problem!.Detail);
            }
            string? location = response.Headers.Location?.ToString();
            return location is not null && status == 201 ? Result<TRes>.Created(parsed.Value!, location) : Result<TRes>.Ok(parsed.Value!, status);
        }
        ProblemDetails? problem = null;
        if (bytes.Length > 0)
        {
            try
            {
                problem = JsonSerializer.Deserialize(bytes, SbiJsonContext.Default.ProblemDetails);
            }
            catch (JsonException)
            {
                problem = null;
            }
        }
        problem ??= new ProblemDetails { Title = response.ReasonPhrase };
        problem.Status = status;
        return problem;
    }
}

/// <summary>A token and its Authorization header value.</summary>
internal sealed record BearerHeader(string Token, string Header);
