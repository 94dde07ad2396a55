// RFC 6902 JSON Patch applied to a JsonNode document (TS 29.510 NFProfile update, TS 29.504 PATCH of UDR resources).
// Library patchers work on typed objects through reflection; the NRF patches the raw profile, extension members included.
using System.Text.Json;
using System.Text.Json.Nodes;
using GlassCore.Sbi.Models;

namespace GlassCore.Sbi;

public static class JsonPatch
{
    /// <summary>Applies the operations in order; on any failure returns the problem and leaves <paramref name="document"/> unusable.</summary>
    public static ProblemDetails? Apply(JsonNode document, IReadOnlyList<PatchItem> operations)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(operations);
        for (int i = 0; i < operations.Count; i++)
        {
            PatchItem op = operations[i];
            string? error = op.Op switch
            {
                "add" => Add(document, op.Path, ValueOf(op)),
                "remove" => Remove(document, op.Path, out _),
                "replace" => Remove(document, op.Path, out _) ?? Add(document, op.Path, ValueOf(op)),
                "move" => op.From is null ? "move needs from" : Remove(document, op.From, out JsonNode? moved) ?? Add(document, op.Path, moved),
                "copy" => op.From is null ? "copy needs from" : Get(document, op.From, out JsonNode? src) ?? Add(document, op.Path, src?.DeepClone()),
                "test" => Get(document, op.Path, out JsonNode? cur) ?? (JsonNode.DeepEquals(cur, ValueOf(op)) ? null : "test failed"),
                _ => "unknown op " + op.Op,
            };
            if (error is not null)
            {
                return error == "test failed"
                    ? Problems.Make(409, "MODIFICATION_NOT_ALLOWED", $"patch operation {i} ({op.Op} {op.Path}): {error}", $"/{i}")
                    : Problems.Make(400, "INVALID_MSG_FORMAT", $"patch operation {i} ({op.Op} {op.Path}): {error}", $"/{i}");
            }
        }
        return null;
    }

    private static JsonNode? ValueOf(PatchItem op) => op.Value is JsonElement e ? JsonSerializer.SerializeToNode(e, SbiJsonContext.Default.JsonElement) : null;

    private static string[] Split(string pointer) =>
        pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    private static string? Parent(JsonNode root, string pointer, out JsonNode? parent, out string last)
    {
        parent = null;
        last = "";
        if (pointer.Length == 0 || pointer[0] != '/')
        {
            return "path must be a JSON pointer";
        }
        string[] tokens = Split(pointer);
        JsonNode? node = root;
        for (int i = 0; i < tokens.Length - 1; i++)
        {
            node = Child(node, tokens[i]);
            if (node is null)
            {
                return "path does not exist";
            }
        }
        parent = node;
        last = tokens[^1];
        return null;
    }

    private static JsonNode? Child(JsonNode? node, string token) => node switch
    {
        JsonObject o => o.TryGetPropertyValue(token, out JsonNode? v) ? v : null,
        JsonArray a => int.TryParse(token, out int i) && i >= 0 && i < a.Count ? a[i] : null,
        _ => null,
    };

    private static string? Get(JsonNode root, string pointer, out JsonNode? value)
    {
        value = root;
        if (pointer.Length == 0)
        {
            return null;
        }
        if (Parent(root, pointer, out JsonNode? parent, out string last) is string e)
        {
            return e;
        }
        if (parent is JsonObject o && o.ContainsKey(last))
        {
            value = o[last];
            return null;
        }
        value = Child(parent, last);
        return value is null ? "path does not exist" : null;
    }

    private static string? Add(JsonNode root, string pointer, JsonNode? value)
    {
        if (Parent(root, pointer, out JsonNode? parent, out string last) is string e)
        {
            return e;
        }
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                return null;
            case JsonArray a when last == "-":
                a.Add(value);
                return null;
            case JsonArray a when int.TryParse(last, out int i) && i >= 0 && i <= a.Count:
                a.Insert(i, value);
                return null;
            default:
                return "path does not exist";
        }
    }

    private static string? Remove(JsonNode root, string pointer, out JsonNode? removed)
    {
        removed = null;
        if (Parent(root, pointer, out JsonNode? parent, out string last) is string e)
        {
            return e;
        }
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                removed = o[last];
                o.Remove(last);
                return null;
            case JsonArray a when int.TryParse(last, out int i) && i >= 0 && i < a.Count:
                removed = a[i];
                a.RemoveAt(i);
                return null;
            default:
                return "path does not exist";
        }
    }
}
