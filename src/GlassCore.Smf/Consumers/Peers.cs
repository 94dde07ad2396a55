// Style anchor #10, consumer side: what the SMF asks of other NFs, as interfaces (tests substitute them) with HTTP
// implementations: Nudm_SDM sm-data (TS 29.503 §5.2.2.2.5), Npcf_SMPolicyControl (TS 29.512 §4.2), Namf_Communication
// N1N2MessageTransfer (TS 29.518 §5.2.2.3.1).
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GlassCore.Sbi;
using GlassCore.Sbi.Client;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;

namespace GlassCore.Smf.Consumers;

public interface ISmSubscriptionSource
{
    Task<Result<List<SessionManagementSubscriptionData>>> GetSmDataAsync(string supi, Snssai snssai, string dnn, CancellationToken ct);
}

public interface ISmPolicyClient
{
    /// <summary>Creates the SM policy association; the value is the decision, Location the association's URI.</summary>
    Task<Result<SmPolicyDecision>> CreateAsync(SmPolicyContextData context, CancellationToken ct);

    Task<Result<SmPolicyDecision>> DeleteAsync(string policyUri, CancellationToken ct);
}

public interface INamfCommunication
{
    /// <summary>N1N2MessageTransfer for a UE: the JSON plus the N1 and N2 binary parts it references.</summary>
    Task<Result<N1N2MessageTransferRspData>> N1N2MessageTransferAsync(string supi, N1N2MessageTransferReqData data, IReadOnlyCollection<BinaryPart> parts, CancellationToken ct);

    /// <summary>TS 29.502 §5.2.2.5.2 SmContextStatusNotify to the smContextStatusUri the AMF gave; true on 204.</summary>
    Task<bool> SmContextStatusNotifyAsync(string uri, SmContextStatusNotification notification, CancellationToken ct) => Task.FromResult(false);
}

public sealed class UdmSdmClient(SbiClient client, Func<string, CancellationToken, Task<Result<Uri>>> resolveUdm) : ISmSubscriptionSource
{
    public async Task<Result<List<SessionManagementSubscriptionData>>> GetSmDataAsync(string supi, Snssai snssai, string dnn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(snssai);
        Result<Uri> root = await resolveUdm(supi, ct).ConfigureAwait(false);
        if (!root.IsOk)
        {
            return root.Problem!;
        }
        string slice = JsonSerializer.Serialize(snssai, SbiJsonContext.Default.Snssai);
        var uri = new Uri(root.Value!, $"nudm-sdm/v2/{Uri.EscapeDataString(supi)}/sm-data?single-nssai={Uri.EscapeDataString(slice)}&dnn={Uri.EscapeDataString(dnn)}");
        return await client.SendAsync<object, List<SessionManagementSubscriptionData>>(HttpMethod.Get, uri, null, null,
            SbiJsonContext.Default.ListSessionManagementSubscriptionData, NfTypes.Udm, "nudm-sdm", ct).ConfigureAwait(false);
    }
}

public sealed class PcfSmPolicyClient(SbiClient client, Func<CancellationToken, Task<Result<Uri>>> resolvePcf) : ISmPolicyClient
{
    private const string Scope = "npcf-smpolicycontrol";

    public async Task<Result<SmPolicyDecision>> CreateAsync(SmPolicyContextData context, CancellationToken ct)
    {
        Result<Uri> root = await resolvePcf(ct).ConfigureAwait(false);
        if (!root.IsOk)
        {
            return root.Problem!;
        }
        Result<SmPolicyDecision> r = await client.SendAsync(HttpMethod.Post, new Uri(root.Value!, "npcf-smpolicycontrol/v1/sm-policies"), context,
            SessionJsonContext.Default.SmPolicyContextData, SessionJsonContext.Default.SmPolicyDecision, "PCF", Scope, ct).ConfigureAwait(false);
        if (!r.IsOk || r.Location is null)
        {
            return r.IsOk ? Problems.UpstreamServerError("the PCF created an SM policy without a Location") : r;
        }
        // The Location may be relative to the PCF's apiRoot; keep it absolute for the delete.
        return Result<SmPolicyDecision>.Created(r.Value!, new Uri(root.Value!, r.Location).ToString());
    }

    public Task<Result<SmPolicyDecision>> DeleteAsync(string policyUri, CancellationToken ct) =>
        client.SendAsync(HttpMethod.Post, new Uri(policyUri.TrimEnd('/') + "/delete"), new SmPolicyDeleteData(),
            SessionJsonContext.Default.SmPolicyDeleteData, SessionJsonContext.Default.SmPolicyDecision, "PCF", Scope, ct);
}

/// <summary>Namf_Communication N1N2MessageTransfer over HTTP/2 (multipart/related with the N1 and N2 parts).</summary>
public sealed class AmfCommunicationClient(HttpClient http, IAccessTokenSource? tokens, Func<string, CancellationToken, Task<Result<Uri>>> resolveAmf,
    TimeSpan timeout) : INamfCommunication
{
    public async Task<Result<N1N2MessageTransferRspData>> N1N2MessageTransferAsync(string supi, N1N2MessageTransferReqData data,
        IReadOnlyCollection<BinaryPart> parts, CancellationToken ct)
    {
        Result<Uri> root = await resolveAmf(supi, ct).ConfigureAwait(false);
        if (!root.IsOk)
        {
            return root.Problem!;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(root.Value!, $"namf-comm/v1/ue-contexts/{Uri.EscapeDataString(supi)}/n1-n2-messages"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = SbiMultipart.ToContent(data, SessionJsonContext.Default.N1N2MessageTransferReqData, parts),
        };
        if (tokens is not null && await tokens.GetTokenAsync(NfTypes.Amf, "namf-comm", ct).ConfigureAwait(false) is string token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, cts.Token).ConfigureAwait(false);
            byte[] body = await response.Content.ReadAsByteArrayAsync(cts.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                Result<N1N2MessageTransferRspData> r = SbiHttp.Parse(body, SessionJsonContext.Default.N1N2MessageTransferRspData);
                return r.IsOk ? Result<N1N2MessageTransferRspData>.Ok(r.Value!, (int)response.StatusCode) : Problems.UpstreamServerError("AMF sent an unreadable body");
            }
            Result<ProblemDetails> p = SbiHttp.Parse(body, SessionJsonContext.Default.ProblemDetails);
            ProblemDetails problem = p.IsOk ? p.Value! : new ProblemDetails { Title = response.ReasonPhrase };
            problem.Status = (int)response.StatusCode;
            return problem;
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return Problems.TargetNfNotReachable("N1N2MessageTransfer: " + e.Message);
        }
    }

    // The callback is the AMF's own URI (TS 29.502 §6.1.3.5: no service authorization of its own).
    public Task<bool> SmContextStatusNotifyAsync(string uri, SmContextStatusNotification notification, CancellationToken ct) =>
        SbiCallback.NotifyAsync(http, uri, notification, SessionJsonContext.Default.SmContextStatusNotification, timeout, ct);
}
