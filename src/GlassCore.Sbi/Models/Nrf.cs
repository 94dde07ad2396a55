// TS 29.510 Nnrf_NFManagement, Nnrf_NFDiscovery and Nnrf_AccessToken data types (TS29510_*.yaml).
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GlassCore.Sbi.Models;

/// <summary>TS 29.510 §6.1.6.2.2 NFProfile. Members GlassCore does not model are kept (extension data) and returned unchanged.</summary>
public sealed class NFProfile
{
    public required string NfInstanceId { get; set; }
    public required string NfType { get; set; }
    public required string NfStatus { get; set; }
    public string? NfInstanceName { get; set; }
    public int? HeartBeatTimer { get; set; }
    public List<PlmnId>? PlmnList { get; set; }
    public List<Snssai>? SNssais { get; set; }
    public string? Fqdn { get; set; }
    public List<string>? Ipv4Addresses { get; set; }
    public List<string>? Ipv6Addresses { get; set; }
    public int? Priority { get; set; }
    public int? Capacity { get; set; }
    public UdmInfo? UdmInfo { get; set; }
    public AusfInfo? AusfInfo { get; set; }
    public UdrInfo? UdrInfo { get; set; }
    public SmfInfo? SmfInfo { get; set; }
    public List<NFService>? NfServices { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class NFService
{
    public required string ServiceInstanceId { get; set; }
    public required string ServiceName { get; set; }
    public required List<NFServiceVersion> Versions { get; set; }
    public required string Scheme { get; set; }
    public required string NfServiceStatus { get; set; }
    public string? Fqdn { get; set; }
    public List<IpEndPoint>? IpEndPoints { get; set; }
    public string? ApiPrefix { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class NFServiceVersion
{
    public required string ApiVersionInUri { get; set; }
    public required string ApiFullVersion { get; set; }
}

public sealed class IpEndPoint
{
    public string? Ipv4Address { get; set; }
    public string? Ipv6Address { get; set; }
    public string? Transport { get; set; }
    public int? Port { get; set; }
}

public sealed class SupiRange
{
    public string? Start { get; set; }
    public string? End { get; set; }
    public string? Pattern { get; set; }
}

public sealed class UdmInfo
{
    public string? GroupId { get; set; }
    public List<SupiRange>? SupiRanges { get; set; }
    public List<string>? RoutingIndicators { get; set; }
}

public sealed class AusfInfo
{
    public string? GroupId { get; set; }
    public List<SupiRange>? SupiRanges { get; set; }
    public List<string>? RoutingIndicators { get; set; }
}

public sealed class UdrInfo
{
    public string? GroupId { get; set; }
    public List<SupiRange>? SupiRanges { get; set; }
    public List<string>? SupportedDataSets { get; set; }
}

public sealed class SmfInfo
{
    public List<SnssaiSmfInfoItem>? SNssaiSmfInfoList { get; set; }
}

public sealed class SnssaiSmfInfoItem
{
    public required Snssai SNssai { get; set; }
    public required List<DnnSmfInfoItem> DnnSmfInfoList { get; set; }
}

public sealed class DnnSmfInfoItem
{
    public required string Dnn { get; set; }
}

/// <summary>TS 29.510 §6.2.6.2.2 SearchResult.</summary>
public sealed class SearchResult
{
    public int? ValidityPeriod { get; set; }
    public required List<NFProfile> NfInstances { get; set; }
    public string? NrfSupportedFeatures { get; set; }
}

/// <summary>TS 29.510 §6.1.6.2.16 SubscriptionData (subscription to NF status changes).</summary>
public sealed class SubscriptionData
{
    public required string NfStatusNotificationUri { get; set; }
    public string? SubscriptionId { get; set; }
    public JsonElement? SubscrCond { get; set; }
    public DateTimeOffset? ValidityTime { get; set; }
    public List<string>? ReqNotifEvents { get; set; }
    public string? ReqNfType { get; set; }
    public string? ReqNfInstanceId { get; set; }
}

/// <summary>TS 29.510 §6.1.6.2.17 NotificationData.</summary>
public sealed class NotificationData
{
    public required string Event { get; set; }
    public required string NfInstanceUri { get; set; }
    public NFProfile? NfProfile { get; set; }
}

public static class NotificationEventTypes
{
    public const string NfRegistered = "NF_REGISTERED";
    public const string NfDeregistered = "NF_DEREGISTERED";
    public const string NfProfileChanged = "NF_PROFILE_CHANGED";
}

/// <summary>TS 29.510 §6.3.5.2.2 AccessTokenReq (sent as application/x-www-form-urlencoded).</summary>
public sealed class AccessTokenReq
{
    public required string GrantType { get; set; }
    public required string NfInstanceId { get; set; }
    public string? NfType { get; set; }
    public string? TargetNfType { get; set; }
    public required string Scope { get; set; }
    public string? TargetNfInstanceId { get; set; }
}

/// <summary>TS 29.510 §6.3.5.2.3 AccessTokenRsp.</summary>
public sealed class AccessTokenRsp
{
    [JsonPropertyName("access_token")]
    public required string AccessToken { get; set; }

    [JsonPropertyName("token_type")]
    public required string TokenType { get; set; }

    [JsonPropertyName("expires_in")]
    public int? ExpiresIn { get; set; }

    public string? Scope { get; set; }
}

/// <summary>TS 29.510 §6.3.5.2.4 AccessTokenErr (RFC 6749 §5.2 error codes).</summary>
public sealed class AccessTokenErr
{
    public required string Error { get; set; }

    [JsonPropertyName("error_description")]
    public string? ErrorDescription { get; set; }
}
