// TS 29.512 §5.6 (Npcf_SMPolicyControl), TS 29.507 §5.6 (Npcf_AMPolicyControl) and TS 29.531 §6.1.6 (Nnssf_NSSelection)
// data types: the subset GlassCore's PCF and NSSF produce and its SMF and AMF consume.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GlassCore.Sbi.Models;

public sealed class SmPolicyContextData
{
    public required string Supi { get; set; }
    public required int PduSessionId { get; set; }
    /// <summary>IPV4, IPV6, IPV4V6, UNSTRUCTURED, ETHERNET.</summary>
    public required string PduSessionType { get; set; }
    public required string Dnn { get; set; }
    public required string NotificationUri { get; set; }
    public required Snssai SliceInfo { get; set; }
    public string? Gpsi { get; set; }
    public string? AccessType { get; set; }
    public string? RatType { get; set; }
    public PlmnId? ServingNetwork { get; set; }
    public string? Ipv4Address { get; set; }
    public string? Ipv6AddressPrefix { get; set; }
    public Ambr? SubsSessAmbr { get; set; }
    public SubscribedDefaultQos? SubsDefQos { get; set; }
    public string? SuppFeat { get; set; }
}

public sealed class SmPolicyDecision
{
    public Dictionary<string, SessionRule>? SessRules { get; set; }
    public Dictionary<string, PccRule>? PccRules { get; set; }
    public Dictionary<string, QosData>? QosDecs { get; set; }
    public List<string>? PolicyCtrlReqTriggers { get; set; }
    public string? SuppFeat { get; set; }
}

public sealed class SessionRule
{
    public required string SessRuleId { get; set; }
    public Ambr? AuthSessAmbr { get; set; }
    public AuthorizedDefaultQos? AuthDefQos { get; set; }
}

public sealed class AuthorizedDefaultQos
{
    [JsonPropertyName("5qi")]
    public int? FiveQi { get; set; }
    public Arp? Arp { get; set; }
    public int? PriorityLevel { get; set; }
}

public sealed class PccRule
{
    public required string PccRuleId { get; set; }
    public List<FlowInformation>? FlowInfos { get; set; }
    public int? Precedence { get; set; }
    public List<string>? RefQosData { get; set; }
}

public sealed class FlowInformation
{
    public string? FlowDescription { get; set; }
    /// <summary>DOWNLINK, UPLINK, BIDIRECTIONAL, UNSPECIFIED.</summary>
    public string? FlowDirection { get; set; }
}

public sealed class QosData
{
    public required string QosId { get; set; }
    [JsonPropertyName("5qi")]
    public int? FiveQi { get; set; }
    public string? MaxbrUl { get; set; }
    public string? MaxbrDl { get; set; }
    public string? GbrUl { get; set; }
    public string? GbrDl { get; set; }
    public Arp? Arp { get; set; }
    public int? PriorityLevel { get; set; }
    public bool? DefQosFlowIndication { get; set; }
}

public sealed class SmPolicyUpdateContextData
{
    public List<string>? RepPolicyCtrlReqTriggers { get; set; }
    public string? Ipv4Address { get; set; }
    public string? Ipv6AddressPrefix { get; set; }
    public Ambr? SubsSessAmbr { get; set; }
    public SubscribedDefaultQos? SubsDefQos { get; set; }
}

public sealed class SmPolicyDeleteData
{
    public JsonElement? UserLocationInfo { get; set; }
    public string? PduSessRelCause { get; set; }
}

public sealed class PolicyAssociationRequest
{
    public required string NotificationUri { get; set; }
    public required string Supi { get; set; }
    public required string SuppFeat { get; set; }
    public string? Gpsi { get; set; }
    public string? AccessType { get; set; }
    public string? Pei { get; set; }
    public PlmnId? ServingPlmn { get; set; }
    public string? RatType { get; set; }
    public List<Snssai>? AllowedSnssais { get; set; }
    public Guami? Guami { get; set; }
}

public sealed class PolicyAssociation
{
    public PolicyAssociationRequest? Request { get; set; }
    public List<string>? Triggers { get; set; }
    public int? Rfsp { get; set; }
    public Ambr? UeAmbr { get; set; }
    public required string SuppFeat { get; set; }
}

public sealed class AuthorizedNetworkSliceInfo
{
    public List<AllowedNssai>? AllowedNssaiList { get; set; }
    public List<ConfiguredSnssai>? ConfiguredNssai { get; set; }
    public List<Snssai>? RejectedNssaiInPlmn { get; set; }
    public List<Snssai>? RejectedNssaiInTa { get; set; }
    public NsiInformation? NsiInformation { get; set; }
    public string? SupportedFeatures { get; set; }
}

public sealed class AllowedNssai
{
    public required List<AllowedSnssai> AllowedSnssaiList { get; set; }
    public required string AccessType { get; set; }
}

public sealed class AllowedSnssai
{
    [JsonPropertyName("allowedSnssai")]
    public required Snssai AllowedSnssaiValue { get; set; }
    public List<NsiInformation>? NsiInformationList { get; set; }
}

public sealed class ConfiguredSnssai
{
    [JsonPropertyName("configuredSnssai")]
    public required Snssai ConfiguredSnssaiValue { get; set; }
}

public sealed class NsiInformation
{
    public required string NrfId { get; set; }
    public string? NsiId { get; set; }
}

public sealed class SliceInfoForRegistration
{
    public List<SubscribedSnssai>? SubscribedNssai { get; set; }
    public List<Snssai>? RequestedNssai { get; set; }
    public bool? DefaultConfiguredSnssaiInd { get; set; }
}

public sealed class SubscribedSnssai
{
    [JsonPropertyName("subscribedSnssai")]
    public required Snssai SubscribedSnssaiValue { get; set; }
    public bool? DefaultIndication { get; set; }
}

public sealed class SliceInfoForPduSession
{
    [JsonPropertyName("sNssai")]
    public required Snssai SNssai { get; set; }
    /// <summary>NON_ROAMING, LOCAL_BREAKOUT, HOME_ROUTED_ROAMING.</summary>
    public required string RoamingIndication { get; set; }
}
