// TS 29.571 common data types used by the services GlassCore implements (names as in TS29571_CommonData.yaml).
using System.Text.Json;

namespace GlassCore.Sbi.Models;

/// <summary>TS 29.571 §5.2.4.1 ProblemDetails (RFC 7807 with the 3GPP cause).</summary>
public sealed class ProblemDetails
{
    public string? Type { get; set; }
    public string? Title { get; set; }
    public int? Status { get; set; }
    public string? Detail { get; set; }
    public string? Instance { get; set; }
    public string? Cause { get; set; }
    public List<InvalidParam>? InvalidParams { get; set; }
    public string? SupportedFeatures { get; set; }
}

/// <summary>TS 29.571 InvalidParam: the JSON pointer of the offending member.</summary>
public sealed class InvalidParam
{
    public required string Param { get; set; }
    public string? Reason { get; set; }
}

public sealed class PlmnId
{
    public required string Mcc { get; set; }
    public required string Mnc { get; set; }

    public override string ToString() => Mcc + Mnc;
}

public sealed class Snssai
{
    public required int Sst { get; set; }
    public string? Sd { get; set; }

    public bool Matches(Snssai other) =>
        Sst == other.Sst && string.Equals(Sd ?? "", other.Sd ?? "", StringComparison.OrdinalIgnoreCase);
}

public sealed class Ambr
{
    public required string Uplink { get; set; }
    public required string Downlink { get; set; }
}

/// <summary>TS 29.571 §5.2.2 BitRate: "&lt;number&gt; bps|Kbps|Mbps|Gbps|Tbps".</summary>
public static class BitRates
{
    /// <summary>The rate in bits per second; null when malformed.</summary>
    public static ulong? Parse(string? s)
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            return null;
        }
        string[] p = s.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (p.Length != 2 || !decimal.TryParse(p[0], System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out decimal n) || n < 0)
        {
            return null;
        }
        decimal mult = p[1] switch
        {
            "bps" => 1m,
            "Kbps" => 1e3m,
            "Mbps" => 1e6m,
            "Gbps" => 1e9m,
            "Tbps" => 1e12m,
            _ => -1m,
        };
        if (mult < 0 || n * mult > ulong.MaxValue)
        {
            return null;
        }
        return (ulong)(n * mult);
    }
}

public sealed class Guami
{
    public required PlmnId PlmnId { get; set; }
    public required string AmfId { get; set; }
}

/// <summary>TS 29.571 LinksValueSchema (a Link: {"href": uri}).</summary>
public sealed class LinkValue
{
    public required string Href { get; set; }
}

/// <summary>TS 29.571 §5.2.4.? PatchItem: one RFC 6902 operation.</summary>
public sealed class PatchItem
{
    public required string Op { get; set; }
    public required string Path { get; set; }
    public string? From { get; set; }
    public JsonElement? Value { get; set; }
}

/// <summary>Spec enumeration values used across services (the YAML's "anyOf enum or string" stays a string here).</summary>
public static class NfTypes
{
    public const string Nrf = "NRF";
    public const string Udm = "UDM";
    public const string Udr = "UDR";
    public const string Ausf = "AUSF";
    public const string Amf = "AMF";
    public const string Smf = "SMF";
}

public static class AuthTypes
{
    public const string FiveGAka = "5G_AKA";
    public const string EapAkaPrime = "EAP_AKA_PRIME";
}

public static class AuthResults
{
    public const string Success = "AUTHENTICATION_SUCCESS";
    public const string Failure = "AUTHENTICATION_FAILURE";
    public const string Ongoing = "AUTHENTICATION_ONGOING";
}

/// <summary>TS 29.571 RatType values ("anyOf enum or string": other strings are accepted as they come).</summary>
public static class RatTypes
{
    public const string Nr = "NR";
    public const string Eutra = "EUTRA";
}
