// Loads the JSON test vectors of ../shared/vectors (see its README for each file's conventions).
using System.Collections.Concurrent;
using System.Text.Json;
using GlassCore.TestSupport;

namespace GlassCore.Security.Tests;

internal static class VectorFile
{
    private static readonly ConcurrentDictionary<string, JsonDocument> s_docs = new();

    public static JsonElement Root(string file) =>
        s_docs.GetOrAdd(file, f => JsonDocument.Parse(File.ReadAllBytes(SharedData.Vectors(f)))).RootElement;

    public static byte[] Hex(this JsonElement e, string name) => Convert.FromHexString(e.GetProperty(name).GetString()!);

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static string HexLower(ReadOnlySpan<byte> b) => Convert.ToHexStringLower(b);

    /// <summary>The element of array <paramref name="path"/> whose <paramref name="key"/> equals <paramref name="value"/>.</summary>
    public static JsonElement Find(JsonElement array, string key, string value)
    {
        foreach (JsonElement e in array.EnumerateArray())
        {
            if (e.TryGetProperty(key, out JsonElement v) && v.ToString() == value)
            {
                return e;
            }
        }
        throw new KeyNotFoundException($"{key} = {value}");
    }

    public static TheoryData<string> Ids(string file, string arrayName, string key = "id")
    {
        var data = new TheoryData<string>();
        foreach (JsonElement e in Root(file).GetProperty(arrayName).EnumerateArray())
        {
            data.Add(e.GetProperty(key).ToString());
        }
        return data;
    }
}
