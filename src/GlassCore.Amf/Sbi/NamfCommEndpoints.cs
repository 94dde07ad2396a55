// TS 29.518 §5.2.2.3.1 and §6.1.3.5.3.1: Namf_Communication N1N2MessageTransfer, POST
// {apiRoot}/namf-comm/v1/ue-contexts/{ueContextId}/n1-n2-messages (multipart/related with the N1 and N2 parts).
using GlassCore.Amf.Sm;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GlassCore.Amf.Sbi;

/// <summary>The AMF's producer side (style anchor #10): the endpoint validates into a typed <see cref="N1N2Request"/> and the UE's task answers it.</summary>
public static class NamfCommEndpoints
{
    public const string ServiceName = "namf-comm";
    public const string ApiRoot = "/namf-comm/v1";

    /// <summary>Maps the endpoint; <paramref name="amf"/> gives the AMF once N2 runs (null before: 503).</summary>
    public static void Map(IEndpointRouteBuilder app, Func<AmfContext?> amf)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(amf);
        app.MapPost(ApiRoot + "/ue-contexts/{ueContextId}/n1-n2-messages", async c =>
        {
            CancellationToken ct = c.RequestAborted;
            Result<SbiMessage<N1N2MessageTransferReqData>> m = await SbiMultipart.ReadAsync(c.Request, SessionJsonContext.Default.N1N2MessageTransferReqData, ct).ConfigureAwait(false);
            Result<N1N2Request> request = m.IsOk ? Validate(m.Value!) : m.Problem!;
            if (!request.IsOk)
            {
                await SbiHttp.WriteProblemAsync(c.Response, request.Problem!, ct).ConfigureAwait(false);
                return;
            }
            if (amf() is not AmfContext context)
            {
                await SbiHttp.WriteProblemAsync(c.Response, Problems.NfServiceFailure("the AMF's N2 is not running"), ct).ConfigureAwait(false);
                return;
            }
            string ueContextId = SbiHttp.Route(c, "ueContextId");
            // TS 29.518 §6.1.3.5.3.1: a transfer waiting for the UE is a resource; its URI goes in the 202's Location and in
            // a failure notification.
            string messageUri = $"{c.Request.Scheme}://{c.Request.Host}{ApiRoot}/ue-contexts/{Uri.EscapeDataString(ueContextId)}/n1-n2-messages/{Guid.NewGuid():N}";
            N1N2Outcome outcome = await context.N1N2MessageTransferAsync(ueContextId, request.Value! with { MessageUri = messageUri }, ct).ConfigureAwait(false);
            if (outcome.Problem is ProblemDetails problem)
            {
                await SbiHttp.WriteProblemAsync(c.Response, problem, ct).ConfigureAwait(false);
                return;
            }
            if (outcome.Status == 202)
            {
                c.Response.Headers.Location = messageUri;
            }
            await SbiHttp.WriteAsync(c.Response, Result<N1N2MessageTransferRspData>.Ok(new N1N2MessageTransferRspData { Cause = outcome.Cause! }, outcome.Status),
                SessionJsonContext.Default.N1N2MessageTransferRspData, ct).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// TS 29.518 §6.1.6.2.31: an N1 container of class SM and/or an N2 container of class SM, each naming a binary part
    /// that is there, and a PDU session ID 1..15 (TS 24.501 §9.11.3.41). Anything else is 400 with the offending IE.
    /// </summary>
    public static Result<N1N2Request> Validate(SbiMessage<N1N2MessageTransferReqData> message)
    {
        ArgumentNullException.ThrowIfNull(message);
        N1N2MessageTransferReqData d = message.Json;
        if (d.N1MessageContainer is null && d.N2InfoContainer is null)
        {
            return Problems.MandatoryIeMissing("neither n1MessageContainer nor n2InfoContainer", "/n1MessageContainer");
        }
        byte[]? n1 = null;
        if (d.N1MessageContainer is { } n1c)
        {
            if (n1c.N1MessageClass != "SM")
            {
                return Problems.MandatoryIeIncorrect($"n1MessageClass {n1c.N1MessageClass} is not relayed by this AMF", "/n1MessageContainer/n1MessageClass");
            }
            n1 = message.Binary(n1c.N1MessageContent);
            if (n1 is not { Length: > 0 })
            {
                return Problems.MandatoryIeIncorrect("n1MessageContent names no binary part", "/n1MessageContainer/n1MessageContent");
            }
        }
        byte[]? n2 = null;
        string? n2Type = null;
        Snssai? snssai = null;
        int? psi = d.PduSessionId;
        if (d.N2InfoContainer is { } n2c)
        {
            if (n2c.N2InformationClass != "SM" || n2c.SmInfo is not { } sm)
            {
                return Problems.MandatoryIeIncorrect("only N2 information class SM with smInfo is relayed", "/n2InfoContainer");
            }
            if (sm.N2InfoContent is not { } content || (n2 = message.Binary(content.NgapData)) is not { Length: > 0 } || content.NgapIeType is null)
            {
                return Problems.MandatoryIeIncorrect("smInfo.n2InfoContent needs ngapIeType and an ngapData binary part", "/n2InfoContainer/smInfo/n2InfoContent");
            }
            n2Type = content.NgapIeType;
            snssai = sm.SNssai;
            if (psi is int p && p != sm.PduSessionId)
            {
                return Problems.MandatoryIeIncorrect("pduSessionId differs from smInfo.pduSessionId", "/pduSessionId");
            }
            psi = sm.PduSessionId;
        }
        if (psi is not (>= 1 and <= 15))
        {
            return Problems.MandatoryIeIncorrect("pduSessionId must be 1..15", "/pduSessionId");
        }
        string? failureUri = d.N1n2FailureTxfNotifURI;
        if (failureUri is not null && !(Uri.TryCreate(failureUri, UriKind.Absolute, out Uri? u) && u.Scheme is "http" or "https"))
        {
            return Problems.MandatoryIeIncorrect("n1n2FailureTxfNotifURI is not an absolute http(s) URI", "/n1n2FailureTxfNotifURI");
        }
        return Result<N1N2Request>.Ok(new N1N2Request((byte)psi.Value, n1, n2, n2Type, snssai, failureUri));
    }
}
