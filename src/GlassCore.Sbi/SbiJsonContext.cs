// TS 29.500 §5.4 / TS 29.501 §5.3: JSON bodies with camelCase members; unknown members are ignored and
// missing required members (C# `required`) are rejected by the source-generated deserializers.
using System.Text.Json;
using System.Text.Json.Serialization;
using GlassCore.Sbi.Models;

namespace GlassCore.Sbi;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(NFProfile))]
[JsonSerializable(typeof(List<NFProfile>))]
[JsonSerializable(typeof(SearchResult))]
[JsonSerializable(typeof(SubscriptionData))]
[JsonSerializable(typeof(NotificationData))]
[JsonSerializable(typeof(AccessTokenRsp))]
[JsonSerializable(typeof(AccessTokenErr))]
[JsonSerializable(typeof(List<PatchItem>))]
[JsonSerializable(typeof(AuthenticationInfoRequest))]
[JsonSerializable(typeof(AuthenticationInfoResult))]
[JsonSerializable(typeof(AuthEvent))]
[JsonSerializable(typeof(AuthenticationInfo))]
[JsonSerializable(typeof(UEAuthenticationCtx))]
[JsonSerializable(typeof(Av5gAka))]
[JsonSerializable(typeof(ConfirmationData))]
[JsonSerializable(typeof(ConfirmationDataResponse))]
[JsonSerializable(typeof(EapSession))]
[JsonSerializable(typeof(AuthenticationSubscription))]
[JsonSerializable(typeof(AccessAndMobilitySubscriptionData))]
[JsonSerializable(typeof(Nssai))]
[JsonSerializable(typeof(SmfSelectionSubscriptionData))]
[JsonSerializable(typeof(List<SessionManagementSubscriptionData>))]
[JsonSerializable(typeof(Amf3GppAccessRegistration))]
[JsonSerializable(typeof(Amf3GppAccessRegistrationModification))]
[JsonSerializable(typeof(DeregistrationData))]
[JsonSerializable(typeof(SdmSubscription))]
[JsonSerializable(typeof(ModificationNotification))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class SbiJsonContext : JsonSerializerContext;
