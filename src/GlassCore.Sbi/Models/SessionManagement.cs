// TS 29.502 §6.1.6 (Nsmf_PDUSession) and TS 29.518 §6.1.6 (Namf_Communication N1N2MessageTransfer) data types the SMF
// and AMF exchange for a PDU session; binary parts (N1 SM message, N2 SM information) travel as multipart/related.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GlassCore.Sbi.Models;

/// <summary>TS 29.571 RefToBinaryData: the Content-ID of a binary part of the same multipart message.</summary>
public sealed class RefToBinaryData
{
    public required string ContentId { get; set; }
}

public sealed class SmContextCreateData
{
    public string? Supi { get; set; }
    public bool? UnauthenticatedSupi { get; set; }
    public string? Pei { get; set; }
    public string? Gpsi { get; set; }
    public int? PduSessionId { get; set; }
    public string? Dnn { get; set; }
    public string? SelectedDnn { get; set; }
    [JsonPropertyName("sNssai")]
    public Snssai? SNssai { get; set; }
    public Snssai? HplmnSnssai { get; set; }
    public required string ServingNfId { get; set; }
    public Guami? Guami { get; set; }
    public required PlmnId ServingNetwork { get; set; }
    /// <summary>INITIAL_REQUEST, EXISTING_PDU_SESSION, INITIAL_EMERGENCY_REQUEST, …</summary>
    public string? RequestType { get; set; }
    public RefToBinaryData? N1SmMsg { get; set; }
    public required string AnType { get; set; }
    public string? RatType { get; set; }
    public JsonElement? UeLocation { get; set; }
    public string? UeTimeZone { get; set; }
    public required string SmContextStatusUri { get; set; }
    public string? PcfId { get; set; }
    public string? SupportedFeatures { get; set; }
    public RefToBinaryData? N2SmInfo { get; set; }
    public string? N2SmInfoType { get; set; }
}

public sealed class SmContextCreatedData
{
    public int? PduSessionId { get; set; }
    [JsonPropertyName("sNssai")]
    public Snssai? SNssai { get; set; }
    public string? UpCnxState { get; set; }
    public RefToBinaryData? N2SmInfo { get; set; }
    public string? N2SmInfoType { get; set; }
    public string? Gpsi { get; set; }
    public string? SmfServiceInstanceId { get; set; }
    public string? SupportedFeatures { get; set; }
}

public sealed class SmContextUpdateData
{
    public string? Pei { get; set; }
    public string? ServingNfId { get; set; }
    public Guami? Guami { get; set; }
    public PlmnId? ServingNetwork { get; set; }
    public string? AnType { get; set; }
    public string? RatType { get; set; }
    public JsonElement? UeLocation { get; set; }
    public string? UpCnxState { get; set; }
    public RefToBinaryData? N1SmMsg { get; set; }
    public RefToBinaryData? N2SmInfo { get; set; }
    public string? N2SmInfoType { get; set; }
    public string? SmContextStatusUri { get; set; }
    public bool? Release { get; set; }
    public string? Cause { get; set; }
    public JsonElement? NgApCause { get; set; }
    [JsonPropertyName("5gMmCauseValue")]
    public int? FiveGMmCauseValue { get; set; }
    [JsonPropertyName("sNssai")]
    public Snssai? SNssai { get; set; }
    public string? SupportedFeatures { get; set; }
}

public sealed class SmContextUpdatedData
{
    public string? UpCnxState { get; set; }
    public RefToBinaryData? N1SmMsg { get; set; }
    public RefToBinaryData? N2SmInfo { get; set; }
    public string? N2SmInfoType { get; set; }
    public string? Cause { get; set; }
    public string? SupportedFeatures { get; set; }
}

/// <summary>TS 29.502 §6.1.6.2.8 SmContextStatusNotification: the SMF tells the AMF what became of an SM context.</summary>
public sealed class SmContextStatusNotification
{
    public required StatusInfo StatusInfo { get; set; }
}

/// <summary>TS 29.502 §6.1.6.2.12 StatusInfo: resourceStatus (RELEASED, UNCHANGED, TRANSFERRED, UPDATED) and the cause.</summary>
public sealed class StatusInfo
{
    public required string ResourceStatus { get; set; }

    /// <summary>§6.1.6.3.4 Cause, e.g. REL_DUE_TO_UP_SEC, REL_DUE_TO_REACTIVATION, DNN_CONGESTION.</summary>
    public string? Cause { get; set; }
}

