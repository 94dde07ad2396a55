// X.691 §11.9.3.8 fragmentation: lengths of 16K units and more go as 16K/32K/48K/64K fragments, then a final length.
using GlassCore.Asn1.Tests.S1ap;

namespace GlassCore.Asn1.Tests;

public sealed class FragmentationTests
{
    private delegate void Write(ref PerWriter w);

    private static byte[] Encode(Write write)
    {
        var w = new PerWriter(16);
        try
        {
            write(ref w);
            return w.ToArray();
        }
        finally
        {
            w.Dispose();
        }
    }

    private static byte[] Pattern(int n) => Enumerable.Range(0, n).Select(i => (byte)(i * 7 + (i >> 8))).ToArray();

    /// <summary>
    /// The headers an encoding of <paramref name="units"/> units must carry, in order (§11.9.3.8.1-4): a fragment of
    /// m * 16K units as -m, then the final length (below 16K, possibly 0).
    /// </summary>
    private static List<int> Headers(int units)
    {
        var headers = new List<int>();
        while (units >= 16384)
        {
            int m = Math.Min(4, units / 16384);
            headers.Add(-m);
            units -= m * 16384;
        }
        headers.Add(units);
        return headers;
    }

    public static TheoryData<int> Sizes => [16383, 16384, 16385, 32767, 32768, 49152, 65535, 65536, 65537, 81920, 131072, 147457];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void OctetString_Unbounded_FragmentsAndReadsBack(int n)
    {
        byte[] value = Pattern(n);
        byte[] bytes = Encode((ref PerWriter w) => w.WriteOctetString(value, 0, -1, false));
        AssertOctetLayout(bytes, n, 1);
        var r = new PerReader(bytes);
        Assert.True(r.TryReadOctetString(0, -1, false, out byte[] back), r.Error.ToString());
        Assert.Equal(value, back);
        Assert.True(r.TryFinishContents());
    }

    /// <summary>Walks the encoding of <paramref name="units"/> units of <paramref name="unitBytes"/> octets: header, body, ... .</summary>
    private static void AssertOctetLayout(byte[] bytes, int units, int unitBytes)
    {
        int at = 0;
        foreach (int h in Headers(units))
        {
            if (h < 0)
            {
                Assert.Equal(0xC0 | -h, bytes[at]);
                at += 1 + (-h * 16384 * unitBytes);
            }
            else if (h < 128)
            {
                Assert.Equal(h, bytes[at]);
                at += 1 + (h * unitBytes);
            }
            else
            {
                Assert.Equal(0x80 | (h >> 8), bytes[at]);
                Assert.Equal(h & 0xff, bytes[at + 1]);
                at += 2 + (h * unitBytes);
            }
        }
        Assert.Equal(bytes.Length, at);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void BitString_Unbounded_FragmentsInBitsAndReadsBack(int n)
    {
        // A length that is not a multiple of 8 leaves a partial last octet in the final fragment.
        int bits = n + 3;
        var value = new BitString(Pattern((bits + 7) / 8).Select((b, i) => i == (bits - 1) / 8 ? (byte)(b & (0xff << (7 - ((bits - 1) % 8)))) : b).ToArray(), bits);
        byte[] bytes = Encode((ref PerWriter w) => w.WriteBitString(value, 0, -1, false));
        // Each fragment of m*16K bits is m*2K octets; the final fragment holds the remaining bits, padded.
        int at = 0;
        foreach (int h in Headers(bits))
        {
            Assert.Equal(h < 0 ? 0xC0 | -h : h < 128 ? h : 0x80 | (h >> 8), bytes[at]);
            at += h < 0 ? 1 + (-h * 2048) : (h < 128 ? 1 : 2) + ((h + 7) / 8);
        }
        Assert.Equal(bytes.Length, at);
        var r = new PerReader(bytes);
        Assert.True(r.TryReadBitString(0, -1, false, out var back), r.Error.ToString());
        Assert.Equal(value, back);
    }

    [Theory]
    [InlineData(16384)]
    [InlineData(32768)]
    [InlineData(65536)]
    [InlineData(65540)]
    public void KnownMultiplierString_Unbounded_FragmentsInCharacters(int n)
    {
        string value = new string(Enumerable.Range(0, n).Select(i => (char)('a' + (i % 26))).ToArray());
        byte[] bytes = Encode((ref PerWriter w) => w.WriteKnownMultiplierString(value, 0, -1, false, 8));
        AssertOctetLayout(bytes, n, 1);
        var r = new PerReader(bytes);
        Assert.True(r.TryReadKnownMultiplierString(0, -1, false, 8, out string back), r.Error.ToString());
        Assert.Equal(value, back);
        string digits = new string(Enumerable.Range(0, n).Select(i => (char)('0' + (i % 10))).ToArray());
        bytes = Encode((ref PerWriter w) => w.WriteKnownMultiplierString(digits, 0, -1, false, 4));
        r = new PerReader(bytes);
        Assert.True(r.TryReadKnownMultiplierString(0, -1, false, 4, out back), r.Error.ToString());
        Assert.Equal(digits, back);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16383)]
    [InlineData(16384)]
    [InlineData(32768)]
    [InlineData(65536)]
    [InlineData(65537)]
    public void GeneratedSequenceOf_Unbounded_FragmentsCountAndRoundTrips(int n)
    {
        var holder = new FragmentHolder
        {
            Items = Enumerable.Range(0, n).Select(i => (long)(i & 0xff)).ToArray(),
            SmallItems = [1, 2],
            Bits = new BitString([0xa0], 3),
            Text = "x",
            Octets = [1, 2, 3],
        };
        byte[] bytes = Per.Encode(holder);
        // Extension bit, then the count aligned: its headers interleave with the one-octet items (§20.6, §11.9.3.8).
        Assert.Equal(0, bytes[0]);
        AssertOctetLayoutPrefix(bytes.AsSpan(1), n);
        Assert.True(Per.TryDecode<FragmentHolder>(bytes, out var back, out var error), error.ToString());
        Assert.Equal(holder.Items, back.Items);
        Assert.Equal(holder.SmallItems, back.SmallItems);
        Assert.Equal(holder.Bits, back.Bits);
        Assert.Equal(holder.Octets, back.Octets);
        Assert.Equal(bytes, Per.Encode(back));
    }

