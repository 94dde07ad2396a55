// TS 29.510 §5.3.2.2 Nnrf_NFDiscovery NFDiscover: filter registered profiles by the §6.2.3.2.3.1 query parameters.
using System.Text.Json;
using System.Text.RegularExpressions;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;

namespace GlassCore.Nrf;

/// <summary>The NFDiscover query parameters GlassCore evaluates (names in the comments are the URI's).</summary>
public sealed class DiscoveryQuery
{
    public string? TargetNfType { get; set; }          // target-nf-type (mandatory)
    public string? RequesterNfType { get; set; }       // requester-nf-type (mandatory)
    public List<string>? ServiceNames { get; set; }    // service-names
    public List<Snssai>? Snssais { get; set; }         // snssais (JSON array)
    public string? Dnn { get; set; }                   // dnn
    public List<PlmnId>? TargetPlmnList { get; set; }  // target-plmn-list (JSON array)
    public string? Supi { get; set; }                  // supi
    public string? TargetNfInstanceId { get; set; }    // target-nf-instance-id
}

public sealed class NfDiscoveryProcessor(NfInstanceStore store, NfManagementProcessor management, NrfOptions options)
{
    public Result<SearchResult> Search(DiscoveryQuery q)
    {
        if (string.IsNullOrEmpty(q.TargetNfType))
        {
            return Problems.Make(400, "MANDATORY_QUERY_PARAM_MISSING", "target-nf-type is required", "target-nf-type");
        }
        if (string.IsNullOrEmpty(q.RequesterNfType))
        {
            return Problems.Make(400, "MANDATORY_QUERY_PARAM_MISSING", "requester-nf-type is required", "requester-nf-type");
        }
        var found = new List<NFProfile>();
        foreach (NfInstanceStore.Entry e in store.All)
        {
            NFProfile p = management.WithLiveStatus(e);
            if (p.NfStatus == "REGISTERED" && p.NfType == q.TargetNfType && Matches(p, q))
            {
                found.Add(p);
            }
        }
        found.Sort((a, b) => (a.Priority ?? 0).CompareTo(b.Priority ?? 0));
        return Result<SearchResult>.Ok(new SearchResult { ValidityPeriod = options.DiscoveryValidityPeriod, NfInstances = found });
    }

    private static bool Matches(NFProfile p, DiscoveryQuery q)
    {
        if (q.TargetNfInstanceId is not null && !string.Equals(p.NfInstanceId, q.TargetNfInstanceId, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (q.ServiceNames is { Count: > 0 } names && p.NfServices?.Any(s => names.Contains(s.ServiceName)) != true)
        {
            return false;
        }
        // An NF without sNssais / plmnList serves any (TS 29.510 §6.1.6.2.2 NOTE).
        if (q.Snssais is { Count: > 0 } wanted && p.SNssais is { Count: > 0 } offered && !wanted.Any(w => offered.Any(o => o.Matches(w))))
        {
            return false;
        }
        if (q.TargetPlmnList is { Count: > 0 } plmns && p.PlmnList is { Count: > 0 } served && !plmns.Any(w => served.Any(s => s.Mcc == w.Mcc && s.Mnc == w.Mnc)))
        {
            return false;
        }
        if (q.Dnn is not null && p.SmfInfo?.SNssaiSmfInfoList is { Count: > 0 } smf
            && !smf.Any(i => i.DnnSmfInfoList.Any(d => string.Equals(d.Dnn, q.Dnn, StringComparison.OrdinalIgnoreCase) || d.Dnn == "*")))
        {
            return false;
        }
        if (q.Supi is not null)
        {
            List<SupiRange>? ranges = p.UdmInfo?.SupiRanges ?? p.AusfInfo?.SupiRanges ?? p.UdrInfo?.SupiRanges;
            if (ranges is { Count: > 0 } && !ranges.Any(r => InRange(q.Supi, r)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>TS 29.510 §6.1.6.2.9 SupiRange: numeric start..end of equal length over the IMSI digits, or a regex pattern.</summary>
    internal static bool InRange(string supi, SupiRange r)
    {
        string digits = supi.StartsWith("imsi-", StringComparison.Ordinal) ? supi[5..] : supi;
        if (r.Pattern is not null)
        {
            try
            {
                return Regex.IsMatch(supi, r.Pattern, RegexOptions.None, TimeSpan.FromMilliseconds(50)) || Regex.IsMatch(digits, r.Pattern, RegexOptions.None, TimeSpan.FromMilliseconds(50));
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }
        if (r.Start is null || r.End is null || r.Start.Length != digits.Length || r.End.Length != digits.Length)
        {
            return false;
        }
        return string.CompareOrdinal(digits, r.Start) >= 0 && string.CompareOrdinal(digits, r.End) <= 0;
    }

    /// <summary>Parses the query string members; JSON-valued parameters that do not parse are INVALID_QUERY_PARAM.</summary>
    public static Result<DiscoveryQuery> ParseQuery(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        var q = new DiscoveryQuery
        {
            TargetNfType = get("target-nf-type"),
            RequesterNfType = get("requester-nf-type"),
            Dnn = get("dnn"),
            Supi = get("supi"),
            TargetNfInstanceId = get("target-nf-instance-id"),
        };
        if (get("service-names") is string names)
        {
            q.ServiceNames = [.. names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }
        try
        {
            if (get("snssais") is string s)
            {
                q.Snssais = ParseArray(s, SnssaiList.Default.ListSnssai);
            }
            if (get("target-plmn-list") is string pl)
            {
                q.TargetPlmnList = ParseArray(pl, SnssaiList.Default.ListPlmnId);
            }
        }
        catch (JsonException e)
        {
            return Problems.InvalidQueryParam("cannot parse: " + e.Message);
        }
        return Result<DiscoveryQuery>.Ok(q);
    }

    private static List<T> ParseArray<T>(string text, System.Text.Json.Serialization.Metadata.JsonTypeInfo<List<T>> info)
    {
        // Arrays may come as one JSON array or as comma-separated JSON objects.
        string t = text.Trim();
        if (!t.StartsWith('['))
        {
            t = "[" + t + "]";
        }
        return JsonSerializer.Deserialize(t, info) ?? [];
    }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<Snssai>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<PlmnId>))]
internal sealed partial class SnssaiList : System.Text.Json.Serialization.JsonSerializerContext;
