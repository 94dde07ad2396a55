// GlassCore's own provisioning API (not a 3GPP service): /glasscore-mgmt/v1/subscribers, the REST twin of
// `glasscore subscriber`. Secrets are returned only by GET of one subscriber.
using System.Text.Json;
using GlassCore.Sbi;
using GlassCore.Sbi.Server;
using GlassCore.Udr.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GlassCore.Udr;

public static class ManagementEndpoints
{
    public const string ApiRoot = "/glasscore-mgmt/v1";

    /// <param name="notifier">When set, SDM subscribers of a changed subscriber are notified (TS 29.503 §5.2.2.3).</param>
    public static void Map(IEndpointRouteBuilder app, SubscriberStore store, SdmChangeNotifier? notifier = null)
    {
        var j = UdrJsonContext.Default;
        app.MapGet(ApiRoot + "/subscribers", async c =>
        {
            int offset = int.TryParse(c.Request.Query["offset"], out int o) ? Math.Max(0, o) : 0;
            int limit = int.TryParse(c.Request.Query["limit"], out int l) ? Math.Clamp(l, 1, 10_000) : 1000;
            List<StoredSubscriber> list = await store.ListAsync(offset, limit, c.RequestAborted);
            await SbiHttp.WriteAsync(c.Response, Result<List<SubscriberRecord>>.Ok([.. list.Select(SubscriberStore.ToRecord)]), j.ListSubscriberRecord, c.RequestAborted);
        });
        app.MapGet(ApiRoot + "/subscribers/{supi}", c => SbiHttp.HandleAsync(c, j.SubscriberRecord, async ct =>
            await store.GetAsync(SbiHttp.Route(c, "supi"), ct) is StoredSubscriber s
                ? Result<SubscriberRecord>.Ok(SubscriberStore.ToRecord(s))
                : Problems.UserNotFound("no subscriber " + SbiHttp.Route(c, "supi"))));
        app.MapPost(ApiRoot + "/subscribers", c => SbiHttp.HandleAsync(c, j.SubscriberRecord, j.SubscriberRecord, async (s, ct) =>
        {
            if (Invalid(s) is Sbi.Models.ProblemDetails p)
            {
                return p;
            }
            return await store.AddAsync(s, ct)
                ? Result<SubscriberRecord>.Created(s, ApiRoot + "/subscribers/" + s.Supi)
                : Problems.Conflict(s.Supi + " exists already");
        }));
        app.MapPut(ApiRoot + "/subscribers/{supi}", c => SbiHttp.HandleAsync(c, j.SubscriberRecord, j.SubscriberRecord, async (s, ct) =>
        {
            if (s.Supi != SbiHttp.Route(c, "supi"))
            {
                return Problems.MandatoryIeIncorrect("supi in the body differs from the URI", "/supi");
            }
            if (Invalid(s) is Sbi.Models.ProblemDetails p)
            {
                return p;
            }
            if (!await store.UpdateAsync(s, ct))
            {
                return Problems.UserNotFound("no subscriber " + s.Supi);
            }
            if (notifier is not null)
            {
                await notifier.SubscriberChangedAsync(s.Supi, ct);
            }
            return Result<SubscriberRecord>.Ok(s);
        }));
        app.MapDelete(ApiRoot + "/subscribers/{supi}", c => SbiHttp.HandleAsync(c, j.SubscriberRecord, async ct =>
            await store.DeleteAsync(SbiHttp.Route(c, "supi"), ct) ? Result<SubscriberRecord>.NoContent() : Problems.UserNotFound("no subscriber " + SbiHttp.Route(c, "supi"))));
        // Bulk import: a JSON array, committed in one transaction; 200 only after the commit.
        app.MapPost(ApiRoot + "/subscribers:import", c => SbiHttp.HandleAsync(c, j.ListSubscriberRecord, j.ListSubscriberRecord, async (list, ct) =>
        {
            foreach (SubscriberRecord s in list)
            {
                if (Invalid(s) is Sbi.Models.ProblemDetails p)
                {
                    return p;
                }
            }
            if (list.Count > 0)
            {
                await store.ImportBatchAsync(list, ct);
            }
            return Result<List<SubscriberRecord>>.NoContent();
        }));
    }

    private static Sbi.Models.ProblemDetails? Invalid(SubscriberRecord s)
    {
        try
        {
            SubscriberStore.Validate(s);
            return null;
        }
        catch (FormatException e)
        {
            return Problems.MandatoryIeIncorrect(e.Message);
        }
    }
}
