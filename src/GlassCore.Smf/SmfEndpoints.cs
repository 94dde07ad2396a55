// TS 29.502 §6.1.3 resource URIs under {apiRoot}/nsmf-pdusession/v1: sm-contexts (create), …/modify, …/release.
using System.Text.Json.Serialization.Metadata;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace GlassCore.Smf;

public static partial class SmfEndpoints
{
    public const string ServiceName = "nsmf-pdusession";

    public static void Map(IEndpointRouteBuilder app, PduSessionProcessor smf, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(smf);
        var j = SessionJsonContext.Default;
        const string root = PduSessionProcessor.ApiRoot + "/sm-contexts";
        app.MapPost(root, async c =>
        {
            Result<SbiMessage<SmContextCreateData>> m = await SbiMultipart.ReadAsync(c.Request, j.SmContextCreateData, c.RequestAborted).ConfigureAwait(false);
            SmfReply<SmContextCreatedData> reply = m.IsOk ? await smf.CreateAsync(m.Value!, c.RequestAborted).ConfigureAwait(false) : SmfReply<SmContextCreatedData>.Fail(m.Problem!);
            await WriteAsync(c, reply, j.SmContextCreatedData).ConfigureAwait(false);
            if (reply.After is Func<CancellationToken, Task> after)
            {
                // After the 201 has gone: the AMF gets N1N2MessageTransfer for a context it already knows.
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await after(CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException or InvalidOperationException)
                    {
                        if (log is not null)
                        {
                            LogAfterFailed(log, e.Message);
                        }
                    }
                }, CancellationToken.None);
            }
        });
        app.MapPost(root + "/{smContextRef}/modify", async c =>
        {
            Result<SbiMessage<SmContextUpdateData>> m = await SbiMultipart.ReadAsync(c.Request, j.SmContextUpdateData, c.RequestAborted).ConfigureAwait(false);
            SmfReply<SmContextUpdatedData> reply = m.IsOk
                ? await smf.UpdateAsync(SbiHttp.Route(c, "smContextRef"), m.Value!, c.RequestAborted).ConfigureAwait(false)
                : SmfReply<SmContextUpdatedData>.Fail(m.Problem!);
            await WriteAsync(c, reply, j.SmContextUpdatedData).ConfigureAwait(false);
        });
        app.MapPost(root + "/{smContextRef}/release", async c =>
        {
            // The body (SmContextReleaseData) is optional; when present it must be well formed.
            if (c.Request.ContentLength is > 0 || c.Request.ContentType is not null)
            {
                Result<SbiMessage<SmContextReleaseData>> m = await SbiMultipart.ReadAsync(c.Request, j.SmContextReleaseData, c.RequestAborted).ConfigureAwait(false);
                if (!m.IsOk)
                {
                    await SbiHttp.WriteProblemAsync(c.Response, m.Problem!, c.RequestAborted).ConfigureAwait(false);
                    return;
                }
            }
            SmfReply<SmContextUpdatedData> reply = await smf.ReleaseAsync(SbiHttp.Route(c, "smContextRef"), c.RequestAborted).ConfigureAwait(false);
            await WriteAsync(c, reply, j.SmContextUpdatedData).ConfigureAwait(false);
        });
        MapCallbacks(app, smf);
    }

    /// <summary>TS 29.518 §5.2.2.3.1 (callback of N1N2MessageTransfer): N1N2MsgTxfrFailureNotification → 204; 404 for an
    /// unknown SM context; 400 without cause or n1n2MsgDataUri.</summary>
    private static void MapCallbacks(IEndpointRouteBuilder app, PduSessionProcessor smf)
    {
        app.MapPost(PduSessionProcessor.N1N2FailureCallbackRoot + "/{smContextRef}", async c =>
        {
            CancellationToken ct = c.RequestAborted;
            Result<N1N2MsgTxfrFailureNotification> body = await SbiHttp.ReadJsonAsync(c.Request, SessionJsonContext.Default.N1N2MsgTxfrFailureNotification, ct).ConfigureAwait(false);
            if (!body.IsOk)
            {
                await SbiHttp.WriteProblemAsync(c.Response, body.Problem!, ct).ConfigureAwait(false);
                return;
            }
            if (string.IsNullOrEmpty(body.Value!.Cause) || string.IsNullOrEmpty(body.Value.N1n2MsgDataUri))
            {
                await SbiHttp.WriteProblemAsync(c.Response, Problems.MandatoryIeMissing("cause and n1n2MsgDataUri are required", "/cause"), ct).ConfigureAwait(false);
                return;
            }
            if (!await smf.OnN1N2TransferFailureAsync(SbiHttp.Route(c, "smContextRef"), body.Value, ct).ConfigureAwait(false))
            {
                await SbiHttp.WriteProblemAsync(c.Response, Problems.ContextNotFound("no such SM context"), ct).ConfigureAwait(false);
                return;
            }
            c.Response.StatusCode = 204;
        });
    }

    private static Task WriteAsync<T>(HttpContext c, SmfReply<T> reply, JsonTypeInfo<T> info) where T : class
    {
        if (reply.Error is SmContextError error)
        {
            if (reply.Parts.Count == 0 && error.N1SmMsg is null && error.N2SmInfo is null)
            {
                return SbiHttp.WriteProblemAsync(c.Response, error.Error, c.RequestAborted);
            }
            // TS 29.502 §6.1.3.2.3.1: an error carrying an N1 SM message is SmContextCreateError in a multipart body.
            return SbiMultipart.WriteAsync(c.Response, reply.Status, error, SessionJsonContext.Default.SmContextError, reply.Parts, null, c.RequestAborted);
        }
        if (reply.Body is null)
        {
            c.Response.StatusCode = 204;
            return Task.CompletedTask;
        }
        return SbiMultipart.WriteAsync(c.Response, reply.Status, reply.Body, info, reply.Parts, reply.Location, c.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "work after Create SM Context failed: {Reason}")]
    private static partial void LogAfterFailed(ILogger log, string reason);
}
