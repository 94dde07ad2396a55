// TS 29.500 §5.4 JSON for the session-management services (Nsmf_PDUSession, Namf N1N2MessageTransfer, Npcf, Nnssf):
// a context of its own beside SbiJsonContext, with the same options.
using System.Text.Json.Serialization;
using GlassCore.Sbi.Models;

namespace GlassCore.Sbi;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(SmContextCreateData))]
[JsonSerializable(typeof(SmContextCreatedData))]
[JsonSerializable(typeof(SmContextUpdateData))]
[JsonSerializable(typeof(SmContextUpdatedData))]
[JsonSerializable(typeof(SmContextReleaseData))]
[JsonSerializable(typeof(SmContextStatusNotification))]
[JsonSerializable(typeof(SmContextError))]
[JsonSerializable(typeof(N1N2MessageTransferReqData))]
[JsonSerializable(typeof(N1N2MsgTxfrFailureNotification))]
[JsonSerializable(typeof(N1N2MessageTransferRspData))]
[JsonSerializable(typeof(SmPolicyContextData))]
[JsonSerializable(typeof(SmPolicyDecision))]
[JsonSerializable(typeof(SmPolicyUpdateContextData))]
[JsonSerializable(typeof(SmPolicyDeleteData))]
[JsonSerializable(typeof(PolicyAssociationRequest))]
[JsonSerializable(typeof(PolicyAssociation))]
[JsonSerializable(typeof(AuthorizedNetworkSliceInfo))]
[JsonSerializable(typeof(SliceInfoForRegistration))]
[JsonSerializable(typeof(SliceInfoForPduSession))]
[JsonSerializable(typeof(ProblemDetails))]
public sealed partial class SessionJsonContext : JsonSerializerContext;
