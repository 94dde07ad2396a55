// TS 29.500 §6.1 / TS 29.502 §6.1.2.4: the multipart/related bodies the SMF reads (JSON root plus N1/N2 parts) come out
// byte-identical whatever their size against the read buffer, and a body past the producer's limit is refused.
using GlassCore.Sbi;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;

namespace GlassCore.Smf.Tests;

public sealed class SbiMultipartReadTests
{
    private static async Task<Result<SbiMessage<ProblemDetails>>> RoundTrip(params BinaryPart[] parts)
    {
        using HttpContent content = SbiMultipart.ToContent(new ProblemDetails { Cause = "X", Status = 400 }, SbiJsonContext.Default.ProblemDetails, parts);
        var body = new MemoryStream();
        await content.CopyToAsync(body, TestContext.Current.CancellationToken);
        body.Position = 0;
        return await SbiMultipart.ReadAsync(content.Headers.ContentType!.ToString(), body, SbiJsonContext.Default.ProblemDetails, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(70_000)]
    public async Task Parts_OfAnySize_ComeOutByteIdentical(int size)
    {
        byte[] n2 = new byte[size];
        new Random(size).NextBytes(n2);
        byte[] n1 = [0x7E, 0x00, 0x41, 0x79];
        var r = await RoundTrip(new BinaryPart("n1", SbiMultipart.NasMediaType, n1), new BinaryPart("n2", SbiMultipart.NgapMediaType, n2));
        Assert.True(r.IsOk, r.Problem?.Detail);
        Assert.Equal("X", r.Value!.Json.Cause);
        Assert.Equal(n1, r.Value.Binary(new RefToBinaryData { ContentId = "n1" }));
        Assert.Equal(n2, r.Value.Binary(new RefToBinaryData { ContentId = "n2" }));
    }

    [Fact]
    public async Task Json_OverTheLimit_413_Multipart_OverTheLimit_400()
    {
        var big = new MemoryStream(new byte[SbiHttp.MaxBodyBytes + 1]);
        var json = await SbiMultipart.ReadAsync("application/json", big, SbiJsonContext.Default.ProblemDetails, TestContext.Current.CancellationToken);
        Assert.False(json.IsOk);
        Assert.Equal(413, json.Problem!.Status);

        var multipart = await RoundTrip(new BinaryPart("n2", SbiMultipart.NgapMediaType, new byte[SbiHttp.MaxBodyBytes + 1]));
        Assert.False(multipart.IsOk);
        Assert.Equal(400, multipart.Problem!.Status);
        Assert.Equal("INVALID_MSG_FORMAT", multipart.Problem.Cause);
    }
}