public sealed class SmContextReleaseData
{
    public string? Cause { get; set; }
    public JsonElement? NgApCause { get; set; }
    [JsonPropertyName("5gMmCauseValue")]
    public int? FiveGMmCauseValue { get; set; }
    public JsonElement? UeLocation { get; set; }
    public string? UeTimeZone { get; set; }
    public RefToBinaryData? N2SmInfo { get; set; }
    public string? N2SmInfoType { get; set; }
}

/// <summary>SmContextCreateError / SmContextUpdateError: the problem plus, for a 5GSM reject, the N1 SM message.</summary>
public sealed class SmContextError
{
    public required ProblemDetails Error { get; set; }
    public RefToBinaryData? N1SmMsg { get; set; }
    public RefToBinaryData? N2SmInfo { get; set; }
    public string? N2SmInfoType { get; set; }
    public string? UpCnxState { get; set; }
}

public static class UpCnxStates
{
    public const string Activated = "ACTIVATED";
    public const string Deactivated = "DEACTIVATED";
    public const string Activating = "ACTIVATING";
}

/// <summary>TS 29.502 §6.1.6.3.6 N2SmInfoType values the SMF sends and reads.</summary>
public static class N2SmInfoTypes
{
    public const string PduResSetupReq = "PDU_RES_SETUP_REQ";
    public const string PduResSetupRsp = "PDU_RES_SETUP_RSP";
    public const string PduResSetupFail = "PDU_RES_SETUP_FAIL";
    public const string PduResRelCmd = "PDU_RES_REL_CMD";
    public const string PduResRelRsp = "PDU_RES_REL_RSP";
    public const string PduResModReq = "PDU_RES_MOD_REQ";
    public const string PduResModRsp = "PDU_RES_MOD_RSP";
    public const string PduResModFail = "PDU_RES_MOD_FAIL";
}

public sealed class N1N2MessageTransferReqData
{
    public N1MessageContainer? N1MessageContainer { get; set; }
    public N2InfoContainer? N2InfoContainer { get; set; }
    public bool? SkipInd { get; set; }
    public int? PduSessionId { get; set; }
    public string? N1n2FailureTxfNotifURI { get; set; }
    public string? SupportedFeatures { get; set; }
    public string? NfId { get; set; }
}

public sealed class N1MessageContainer
{
    /// <summary>5GMM, SM, LPP, SMS, UPDP, LCS.</summary>
    public required string N1MessageClass { get; set; }
    public required RefToBinaryData N1MessageContent { get; set; }
    public string? NfId { get; set; }
}

public sealed class N2InfoContainer
{
    /// <summary>SM, NRPPa, PWS, RAN, …</summary>
    public required string N2InformationClass { get; set; }
    public N2SmInformation? SmInfo { get; set; }
}

public sealed class N2SmInformation
{
    public required int PduSessionId { get; set; }
    public N2InfoContent? N2InfoContent { get; set; }
    [JsonPropertyName("sNssai")]
    public Snssai? SNssai { get; set; }
}

public sealed class N2InfoContent
{
    public int? NgapMessageType { get; set; }
    public string? NgapIeType { get; set; }
    public required RefToBinaryData NgapData { get; set; }
}

/// <summary>TS 29.518 §6.1.6.2.30: the AMF could not deliver an N1N2MessageTransfer it had answered with 202 (posted to
/// n1n2FailureTxfNotifURI); <see cref="N1n2MsgDataUri"/> is the Location of that transfer.</summary>
public sealed class N1N2MsgTxfrFailureNotification
{
    /// <summary>N1N2MessageTransferCause, e.g. <see cref="N1N2MessageTransferCauses.UeNotResponding"/>.</summary>
    public required string Cause { get; set; }
    public required string N1n2MsgDataUri { get; set; }
}

/// <summary>TS 29.518 §6.1.6.3.5 N1N2MessageTransferCause values used here.</summary>
public static class N1N2MessageTransferCauses
{
    public const string AttemptingToReachUe = "ATTEMPTING_TO_REACH_UE";
    public const string N1N2TransferInitiated = "N1_N2_TRANSFER_INITIATED";
    public const string UeNotResponding = "UE_NOT_RESPONDING";
}

public sealed class N1N2MessageTransferRspData
{
    /// <summary>N1_N2_TRANSFER_INITIATED, ATTEMPTING_TO_REACH_UE, …</summary>
    public required string Cause { get; set; }
    public string? SupportedFeatures { get; set; }
}