    private static void AssertOctetLayoutPrefix(ReadOnlySpan<byte> bytes, int units)
    {
        int at = 0;
        foreach (int h in Headers(units))
        {
            if (h < 0)
            {
                Assert.Equal(0xC0 | -h, bytes[at]);
                at += 1 + (-h * 16384);
            }
            else
            {
                Assert.Equal(h < 128 ? h : 0x80 | (h >> 8), bytes[at]);
                at += (h < 128 ? 1 : 2) + h;
            }
        }
    }

    [Fact]
    public void GeneratedSequenceOf_ExtensibleSizeOutsideRoot_UsesFragmentsPastTheRoot()
    {
        var holder = new FragmentHolder { Items = [], SmallItems = Enumerable.Range(0, 20000).Select(i => (long)(i & 0xff)).ToArray(), Bits = new BitString([], 0), Text = "", Octets = [] };
        byte[] bytes = Per.Encode(holder);
        Assert.True(Per.TryDecode<FragmentHolder>(bytes, out var back, out var error), error.ToString());
        Assert.Equal(holder.SmallItems, back.SmallItems);
    }

    [Fact]
    public void OpenType_Fragmented_ReadsBackWhole()
    {
        byte[] contents = Pattern(40000);
        byte[] bytes = Encode((ref PerWriter w) => w.WriteOpenType(contents));
        Assert.Equal(0xC2, bytes[0]);
        var r = new PerReader(bytes);
        Assert.True(r.TryReadOpenTypeBytes(out var back, out _), r.Error.ToString());
        Assert.Equal(contents, back.ToArray());
    }

    [Fact]
    public void Fragments_Truncated_EndOfDataNotException()
    {
        byte[] bytes = Encode((ref PerWriter w) => w.WriteOctetString(Pattern(40000), 0, -1, false));
        foreach (int cut in new[] { 1, 16385, 16386, 32769, 32770, bytes.Length - 1 })
        {
            var r = new PerReader(bytes.AsSpan(0, cut));
            Assert.False(r.TryReadOctetString(0, -1, false, out _));
            Assert.Equal(Asn1ErrorKind.EndOfData, r.Error.Kind);
        }
        // A fragment header with m = 5 is not one X.691 allows.
        var bad = new PerReader([0xC5, 0x00]);
        Assert.False(bad.TryReadOctetString(0, -1, false, out _));
        Assert.Equal(Asn1ErrorKind.LengthOutOfRange, bad.Error.Kind);
    }
}
