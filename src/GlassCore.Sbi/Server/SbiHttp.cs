// TS 29.500 §5.2 / §5.4: how a producer reads a JSON request body and writes the JSON or ProblemDetails reply.
// Endpoints use these and hand typed models to processors; processors never see the HttpContext.
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GlassCore.Sbi.Models;
using Microsoft.AspNetCore.Http;

namespace GlassCore.Sbi.Server;

public static class SbiHttp
{
    /// <summary>Largest request body a producer buffers (TS 29.500 leaves it to the NF; ours are all small).</summary>
    public const int MaxBodyBytes = 1 << 20;

    /// <summary>
    /// Reads and deserializes a JSON body: wrong media type → 415; unreadable JSON → 400 INVALID_MSG_FORMAT;
    /// a missing required member → 400 MANDATORY_IE_MISSING; a member of the wrong type → 400 MANDATORY_IE_INCORRECT.
    /// </summary>
    public static async ValueTask<Result<T>> ReadJsonAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken ct = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        string? contentType = request.ContentType;
        if (contentType is null || !(contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/json-patch+json", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/merge-patch+json", StringComparison.OrdinalIgnoreCase)))
        {
            return Problems.UnsupportedMediaType($"expected application/json, got '{contentType}'");
        }
        if (request.ContentLength > MaxBodyBytes)
        {
            return Problems.Make(413, "INVALID_MSG_FORMAT", "request body too large");
        }
        try
        {
            T? value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, ct).ConfigureAwait(false);
            if (value is null)
            {
                return Problems.InvalidMsgFormat("the body is JSON null");
            }
            return Result<T>.Ok(value);
        }
        catch (JsonException e)
        {
            return MapJsonError(e);
        }
    }

    /// <summary>Deserializes from bytes with the same error mapping as <see cref="ReadJsonAsync"/>.</summary>
    public static Result<T> Parse<T>(ReadOnlySpan<byte> body, JsonTypeInfo<T> typeInfo) where T : class
    {
        try
        {
            T? value = JsonSerializer.Deserialize(body, typeInfo);
            return value is null ? Problems.InvalidMsgFormat("the body is JSON null") : Result<T>.Ok(value);
        }
        catch (JsonException e)
        {
            return MapJsonError(e);
        }
    }

    internal static ProblemDetails MapJsonError(JsonException e)
    {
        string path = e.Path ?? "$";
        string pointer = ToPointer(path);
        // The source-generated deserializer names the missing members in its message; anything else at a
        // known path that failed to convert is a member of the wrong type.
        if (e.Message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return Problems.MandatoryIeMissing(e.Message, pointer);
        }
        if (e.InnerException is null && e.BytePositionInLine is not null && e.Message.Contains("invalid", StringComparison.OrdinalIgnoreCase)
            && !e.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return Problems.InvalidMsgFormat("malformed JSON at " + path);
        }
        if (e.Message.Contains("could not be converted", StringComparison.Ordinal) || e.InnerException is InvalidOperationException or FormatException)
        {
            return Problems.MandatoryIeIncorrect($"wrong type at {path}", pointer);
        }
        return Problems.InvalidMsgFormat("malformed JSON at " + path);
    }

    private static string ToPointer(string jsonPath)
    {
        // "$.a.b[2]" → "/a/b/2" (TS 29.571 InvalidParam.param is a JSON pointer).
        var sb = new System.Text.StringBuilder();
        foreach (string part in jsonPath.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            string p = part.Replace("[", "/", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
            sb.Append('/').Append(p);
        }
        return sb.Length == 0 ? "/" : sb.ToString();
    }

    /// <summary>Writes a processor result: the value as JSON with its status (and Location), or the ProblemDetails.</summary>
    public static Task WriteAsync<T>(HttpResponse response, Result<T> result, JsonTypeInfo<T> typeInfo, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!result.IsOk)
        {
            return WriteProblemAsync(response, result.Problem!, ct);
        }
        response.StatusCode = result.Status;
        if (result.Location is not null)
        {
            response.Headers.Location = result.Location;
        }
        if (result.Status == 204 || result.Value is null)
        {
            return Task.CompletedTask;
        }
        response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(response.Body, result.Value, typeInfo, ct);
    }

    public static Task WriteProblemAsync(HttpResponse response, ProblemDetails problem, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(problem);
        response.StatusCode = problem.Status ?? 500;
        response.ContentType = Problems.ContentType;
        return JsonSerializer.SerializeAsync(response.Body, problem, SbiJsonContext.Default.ProblemDetails, ct);
    }

    /// <summary>Endpoint glue: read the typed body, run the processor, write its result.</summary>
    public static async Task HandleAsync<TReq, TRes>(HttpContext context, JsonTypeInfo<TReq> reqInfo, JsonTypeInfo<TRes> resInfo,
        Func<TReq, CancellationToken, Task<Result<TRes>>> process)
        where TReq : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(process);
        Result<TReq> body = await ReadJsonAsync(context.Request, reqInfo, context.RequestAborted).ConfigureAwait(false);
        Result<TRes> result = body.IsOk ? await process(body.Value!, context.RequestAborted).ConfigureAwait(false) : Result<TRes>.Fail(body.Problem!);
        await WriteAsync(context.Response, result, resInfo, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Endpoint glue for requests without a body.</summary>
    public static async Task HandleAsync<TRes>(HttpContext context, JsonTypeInfo<TRes> resInfo, Func<CancellationToken, Task<Result<TRes>>> process)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(process);
        Result<TRes> result = await process(context.RequestAborted).ConfigureAwait(false);
        await WriteAsync(context.Response, result, resInfo, context.RequestAborted).ConfigureAwait(false);
    }

    public static string Route(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.RouteValues[name] as string ?? "";
    }
}
