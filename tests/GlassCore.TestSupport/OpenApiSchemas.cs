// Validates SBI JSON bodies against the 3GPP OpenAPI YAML in ../shared/specs/openapi with JsonSchema.Net.
// OpenAPI 3.0 schemas are not JSON Schema documents: this loader converts YAML to JSON, resolves every $ref
// (same-file and cross-file, e.g. TS29571_CommonData.yaml#/components/schemas/Snssai) by inlining, maps
// `nullable: true` to a null-admitting type and drops OpenAPI-only keywords (discriminator, example, ...).
// Inlining stops at depth 24 (deeper recursion is accepted unchecked): the only subset taken.
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace GlassCore.TestSupport;

public static class OpenApiSchemas
{
    private static readonly ConcurrentDictionary<string, JsonNode> s_files = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, JsonSchema> s_schemas = new(StringComparer.Ordinal);
    private const int MaxDepth = 24;

    /// <summary>Returns the validation errors of <paramref name="json"/> against components/schemas/<paramref name="schema"/> of <paramref name="file"/> (empty = valid).</summary>
    public static IReadOnlyList<string> Validate(string json, string file, string schema)
    {
        JsonSchema s = s_schemas.GetOrAdd(file + "#" + schema, _ => Build(file, schema));
        using var doc = JsonDocument.Parse(json);
        EvaluationResults r = s.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (r.IsValid)
        {
            return [];
        }
        var errors = new List<string>();
        foreach (EvaluationResults d in r.Details ?? [])
        {
            if (d.Errors is null)
            {
                continue;
            }
            foreach (var e in d.Errors)
            {
                errors.Add($"{d.InstanceLocation}: {e.Key}: {e.Value}");
            }
        }
        if (errors.Count == 0)
        {
            errors.Add("invalid (no detail)");
        }
        return errors;
    }

    /// <summary>Throws with every error when the body does not match the schema.</summary>
    public static void AssertValid(string json, string file, string schema)
    {
        IReadOnlyList<string> errors = Validate(json, file, schema);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{file}#{schema} rejects {json}:\n  " + string.Join("\n  ", errors));
        }
    }

    public static JsonNode SchemaNode(string file, string schema) => Inline(file, Component(file, schema).DeepClone(), 0) ?? new JsonObject();

    private static JsonSchema Build(string file, string schema) => JsonSchema.FromText(SchemaNode(file, schema).ToJsonString());

    private static JsonNode Component(string file, string name)
    {
        JsonNode root = s_files.GetOrAdd(file, Load);
        return root["components"]?["schemas"]?[name] ?? throw new KeyNotFoundException($"{file} has no components/schemas/{name}");
    }

    private static JsonNode? Inline(string file, JsonNode? node, int depth)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["$ref"] is JsonValue refValue && refValue.TryGetValue(out string? reference))
                {
                    if (depth >= MaxDepth)
                    {
                        return new JsonObject();
                    }
                    int hash = reference.IndexOf('#', StringComparison.Ordinal);
                    string targetFile = hash > 0 ? reference[..hash] : file;
                    string name = reference[(reference.LastIndexOf('/') + 1)..];
                    return Inline(targetFile, Component(targetFile, name).DeepClone(), depth + 1);
                }
                var result = new JsonObject();
                foreach ((string key, JsonNode? value) in o.ToList())
                {
                    if (key is "discriminator" or "example" or "examples" or "externalDocs" or "xml" or "readOnly" or "writeOnly" or "deprecated" or "nullable")
                    {
                        continue;
                    }
                    // "properties"/"patternProperties" hold names, not keywords: inline their values only.
                    result[key] = Inline(file, value?.DeepClone(), depth);
                }
                if (o["nullable"] is JsonValue n && n.TryGetValue(out bool nullable) && nullable)
                {
                    return new JsonObject { ["anyOf"] = new JsonArray(result, new JsonObject { ["type"] = "null" }) };
                }
                return result;
            case JsonArray a:
                return new JsonArray([.. a.Select(x => Inline(file, x?.DeepClone(), depth))]);
            default:
                return node;
        }
    }

    private static JsonNode Load(string file)
    {
        using var reader = new StreamReader(SharedData.Specs("openapi", file));
        var yaml = new YamlStream();
        yaml.Load(reader);
        return Convert(yaml.Documents[0].RootNode)!;
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
        YamlSequenceNode s => new JsonArray([.. s.Children.Select(Convert)]),
        YamlScalarNode sc => Scalar(sc),
        _ => null,
    };

    private static JsonValue? Scalar(YamlScalarNode s)
    {
        string v = s.Value ?? "";
        if (s.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted or YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded)
        {
            return JsonValue.Create(v);
        }
        if (v is "true" or "false")
        {
            return JsonValue.Create(v == "true");
        }
        if (v is "null" or "~")
        {
            return null;
        }
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
        {
            return JsonValue.Create(l);
        }
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
        {
            return JsonValue.Create(d);
        }
        return JsonValue.Create(v);
    }
}
