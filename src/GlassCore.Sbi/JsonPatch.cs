// RFC 6902 JSON Patch applied to a JsonNode document (TS 29.510 §5.2.2.3 NFProfile update, TS 29.571 PatchItem).
// The operations themselves are Microsoft.AspNetCore.JsonPatch.SystemTextJson's; this maps TS 29.571 PatchItems onto
// them, refuses what RFC 6902 calls an error before applying anything, and turns a failure into the ProblemDetails.
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using GlassCore.Sbi.Models;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson.Operations;

namespace GlassCore.Sbi;

public static class JsonPatch
{
    // The library compares and copies values through the serializer with their runtime types, which include the
    // internal JsonNode value classes no source-generated context can name: those fall back to reflection. NFUpdate
    // is an NF's profile change or heartbeat, not a per-UE path.
    private static readonly JsonSerializerOptions s_options = new(SbiJsonContext.Default.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(SbiJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>
    /// Applies the operations in order. On failure returns the problem (409 for a failed "test", else 400) and leaves
    /// <paramref name="document"/> partly patched: callers patch a copy and keep it only when this returns null.
    /// </summary>
    public static ProblemDetails? Apply(JsonNode document, IReadOnlyList<PatchItem> operations)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(operations);
        var ops = new List<Operation>(operations.Count);
        for (int i = 0; i < operations.Count; i++)
        {
            PatchItem op = operations[i];
            // The library skips an operation it does not know without an error (RFC 6902 §4: it is one).
            string? error = op.Op switch
            {
                "move" or "copy" when op.From is not { Length: > 0 } || op.From[0] != '/' => op.Op + " needs from",
                "add" or "remove" or "replace" or "move" or "copy" or "test" => op.Path.Length > 0 && op.Path[0] == '/' ? null : "path must be a JSON pointer",
                _ => "unknown op " + op.Op,
            };
            if (error is not null)
            {
                return Problems.Make(400, "INVALID_MSG_FORMAT", $"patch operation {i} ({op.Op} {op.Path}): {error}", $"/{i}");
            }
            ops.Add(new Operation(op.Op, op.Path, op.From, op.Value));
        }
        JsonPatchError? failure = null;
        new JsonPatchDocument(ops, s_options).ApplyTo(document, e => failure ??= e);
        if (failure is null)
        {
            return null;
        }
        int index = ops.IndexOf(failure.Operation);
        string what = $"patch operation {index} ({failure.Operation?.op} {failure.Operation?.path}): {failure.ErrorMessage}";
        return failure.Operation?.op == "test"
            ? Problems.Make(409, "MODIFICATION_NOT_ALLOWED", what, $"/{index}")
            : Problems.Make(400, "INVALID_MSG_FORMAT", what, $"/{index}");
    }
}
