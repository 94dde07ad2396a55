// Style anchor #10, consumer side: the UDM's typed client of Nudr_DR (TS 29.504), one method per operation it uses.
using System.Text.Json;
using GlassCore.Sbi;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;

namespace GlassCore.Udm;

public sealed class UdrClient(SbiClient client, Func<CancellationToken, Task<Result<Uri>>> resolveUdr)
{
    private const string Scope = "nudr-dr";
    private static readonly SbiJsonContext J = SbiJsonContext.Default;

    private async Task<Result<T>> Call<TReq, T>(HttpMethod method, string path, TReq? body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TReq>? reqInfo,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>? resInfo, CancellationToken ct, string contentType = "application/json") where T : class
    {
        Result<Uri> root = await resolveUdr(ct).ConfigureAwait(false);
        if (!root.IsOk)
        {
            return root.Problem!;
        }
        return await client.SendAsync(method, new Uri(root.Value!, "nudr-dr/v2/subscription-data/" + path), body, reqInfo, resInfo, NfTypes.Udr, Scope, ct, contentType).ConfigureAwait(false);
    }

    public Task<Result<AuthenticationSubscription>> GetAuthenticationSubscriptionAsync(string supi, CancellationToken ct) =>
        Call<object, AuthenticationSubscription>(HttpMethod.Get, supi + "/authentication-data/authentication-subscription", null, null, J.AuthenticationSubscription, ct);

    /// <summary>
    /// Atomic SQN step: "test" the SQN read, "replace" it with the next; 409 means another request won the race, or
    /// (when <paramref name="keys"/> are given) that K or OPc is no longer what the UDM remembered.
    /// </summary>
    public Task<Result<AuthenticationSubscription>> CompareAndSetSqnAsync(string supi, string expectedHex, string nextHex, CancellationToken ct,
        (byte[] K, byte[] Opc)? keys = null)
    {
        List<PatchItem> patch = new(4);
        if (keys is { } kv)
        {
            patch.Add(new PatchItem { Op = "test", Path = "/encPermanentKey", Value = JsonSerializer.SerializeToElement(Convert.ToHexString(kv.K), J.String) });
            patch.Add(new PatchItem { Op = "test", Path = "/encOpcKey", Value = JsonSerializer.SerializeToElement(Convert.ToHexString(kv.Opc), J.String) });
        }
        patch.Add(new PatchItem { Op = "test", Path = "/sequenceNumber/sqn", Value = JsonSerializer.SerializeToElement(expectedHex, J.String) });
        patch.Add(new PatchItem { Op = "replace", Path = "/sequenceNumber/sqn", Value = JsonSerializer.SerializeToElement(nextHex, J.String) });
        return Call(HttpMethod.Patch, supi + "/authentication-data/authentication-subscription", patch, J.ListPatchItem, J.AuthenticationSubscription, ct, "application/json-patch+json");
    }

    public Task<Result<AuthEvent>> PutAuthenticationStatusAsync(string supi, AuthEvent evt, CancellationToken ct) =>
        Call(HttpMethod.Put, supi + "/authentication-data/authentication-status", evt, J.AuthEvent, J.AuthEvent, ct);

    public Task<Result<AccessAndMobilitySubscriptionData>> GetAmDataAsync(string supi, string plmn, CancellationToken ct) =>
        Call<object, AccessAndMobilitySubscriptionData>(HttpMethod.Get, $"{supi}/{plmn}/provisioned-data/am-data", null, null, J.AccessAndMobilitySubscriptionData, ct);

    public Task<Result<SmfSelectionSubscriptionData>> GetSmfSelectionDataAsync(string supi, string plmn, CancellationToken ct) =>
        Call<object, SmfSelectionSubscriptionData>(HttpMethod.Get, $"{supi}/{plmn}/provisioned-data/smf-selection-subscription-data", null, null, J.SmfSelectionSubscriptionData, ct);

    public Task<Result<List<SessionManagementSubscriptionData>>> GetSmDataAsync(string supi, string plmn, string query, CancellationToken ct) =>
        Call<object, List<SessionManagementSubscriptionData>>(HttpMethod.Get, $"{supi}/{plmn}/provisioned-data/sm-data{query}", null, null, J.ListSessionManagementSubscriptionData, ct);

    public Task<Result<Amf3GppAccessRegistration>> PutAmf3GppAccessAsync(string supi, Amf3GppAccessRegistration reg, CancellationToken ct) =>
        Call(HttpMethod.Put, supi + "/context-data/amf-3gpp-access", reg, J.Amf3GppAccessRegistration, J.Amf3GppAccessRegistration, ct);

    public Task<Result<Amf3GppAccessRegistration>> GetAmf3GppAccessAsync(string supi, CancellationToken ct) =>
        Call<object, Amf3GppAccessRegistration>(HttpMethod.Get, supi + "/context-data/amf-3gpp-access", null, null, J.Amf3GppAccessRegistration, ct);

    public Task<Result<SdmSubscription>> PostSdmSubscriptionAsync(string supi, SdmSubscription sub, CancellationToken ct) =>
        Call(HttpMethod.Post, supi + "/context-data/sdm-subscriptions", sub, J.SdmSubscription, J.SdmSubscription, ct);

    public Task<Result<SdmSubscription>> DeleteSdmSubscriptionAsync(string supi, string id, CancellationToken ct) =>
        Call<object, SdmSubscription>(HttpMethod.Delete, $"{supi}/context-data/sdm-subscriptions/{id}", null, null, J.SdmSubscription, ct);
}
