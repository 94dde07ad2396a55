// TS 29.510 resource URIs: {apiRoot}/nnrf-nfm/v1/..., {apiRoot}/nnrf-disc/v1/nf-instances, {apiRoot}/oauth2/token.
using System.Text.Json;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GlassCore.Nrf;

public static class NrfEndpoints
{
    public static void Map(IEndpointRouteBuilder app, NfManagementProcessor nfm, NfDiscoveryProcessor disc, AccessTokenProcessor tokens)
    {
        var ctx = SbiJsonContext.Default;
        app.MapPut("/nnrf-nfm/v1/nf-instances/{nfInstanceID}", async context =>
        {
            Result<NFProfile> body = await SbiHttp.ReadJsonAsync(context.Request, ctx.NFProfile, context.RequestAborted);
            Result<NFProfile> r = body.IsOk ? nfm.Register(SbiHttp.Route(context, "nfInstanceID"), body.Value!) : body;
            await SbiHttp.WriteAsync(context.Response, r, ctx.NFProfile, context.RequestAborted);
        });
        app.MapMethods("/nnrf-nfm/v1/nf-instances/{nfInstanceID}", ["PATCH"], async context =>
        {
            Result<List<PatchItem>> body = await SbiHttp.ReadJsonAsync(context.Request, ctx.ListPatchItem, context.RequestAborted);
            Result<NFProfile> r = body.IsOk ? nfm.Update(SbiHttp.Route(context, "nfInstanceID"), body.Value!) : body.Problem!;
            await SbiHttp.WriteAsync(context.Response, r, ctx.NFProfile, context.RequestAborted);
        });
        app.MapGet("/nnrf-nfm/v1/nf-instances/{nfInstanceID}", context =>
            SbiHttp.WriteAsync(context.Response, nfm.Get(SbiHttp.Route(context, "nfInstanceID")), ctx.NFProfile, context.RequestAborted));
        app.MapDelete("/nnrf-nfm/v1/nf-instances/{nfInstanceID}", context =>
            SbiHttp.WriteAsync(context.Response, nfm.Deregister(SbiHttp.Route(context, "nfInstanceID")), ctx.NFProfile, context.RequestAborted));
        app.MapPost("/nnrf-nfm/v1/subscriptions", async context =>
        {
            Result<SubscriptionData> body = await SbiHttp.ReadJsonAsync(context.Request, ctx.SubscriptionData, context.RequestAborted);
            Result<SubscriptionData> r = body.IsOk ? nfm.Subscribe(body.Value!) : body;
            await SbiHttp.WriteAsync(context.Response, r, ctx.SubscriptionData, context.RequestAborted);
        });
        app.MapDelete("/nnrf-nfm/v1/subscriptions/{subscriptionID}", context =>
            SbiHttp.WriteAsync(context.Response, nfm.Unsubscribe(SbiHttp.Route(context, "subscriptionID")), ctx.SubscriptionData, context.RequestAborted));

        app.MapGet("/nnrf-disc/v1/nf-instances", context =>
        {
            IQueryCollection query = context.Request.Query;
            Result<DiscoveryQuery> q = NfDiscoveryProcessor.ParseQuery(name => query.TryGetValue(name, out var v) ? string.Join(',', v.ToArray()) : null);
            Result<SearchResult> r = q.IsOk ? disc.Search(q.Value!) : q.Problem!;
            return SbiHttp.WriteAsync(context.Response, r, ctx.SearchResult, context.RequestAborted);
        });

        app.MapPost("/oauth2/token", async context =>
        {
            // TS 29.510 §6.3.3.2.3.1: the AccessTokenReq is a form (application/x-www-form-urlencoded).
            if (!context.Request.HasFormContentType)
            {
                await WriteTokenError(context, 400, "invalid_request", "expected application/x-www-form-urlencoded");
                return;
            }
            IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted);
            string? F(string n) => form.TryGetValue(n, out var v) ? v.ToString() : null;
            if (F("grant_type") is not string grant || F("nfInstanceId") is not string id || F("scope") is not string scope)
            {
                await WriteTokenError(context, 400, "invalid_request", "grant_type, nfInstanceId and scope are required");
                return;
            }
            Result<AccessTokenRsp> r = tokens.Issue(new AccessTokenReq
            {
                GrantType = grant,
                NfInstanceId = id,
                Scope = scope,
                NfType = F("nfType"),
                TargetNfType = F("targetNfType"),
                TargetNfInstanceId = F("targetNfInstanceId"),
            });
            if (!r.IsOk)
            {
                await WriteTokenError(context, r.Status, r.Problem!.Cause!, r.Problem.Detail);
                return;
            }
            context.Response.Headers.CacheControl = "no-store";
            await SbiHttp.WriteAsync(context.Response, r, ctx.AccessTokenRsp, context.RequestAborted);
        });
    }

    private static Task WriteTokenError(HttpContext context, int status, string error, string? description)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new AccessTokenErr { Error = error, ErrorDescription = description },
            SbiJsonContext.Default.AccessTokenErr, context.RequestAborted);
    }
}
