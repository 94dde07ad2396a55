// TS 29.500 §6.1 / TS 29.502 §6.1.2.4: SBI messages that carry binary data (N1 NAS, N2 NGAP) are multipart/related,
// a JSON root part whose RefToBinaryData members name the other parts by Content-ID (RFC 2387, RFC 2046).
using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GlassCore.Sbi.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace GlassCore.Sbi.Server;

/// <summary>One binary part of a multipart SBI message.</summary>
public sealed record BinaryPart(string ContentId, string ContentType, byte[] Data);

/// <summary>A JSON body and the binary parts that came (or go) with it.</summary>
public sealed class SbiMessage<T>(T json, IReadOnlyList<BinaryPart> parts)
{
    public T Json { get; } = json;
    public IReadOnlyList<BinaryPart> Parts { get; } = parts;

    /// <summary>The bytes of the part a RefToBinaryData names, or null when the reference is absent or dangling.</summary>
    public byte[]? Binary(RefToBinaryData? reference)
    {
        if (reference is null)
        {
            return null;
        }
        foreach (BinaryPart p in Parts)
        {
            if (string.Equals(p.ContentId, reference.ContentId, StringComparison.Ordinal))
            {
                return p.Data;
            }
        }
        return null;
    }
}

public static class SbiMultipart
{
    /// <summary>TS 29.500 §5.4 / TS 29.502 §6.1.2.4 media types of the binary parts.</summary>
    public const string NasMediaType = "application/vnd.3gpp.5gnas";
    public const string NgapMediaType = "application/vnd.3gpp.ngap";

    /// <summary>More parts than any Nsmf/Namf message defines: the rest is a malformed request.</summary>
    public const int MaxParts = 8;

    /// <summary>Reads an application/json or multipart/related request (JSON root part first).
    /// Wrong media type → 415; broken multipart or no JSON root → 400 INVALID_MSG_FORMAT; JSON errors as SbiHttp.</summary>
    public static async ValueTask<Result<SbiMessage<T>>> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > SbiHttp.MaxBodyBytes)
        {
            return Problems.Make(413, "INVALID_MSG_FORMAT", "request body too large");
        }
        return await ReadAsync(request.ContentType, request.Body, typeInfo, ct).ConfigureAwait(false);
    }

    /// <summary>Reads a body given its Content-Type (requests and responses alike).</summary>
    public static async ValueTask<Result<SbiMessage<T>>> ReadAsync<T>(string? contentType, Stream body, JsonTypeInfo<T> typeInfo, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(body);
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? media))
        {
            return Problems.UnsupportedMediaType($"expected application/json or multipart/related, got '{contentType}'");
        }
        if (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            byte[] bytes;
            try
            {
                bytes = await ReadLimitedAsync(body, ct).ConfigureAwait(false);
            }
            catch (InvalidDataException)
            {
                return Problems.Make(413, "INVALID_MSG_FORMAT", "request body too large");
            }
            Result<T> json = SbiHttp.Parse(bytes, typeInfo);
            return json.IsOk ? Result<SbiMessage<T>>.Ok(new SbiMessage<T>(json.Value!, [])) : json.Problem!;
        }
        if (!media.MediaType.Equals("multipart/related", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.UnsupportedMediaType($"expected application/json or multipart/related, got '{media.MediaType}'");
        }
        string boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value ?? "";
        if (boundary.Length is 0 or > 70)
        {
            return Problems.InvalidMsgFormat("multipart/related without a valid boundary");
        }
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = SbiHttp.MaxBodyBytes, HeadersCountLimit = 16 };
        T? root = null;
        var parts = new List<BinaryPart>();
        try
        {
            for (int i = 0; ; i++)
            {
                MultipartSection? section = await reader.ReadNextSectionAsync(ct).ConfigureAwait(false);
                if (section is null)
                {
                    break;
                }
                if (i >= MaxParts)
                {
                    return Problems.InvalidMsgFormat($"more than {MaxParts} parts");
                }
                byte[] data = await ReadLimitedAsync(section.Body, ct).ConfigureAwait(false);
                string partType = section.ContentType ?? "";
                if (i == 0)
                {
                    if (!partType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
                    {
                        return Problems.InvalidMsgFormat("the root part of multipart/related must be application/json");
                    }
                    Result<T> json = SbiHttp.Parse(data, typeInfo);
                    if (!json.IsOk)
                    {
                        return json.Problem!;
                    }
                    root = json.Value;
                    continue;
                }
                string? id = section.Headers?.TryGetValue("Content-Id", out var v) == true ? v.ToString().Trim().Trim('<', '>') : null;
                if (string.IsNullOrEmpty(id))
                {
                    return Problems.InvalidMsgFormat($"part {i} has no Content-ID");
                }
                parts.Add(new BinaryPart(id, partType, data));
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return Problems.InvalidMsgFormat("malformed multipart body: " + e.Message);
        }
        return root is null ? Problems.InvalidMsgFormat("multipart/related without a JSON root part") : Result<SbiMessage<T>>.Ok(new SbiMessage<T>(root, parts));
    }

    /// <summary>
    /// A part (or body) read whole: into a pooled buffer that grows as needed, then copied out once at its exact size.
    /// A MemoryStream and an 8 KB buffer per part were a few dozen KB of garbage per N1/N2 message.
    /// </summary>
    private static async Task<byte[]> ReadLimitedAsync(Stream s, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                int n = await s.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }
                length += n;
                if (length > SbiHttp.MaxBodyBytes)
                {
                    throw new InvalidDataException("body too large");
                }
            }
            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The HTTP content for a JSON body plus binary parts: plain JSON without parts, multipart/related with them.</summary>
    public static HttpContent ToContent<T>(T json, JsonTypeInfo<T> typeInfo, IReadOnlyCollection<BinaryPart>? parts, string jsonType = "application/json")
    {
        var root = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(json, typeInfo));
        root.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(jsonType);
        if (parts is null || parts.Count == 0)
        {
            return root;
        }
        var multipart = new MultipartContent("related", "gc-" + Guid.NewGuid().ToString("N"));
        multipart.Headers.ContentType!.Parameters.Add(new System.Net.Http.Headers.NameValueHeaderValue("type", "\"" + jsonType + "\""));
        multipart.Add(root);
        foreach (BinaryPart p in parts)
        {
            var c = new ByteArrayContent(p.Data);
            c.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(p.ContentType);
            c.Headers.Add("Content-Id", p.ContentId);
            multipart.Add(c);
        }
        return multipart;
    }

    /// <summary>Writes a JSON-or-multipart reply with the given status.</summary>
    public static async Task WriteAsync<T>(HttpResponse response, int status, T json, JsonTypeInfo<T> typeInfo, IReadOnlyCollection<BinaryPart>? parts,
        string? location, CancellationToken ct, string jsonType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(response);
        using HttpContent content = ToContent(json, typeInfo, parts, jsonType);
        response.StatusCode = status;
        if (location is not null)
        {
            response.Headers.Location = location;
        }
        response.ContentType = content.Headers.ContentType!.ToString();
        await content.CopyToAsync(response.Body, ct).ConfigureAwait(false);
    }
}
