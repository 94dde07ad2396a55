// TS 29.510 consumer side: Nnrf_NFManagement (register, heartbeat, deregister), Nnrf_NFDiscovery with a cache
// that honours validityPeriod (§6.2.3.2.3.1), and Nnrf_AccessToken with tokens reused until shortly before expiry.
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;

namespace GlassCore.Sbi.Client;

public sealed class NrfClient : IAccessTokenSource, IDisposable
{
    private readonly SbiClient _client;
    private readonly Uri _nrf;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, SearchResult Result)> _discovery = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, string Token)> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Target, string Requester, string? Service), string> _queries = new();
    // The service URI last resolved from a discovery result: while the cache answers with the same result object, the
    // same URI stands, so it is not parsed anew for every request of a procedure.
    private readonly ConcurrentDictionary<(string Target, string Service), (SearchResult From, Uri Uri)> _resolved = new();
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private readonly int _discoveryCapacity;

    /// <param name="nrfBase">The NRF's authority, e.g. http://127.0.0.1:7777 (API roots are appended).</param>
    /// <param name="discoveryCacheCapacity">
    /// Cached discovery results at most: a query that names a SUPI (the AUSF's) is its own entry, so without a bound the
    /// cache would grow with the subscriber base.
    /// </param>
    public NrfClient(HttpClient http, Uri nrfBase, SbiClientOptions options, TimeProvider? time = null, int discoveryCacheCapacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(discoveryCacheCapacity);
        _client = new SbiClient(http, options, tokens: null);
        _nrf = nrfBase;
        _time = time ?? TimeProvider.System;
        _discoveryCapacity = discoveryCacheCapacity;
    }

    /// <summary>Discovery results held now (for tests and diagnostics).</summary>
    public int DiscoveryCacheCount => _discovery.Count;

    /// <summary>The consumer's own identity, sent in token requests (set after registration).</summary>
    public string? NfInstanceId { get; set; }
    public string? NfType { get; set; }

    public Task<Result<NFProfile>> RegisterAsync(NFProfile profile, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return _client.SendAsync(HttpMethod.Put, new Uri(_nrf, "/nnrf-nfm/v1/nf-instances/" + profile.NfInstanceId), profile,
            SbiJsonContext.Default.NFProfile, SbiJsonContext.Default.NFProfile, null, null, ct);
    }

    /// <summary>TS 29.510 §5.2.2.3.2: heartbeat = PATCH replacing nfStatus with REGISTERED.</summary>
    public Task<Result<NFProfile>> HeartbeatAsync(string nfInstanceId, CancellationToken ct)
    {
        List<PatchItem> patch = [new PatchItem { Op = "replace", Path = "/nfStatus", Value = JsonSerializer.SerializeToElement("REGISTERED", SbiJsonContext.Default.String) }];
        return _client.SendAsync(HttpMethod.Patch, new Uri(_nrf, "/nnrf-nfm/v1/nf-instances/" + nfInstanceId), patch,
            SbiJsonContext.Default.ListPatchItem, SbiJsonContext.Default.NFProfile, null, null, ct, "application/json-patch+json");
    }

    public Task<Result<NFProfile>> DeregisterAsync(string nfInstanceId, CancellationToken ct) =>
        _client.SendAsync<NFProfile, NFProfile>(HttpMethod.Delete, new Uri(_nrf, "/nnrf-nfm/v1/nf-instances/" + nfInstanceId), null, null, null, null, null, ct);

    /// <summary>Nnrf_NFDiscovery search; answers from the cache while the last result's validityPeriod lasts.</summary>
    public async Task<Result<SearchResult>> DiscoverAsync(string targetNfType, string requesterNfType, string? serviceName, string? supi, CancellationToken ct)
    {
        if (supi is not null)
        {
            // The NRF narrows a SUPI query only to the instances whose SUPI ranges hold it; instances without ranges serve
            // every SUPI. So when no instance of the unnarrowed (cached) result has ranges, the narrowed answer is that
            // same result, and one discovery serves every subscriber instead of one NRF query per SUPI.
            Result<SearchResult> all = await DiscoverAsync(targetNfType, requesterNfType, serviceName, null, ct).ConfigureAwait(false);
            if (all.IsOk && all.Value is { } every && !AnyHasSupiRanges(every))
            {
                return all;
            }
        }
        // The query of an unnarrowed discovery is the same string every time: built once, not per call.
        string key = supi is null
            ? _queries.GetOrAdd((targetNfType, requesterNfType, serviceName), static q => Query(q.Target, q.Requester, q.Service, null))
            : Query(targetNfType, requesterNfType, serviceName, supi);
        DateTimeOffset now = _time.GetUtcNow();
        if (_discovery.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return Result<SearchResult>.Ok(cached.Result);
        }
        Result<SearchResult> r = await _client.SendAsync<SearchResult, SearchResult>(HttpMethod.Get, new Uri(_nrf, key), null, null,
            SbiJsonContext.Default.SearchResult, null, null, ct).ConfigureAwait(false);
        if (r.IsOk && r.Value is { } result && result.ValidityPeriod is int seconds && seconds > 0)
        {
            if (_discovery.Count >= _discoveryCapacity && !_discovery.ContainsKey(key))
            {
                MakeRoom(now);
            }
            _discovery[key] = (now + TimeSpan.FromSeconds(seconds), result);
        }
        return r;
    }

    private static string Query(string targetNfType, string requesterNfType, string? serviceName, string? supi)
    {
        var q = new StringBuilder("/nnrf-disc/v1/nf-instances?target-nf-type=").Append(Uri.EscapeDataString(targetNfType))
            .Append("&requester-nf-type=").Append(Uri.EscapeDataString(requesterNfType));
        if (serviceName is not null)
        {
            q.Append("&service-names=").Append(Uri.EscapeDataString(serviceName));
        }
        if (supi is not null)
        {
            q.Append("&supi=").Append(Uri.EscapeDataString(supi));
        }
        return q.ToString();
    }

    private static bool AnyHasSupiRanges(SearchResult result)
    {
        foreach (NFProfile p in result.NfInstances)
        {
            if (HasSupiRanges(p))
            {
                return true;
            }
        }
        return false;
    }

    private static bool HasSupiRanges(NFProfile p) =>
        p.UdmInfo?.SupiRanges is { Count: > 0 } || p.AusfInfo?.SupiRanges is { Count: > 0 } || p.UdrInfo?.SupiRanges is { Count: > 0 };

    /// <summary>A full cache drops what has expired; if that frees nothing it starts over (each query then asks the NRF once more).</summary>
    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var e in _discovery)
        {
            if (e.Value.Until <= now)
            {
                _discovery.TryRemove(e);
            }
        }
        if (_discovery.Count >= _discoveryCapacity)
        {
            _discovery.Clear();
        }
    }

    /// <summary>Discovers the first REGISTERED instance of a type offering a service, and returns the service's base URI.</summary>
    public async Task<Result<Uri>> ResolveServiceAsync(string targetNfType, string serviceName, string? supi, CancellationToken ct)
    {
        Result<SearchResult> r = await DiscoverAsync(targetNfType, NfType ?? "AUSF", serviceName, supi, ct).ConfigureAwait(false);
        if (!r.IsOk)
        {
            return Result<Uri>.Fail(r.Problem!);
        }
        if (_resolved.TryGetValue((targetNfType, serviceName), out var last) && ReferenceEquals(last.From, r.Value))
        {
            return Result<Uri>.Ok(last.Uri);
        }
        Result<Uri> found = FirstServiceUri(r.Value!, targetNfType, serviceName);
        if (found.IsOk)
        {
            _resolved[(targetNfType, serviceName)] = (r.Value!, found.Value!);
        }
        return found;
    }

    private static Result<Uri> FirstServiceUri(SearchResult result, string targetNfType, string serviceName)
    {
        foreach (NFProfile p in result.NfInstances)
        {
            if (p.NfServices is null)
            {
                continue;
            }
            foreach (NFService s in p.NfServices)
            {
                if (s.ServiceName == serviceName && BaseUri(p, s) is Uri uri)
                {
                    return Result<Uri>.Ok(uri);
                }
            }
        }
        return Result<Uri>.Fail(Problems.Make(404, "TARGET_NF_NOT_FOUND", $"no {targetNfType} offers {serviceName}"));
    }

    public static Uri? BaseUri(NFProfile profile, NFService service)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(service);
        if (service.ApiPrefix is { Length: > 0 } prefix)
        {
            return new Uri(prefix.EndsWith('/') ? prefix : prefix + "/");
        }
        string scheme = service.Scheme;
        if (service.IpEndPoints is { Count: > 0 } eps && eps[0].Ipv4Address is string ip)
        {
            return new Uri($"{scheme}://{ip}:{eps[0].Port ?? (scheme == "https" ? 443 : 80)}/");
        }
        string? host = service.Fqdn ?? profile.Fqdn ?? profile.Ipv4Addresses?.FirstOrDefault();
        return host is null ? null : new Uri($"{scheme}://{host}/");
    }

    /// <summary>Nnrf_AccessToken: client_credentials grant for a target NF type and scope; cached until 30 s before expiry.</summary>
    public async ValueTask<string?> GetTokenAsync(string targetNfType, string scope, CancellationToken ct)
    {
        string key = targetNfType + " " + scope;
        DateTimeOffset now = _time.GetUtcNow();
        if (_tokens.TryGetValue(key, out var t) && t.Until > now)
        {
            return t.Token;
        }
        await _tokenLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_tokens.TryGetValue(key, out t) && t.Until > now)
            {
                return t.Token;
            }
            Result<AccessTokenRsp> r = await RequestTokenAsync(new AccessTokenReq
            {
                GrantType = "client_credentials",
                NfInstanceId = NfInstanceId ?? throw new InvalidOperationException("register before asking for tokens"),
                NfType = NfType,
                TargetNfType = targetNfType,
                Scope = scope,
            }, ct).ConfigureAwait(false);
            if (!r.IsOk)
            {
                throw new HttpRequestException($"NRF refused an access token for {key}: {r.Problem!.Cause} {r.Problem.Detail}");
            }
            int lifetime = r.Value!.ExpiresIn ?? 3600;
            _tokens[key] = (now + TimeSpan.FromSeconds(Math.Max(1, lifetime - 30)), r.Value.AccessToken);
            return r.Value.AccessToken;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    /// <summary>TS 29.510 §6.3.3.2.3.1: POST /oauth2/token with an application/x-www-form-urlencoded AccessTokenReq.</summary>
    public async Task<Result<AccessTokenRsp>> RequestTokenAsync(AccessTokenReq req, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(req);
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", req.GrantType),
            new("nfInstanceId", req.NfInstanceId),
            new("scope", req.Scope),
        };
        if (req.NfType is not null)
        {
            form.Add(new("nfType", req.NfType));
        }
        if (req.TargetNfType is not null)
        {
            form.Add(new("targetNfType", req.TargetNfType));
        }
        if (req.TargetNfInstanceId is not null)
        {
            form.Add(new("targetNfInstanceId", req.TargetNfInstanceId));
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_nrf, "/oauth2/token")) { Content = new FormUrlEncodedContent(form), Version = System.Net.HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using HttpResponseMessage response = await _client.Http.SendAsync(request, ct).ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return SbiHttp.Parse(body, SbiJsonContext.Default.AccessTokenRsp) is { IsOk: true } ok ? ok : Problems.UpstreamServerError("unreadable AccessTokenRsp");
        }
        string error = "";
        try
        {
            error = JsonSerializer.Deserialize(body, SbiJsonContext.Default.AccessTokenErr)?.Error ?? "";
        }
        catch (JsonException)
        {
            error = "";
        }
        return Problems.Make((int)response.StatusCode, error, "access token request refused: " + error);
    }

    public void Dispose() => _tokenLock.Dispose();

    internal static MediaTypeHeaderValue FormType { get; } = new("application/x-www-form-urlencoded");
}
