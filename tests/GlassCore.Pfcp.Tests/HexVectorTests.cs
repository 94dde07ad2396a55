// The PFCP vectors of ../shared/captures/hex_messages.json (go-pfcp, free5gc/pfcp, capture extracts) decode and re-encode unchanged.
using System.Text.Json;
using GlassCore.Pfcp;
using GlassCore.TestSupport;

namespace GlassCore.Pfcp.Tests;

public sealed class HexVectorTests
{
    private static List<(string Name, string Source, byte[] Bytes, bool TsharkOk)> Vectors()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(SharedData.Captures("hex_messages.json")));
        return [.. doc.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("protocol").GetString() == "pfcp")
            .Select(e => (e.GetProperty("name").GetString()!, e.GetProperty("source").GetString()!,
                Convert.FromHexString(e.GetProperty("hex").GetString()!), e.GetProperty("tshark_status").GetString() == "ok"))];
    }

    [Fact]
    public void WellFormedVectors_DecodeAndReencodeUnchanged()
    {
        var vectors = Vectors().Where(v => v.TsharkOk).ToList();
        Assert.True(vectors.Count >= 50);
        var strictFailures = new List<string>();
        foreach (var (name, source, bytes, _) in vectors)
        {
            Assert.True(PfcpMessage.TryDecodeExact(bytes, out PfcpMessage m, out PfcpDecodeError error, checkMandatory: false), $"{name} ({source}): {error}");
            Assert.Equal(name, m.Name);
            Assert.True(bytes.AsSpan().SequenceEqual(m.Encode()), $"{name} ({source}) re-encodes differently");
            if (!PfcpMessage.TryDecodeExact(bytes, out _, out error))
            {
                // Library test vectors that leave out a mandatory IE: tshark does not check presence, we do.
                Assert.Equal(PfcpCause.MandatoryIeMissing, error.Cause);
                Assert.Contains(Containers(m), c => c.MissingMandatoryIe() == error.OffendingIe);
                strictFailures.Add($"{name}: {PfcpIeNames.Get(error.OffendingIe)}");
            }
        }
        Assert.True(strictFailures.Count <= 4, string.Join("; ", strictFailures));
    }

    private static IEnumerable<PfcpIeContainer> Containers(PfcpIeContainer c) =>
        new[] { c }.Concat(c.Ies.Select(ie => ie.Value).OfType<PfcpGroup>().SelectMany(Containers));

    /// <summary>Vectors tshark calls malformed (dummy values, newer IEs): either they round-trip or decoding reports a PFCP cause.</summary>
    [Fact]
    public void MalformedVectors_RoundTripOrFailWithACause()
    {
        var vectors = Vectors().Where(v => !v.TsharkOk).ToList();
        Assert.NotEmpty(vectors);
        foreach (var (name, source, bytes, _) in vectors)
        {
            if (PfcpMessage.TryDecodeExact(bytes, out PfcpMessage m, out PfcpDecodeError error))
            {
                Assert.True(bytes.AsSpan().SequenceEqual(m.Encode()), $"{name} ({source}) re-encodes differently");
            }
            else
            {
                Assert.True(error.Cause is PfcpCause.InvalidLength or PfcpCause.MandatoryIeMissing or PfcpCause.MandatoryIeIncorrect, $"{name}: {error}");
                Assert.True(error.OffendingIe != 0 || error.Reason == "truncated IE header", $"{name} ({source}): {error}");
            }
        }
    }
}
