// TS 29.503 Nudm_UEAU data types (TS29503_Nudm_UEAU.yaml).
using System.Text.Json.Serialization;

namespace GlassCore.Sbi.Models;

/// <summary>TS 29.503 §6.3.6.2.2 AuthenticationInfoRequest.</summary>
public sealed class AuthenticationInfoRequest
{
    public string? SupportedFeatures { get; set; }
    public required string ServingNetworkName { get; set; }
    public ResynchronizationInfo? ResynchronizationInfo { get; set; }
    public required string AusfInstanceId { get; set; }
}

public sealed class ResynchronizationInfo
{
    public required string Rand { get; set; }
    public required string Auts { get; set; }
}

/// <summary>TS 29.503 §6.3.6.2.3 AuthenticationInfoResult.</summary>
public sealed class AuthenticationInfoResult
{
    public required string AuthType { get; set; }
    public string? SupportedFeatures { get; set; }
    public AuthenticationVector? AuthenticationVector { get; set; }
    public string? Supi { get; set; }
}

/// <summary>
/// TS 29.503 AuthenticationVector: oneOf Av5GHeAka / AvEapAkaPrime, told apart by avType. One class with the
/// union of members is clearer than a polymorphic hierarchy; the producer fills exactly one variant.
/// </summary>
public sealed class AuthenticationVector
{
    public required string AvType { get; set; }
    public required string Rand { get; set; }
    public required string Autn { get; set; }
    public string? XresStar { get; set; }
    public string? Kausf { get; set; }
    public string? Xres { get; set; }
    public string? CkPrime { get; set; }
    public string? IkPrime { get; set; }
}

public static class AvTypes
{
    public const string FiveGHeAka = "5G_HE_AKA";
    public const string EapAkaPrime = "EAP_AKA_PRIME";
}

/// <summary>TS 29.503 §6.3.6.2.5 AuthEvent (also the UDR's AuthEvent for authentication-status).</summary>
public sealed class AuthEvent
{
    public required string NfInstanceId { get; set; }
    public required bool Success { get; set; }
    public required DateTimeOffset TimeStamp { get; set; }
    public required string AuthType { get; set; }
    public required string ServingNetworkName { get; set; }
    public bool? AuthRemovalInd { get; set; }
}

/// <summary>TS 29.509 Nausf_UEAuthentication §6.1.6.2.2 AuthenticationInfo.</summary>
public sealed class AuthenticationInfo
{
    public required string SupiOrSuci { get; set; }
    public required string ServingNetworkName { get; set; }
    public ResynchronizationInfo? ResynchronizationInfo { get; set; }
    public string? Pei { get; set; }
    public string? SupportedFeatures { get; set; }
}

/// <summary>TS 29.509 §6.1.6.2.3 UEAuthenticationCtx; 5gAuthData is oneOf Av5gAka / EapPayload (a base64 string).</summary>
public sealed class UEAuthenticationCtx
{
    public required string AuthType { get; set; }

    [JsonPropertyName("5gAuthData")]
    public required System.Text.Json.JsonElement FiveGAuthData { get; set; }

    [JsonPropertyName("_links")]
    public required Dictionary<string, LinkValue> Links { get; set; }

    public string? ServingNetworkName { get; set; }
}

/// <summary>TS 29.509 §6.1.6.2.4 Av5gAka (what the SEAF gets: HXRES*, not XRES*).</summary>
public sealed class Av5gAka
{
    public required string Rand { get; set; }
    public required string HxresStar { get; set; }
    public required string Autn { get; set; }
}

public sealed class ConfirmationData
{
    public required string ResStar { get; set; }
    public string? SupportedFeatures { get; set; }
}

public sealed class ConfirmationDataResponse
{
    public required string AuthResult { get; set; }
    public string? Supi { get; set; }
    public string? Kseaf { get; set; }
}

/// <summary>TS 29.509 §6.1.6.2.7 EapSession; eapPayload is a base64-encoded EAP packet (RFC 3748 / RFC 9048).</summary>
public sealed class EapSession
{
    public required string EapPayload { get; set; }

    [JsonPropertyName("kSeaf")]
    public string? KSeaf { get; set; }

    [JsonPropertyName("_links")]
    public Dictionary<string, LinkValue>? Links { get; set; }

    public string? AuthResult { get; set; }
    public string? Supi { get; set; }
}
