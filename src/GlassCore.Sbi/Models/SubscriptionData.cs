// TS 29.505 subscription data / TS 29.503 Nudm_SDM and Nudm_UECM data types (TS29505_Subscription_Data.yaml,
// TS29503_Nudm_SDM.yaml, TS29503_Nudm_UECM.yaml).
using System.Text.Json.Serialization;

namespace GlassCore.Sbi.Models;

/// <summary>TS 29.505 §5.2.2.? AuthenticationSubscription (K and OPc travel hex-encoded in encPermanentKey / encOpcKey).</summary>
public sealed class AuthenticationSubscription
{
    public required string AuthenticationMethod { get; set; }
    public string? EncPermanentKey { get; set; }
    public string? ProtectionParameterId { get; set; }
    public SequenceNumber? SequenceNumber { get; set; }
    public string? AuthenticationManagementField { get; set; }
    public string? AlgorithmId { get; set; }
    public string? EncOpcKey { get; set; }
    public string? Supi { get; set; }
}

public sealed class SequenceNumber
{
    public string? SqnScheme { get; set; }
    public string? Sqn { get; set; }
    public Dictionary<string, int>? LastIndexes { get; set; }
    public int? IndLength { get; set; }
    public string? DifSign { get; set; }
}

/// <summary>TS 29.503 §6.1.6.2.4 AccessAndMobilitySubscriptionData (the members GlassCore provisions).</summary>
public sealed class AccessAndMobilitySubscriptionData
{
    public List<string>? Gpsis { get; set; }
    public Ambr? SubscribedUeAmbr { get; set; }
    public Nssai? Nssai { get; set; }
    public List<string>? RatRestrictions { get; set; }
    public List<string>? SubscribedDnnList { get; set; }
}

/// <summary>TS 29.503 §6.1.6.2.2 Nssai.</summary>
public sealed class Nssai
{
    public string? SupportedFeatures { get; set; }
    public required List<Snssai> DefaultSingleNssais { get; set; }
    public List<Snssai>? SingleNssais { get; set; }
}

/// <summary>TS 29.503 §6.1.6.2.5 SmfSelectionSubscriptionData; keys of subscribedSnssaiInfos are "sst" or "sst-sd".</summary>
public sealed class SmfSelectionSubscriptionData
{
    public Dictionary<string, SnssaiInfo>? SubscribedSnssaiInfos { get; set; }
}

public sealed class SnssaiInfo
{
    public required List<DnnInfo> DnnInfos { get; set; }
}

public sealed class DnnInfo
{
    public required string Dnn { get; set; }
    public bool? DefaultDnnIndicator { get; set; }
}

/// <summary>TS 29.503 §6.1.6.2.8 SessionManagementSubscriptionData (sm-data returns an array of these).</summary>
public sealed class SessionManagementSubscriptionData
{
    public required Snssai SingleNssai { get; set; }
    public Dictionary<string, DnnConfiguration>? DnnConfigurations { get; set; }
}

public sealed class DnnConfiguration
{
    public required PduSessionTypes PduSessionTypes { get; set; }
    public required SscModes SscModes { get; set; }

    [JsonPropertyName("5gQosProfile")]
    public SubscribedDefaultQos? FiveGQosProfile { get; set; }

    public Ambr? SessionAmbr { get; set; }
}

public sealed class PduSessionTypes
{
    public required string DefaultSessionType { get; set; }
    public List<string>? AllowedSessionTypes { get; set; }
}

public sealed class SscModes
{
    public required string DefaultSscMode { get; set; }
    public List<string>? AllowedSscModes { get; set; }
}

public sealed class SubscribedDefaultQos
{
    [JsonPropertyName("5qi")]
    public required int FiveQi { get; set; }

    public required Arp Arp { get; set; }
    public int? PriorityLevel { get; set; }
}

public sealed class Arp
{
    public required int PriorityLevel { get; set; }
    public required string PreemptCap { get; set; }
    public required string PreemptVuln { get; set; }
}

/// <summary>TS 29.503 §6.2.6.2.2 Amf3GppAccessRegistration (Nudm_UECM; stored by the UDR as context data).</summary>
public sealed class Amf3GppAccessRegistration
{
    public required string AmfInstanceId { get; set; }
    public required string DeregCallbackUri { get; set; }
    public required Guami Guami { get; set; }
    public required string RatType { get; set; }
    public string? SupportedFeatures { get; set; }
    public bool? PurgeFlag { get; set; }
    public string? Pei { get; set; }
    public bool? InitialRegistrationInd { get; set; }
}

/// <summary>
/// TS 29.503 §6.2.6.2.? Amf3GppAccessRegistrationModification: the merge-patch body of PATCH amf-3gpp-access; an AMF
/// that de-registers the UE sends its GUAMI with purgeFlag true (TS 23.502 §4.2.2.3.2, §4.5.3).
/// </summary>
public sealed class Amf3GppAccessRegistrationModification
{
    public required Guami Guami { get; set; }
    public bool? PurgeFlag { get; set; }
    public string? Pei { get; set; }
}

/// <summary>TS 29.503 (Nudm_UECM) DeregistrationData: the UDM's DeregistrationNotification to the registered AMF.</summary>
public sealed class DeregistrationData
{
    /// <summary>UE_INITIAL_REGISTRATION, UE_REGISTRATION_AREA_CHANGE, SUBSCRIPTION_WITHDRAWN, 5GS_TO_EPS_MOBILITY, ...</summary>
    public required string DeregReason { get; set; }
    public string? AccessType { get; set; }
}

/// <summary>TS 29.503 §6.1.6.2.3 SdmSubscription.</summary>
public sealed class SdmSubscription
{
    public required string NfInstanceId { get; set; }
    public required string CallbackReference { get; set; }
    public required List<string> MonitoredResourceUris { get; set; }
    public bool? ImplicitUnsubscribe { get; set; }
    public DateTimeOffset? Expires { get; set; }
    public string? SubscriptionId { get; set; }
}

/// <summary>TS 29.503 §6.1.6.2.? ModificationNotification sent to an SDM subscriber.</summary>
public sealed class ModificationNotification
{
    public required List<NotifyItem> NotifyItems { get; set; }
}

public sealed class NotifyItem
{
    public required string ResourceId { get; set; }
    public List<ChangeItem>? Changes { get; set; }
}

public sealed class ChangeItem
{
    public required string Op { get; set; }
    public required string Path { get; set; }
    public System.Text.Json.JsonElement? NewValue { get; set; }
}
