// X.691 (02/2021) corner cases with encodings worked out by hand from the clauses cited in each test.
namespace GlassCore.Asn1.Tests;

public sealed class PerCornerCaseTests
{
    private delegate void Write(ref PerWriter w);

    private static string Encode(Write write)
    {
        var w = new PerWriter(16);
        try
        {
            write(ref w);
            return Convert.ToHexStringLower(w.ToArray());
        }
        finally
        {
            w.Dispose();
        }
    }

    // §11.5.7.1: range <= 255 is a minimal bit-field, not aligned (after one leading bit here).
    [Fact]
    public void ConstrainedInteger_Range255_IsUnalignedBitField()
    {
        Assert.Equal("8280", Encode((ref PerWriter w) => { w.WriteBit(true); w.WriteConstrainedWholeNumber(5, 0, 254); }));
        var r = new PerReader(Convert.FromHexString("8280"));
        Assert.True(r.TryReadBit(out bool b) && b);
        Assert.True(r.TryReadConstrainedWholeNumber(0, 254, out long v));
        Assert.Equal(5, v);
        Assert.Equal(9, r.BitPosition);
    }

    // §11.5.7.2: range exactly 256 is one aligned octet.
    [Fact]
    public void ConstrainedInteger_Range256_IsOneAlignedOctet()
    {
        Assert.Equal("8005", Encode((ref PerWriter w) => { w.WriteBit(true); w.WriteConstrainedWholeNumber(5, 0, 255); }));
        Assert.Equal("ff", Encode((ref PerWriter w) => w.WriteConstrainedWholeNumber(511, 256, 511)));
        var r = new PerReader(Convert.FromHexString("8005"));
        Assert.True(r.TryReadBit(out _));
        Assert.True(r.TryReadConstrainedWholeNumber(0, 255, out long v));
        Assert.Equal(5, v);
    }

    // §11.5.7.3: range 257..64K is two aligned octets.
    [Theory]
    [InlineData(256, 0, 65535, "800100")]
    [InlineData(0, 0, 256, "800000")]
    [InlineData(65535, 0, 65535, "80ffff")]
    public void ConstrainedInteger_RangeUpTo64K_IsTwoAlignedOctets(long value, long lb, long ub, string hex)
    {
        Assert.Equal(hex, Encode((ref PerWriter w) => { w.WriteBit(true); w.WriteConstrainedWholeNumber(value, lb, ub); }));
        var r = new PerReader(Convert.FromHexString(hex));
        Assert.True(r.TryReadBit(out _));
        Assert.True(r.TryReadConstrainedWholeNumber(lb, ub, out long v));
        Assert.Equal(value, v);
    }

    // §11.5.7.4: range above 64K: octet count (1..3 in 2 bits), then the aligned octets.
    [Theory]
    [InlineData(256, 0, 65536, "400100")]
    [InlineData(5, 0, 65536, "0005")]
    [InlineData(4294967295, 0, 4294967295, "c0ffffffff")]
    [InlineData(1099511627775, 0, 1099511627775, "80ffffffffff")]
    public void ConstrainedInteger_RangeAbove64K_HasOctetLength(long value, long lb, long ub, string hex)
    {
        Assert.Equal(hex, Encode((ref PerWriter w) => w.WriteConstrainedWholeNumber(value, lb, ub)));
        var r = new PerReader(Convert.FromHexString(hex));
        Assert.True(r.TryReadConstrainedWholeNumber(lb, ub, out long v));
        Assert.Equal(value, v);
    }

    [Fact]
    public void ConstrainedInteger_Full64BitUnsignedRange_RoundTrips()
    {
        Assert.Equal("e0ffffffffffffffff", Encode((ref PerWriter w) => w.WriteConstrainedWholeNumber(ulong.MaxValue, 0UL, ulong.MaxValue)));
        var r = new PerReader(Convert.FromHexString("e0ffffffffffffffff"));
        Assert.True(r.TryReadConstrainedWholeNumber(0UL, ulong.MaxValue, out ulong v));
        Assert.Equal(ulong.MaxValue, v);
    }

    // §11.7 semi-constrained and §11.8 unconstrained whole numbers.
    [Fact]
    public void SemiAndUnconstrainedIntegers()
    {
        Assert.Equal("020100", Encode((ref PerWriter w) => w.WriteSemiConstrainedWholeNumber(256, 0)));
        Assert.Equal("01ff", Encode((ref PerWriter w) => w.WriteUnconstrainedWholeNumber(-1)));
        Assert.Equal("020080", Encode((ref PerWriter w) => w.WriteUnconstrainedWholeNumber(128)));
        var r = new PerReader(Convert.FromHexString("020080"));
        Assert.True(r.TryReadUnconstrainedWholeNumber(out long v));
        Assert.Equal(128, v);
    }

    // §13.2: an extensible INTEGER outside its root is an extension bit plus an unconstrained number.
    [Fact]
    public void ExtensibleInteger_OutsideRoot_UsesUnconstrainedEncoding()
    {
        Assert.Equal("800108", Encode((ref PerWriter w) => w.WriteInteger(8, 0, 7, true)));
        Assert.Equal("30", Encode((ref PerWriter w) => w.WriteInteger(3, 0, 7, true)));
        var r = new PerReader(Convert.FromHexString("800108"));
        Assert.True(r.TryReadInteger(0, 7, true, out long v));
        Assert.Equal(8, v);
        Assert.Throws<ArgumentOutOfRangeException>(() => Encode((ref PerWriter w) => w.WriteInteger(8, 0, 7, false)));
    }

    // §11.9.3.6-8: unconstrained lengths: 1 octet up to 127, 2 octets up to 16383, fragments from 16K.
    [Theory]
    [InlineData(127, "7f")]
    [InlineData(128, "8080")]
    [InlineData(16383, "bfff")]
    public void LengthDeterminant_Boundaries(int length, string prefix)
    {
        byte[] data = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        string hex = Encode((ref PerWriter w) => w.WriteOctetString(data, 0, -1, false));
        Assert.StartsWith(prefix, hex, StringComparison.Ordinal);
        Assert.Equal((prefix.Length / 2) + length, hex.Length / 2);
        var r = new PerReader(Convert.FromHexString(hex));
        Assert.True(r.TryReadOctetString(0, -1, false, out byte[] back));
        Assert.Equal(data, back);
    }

    [Theory]
    [InlineData(16384)]
    [InlineData(65536 + 16384 + 5)]
    public void LengthDeterminant_Fragmented(int length)
    {
        byte[] data = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        var w = new PerWriter(16);
        w.WriteOctetString(data, 0, -1, false);
        byte[] enc = w.ToArray();
        w.Dispose();
        Assert.Equal(length >= 65536 ? 0xc4 : 0xc1, enc[0]);
        var r = new PerReader(enc);
        Assert.True(r.TryReadOctetString(0, -1, false, out byte[] back));
        Assert.Equal(data, back);
        Assert.True(r.TryFinishContents());
    }

    // §11.9.4.1: a constrained length with ub < 64K is a constrained whole number (0..10 in 4 bits).
    [Fact]
    public void EmptySequenceOf_ConstrainedAndUnconstrained()
    {
        Assert.Equal("00", Encode((ref PerWriter w) => w.WriteCount(0, 0, 10, false)));
        Assert.Equal("00", Encode((ref PerWriter w) => w.WriteCount(0, 0, -1, false)));
        var r = new PerReader(Convert.FromHexString("00"));
        Assert.True(r.TryReadCount(0, 10, false, out int n));
        Assert.Equal(0, n);
        Assert.Equal(4, r.BitPosition);
    }

    // §16.9-16.11: fixed BIT STRING up to 16 bits is not aligned, 17..64K bits aligned, variable sizes get a length.
    [Fact]
    public void BitString_FixedAndVariableSizes()
    {
        var b16 = BitString.FromUInt64(0xabcd, 16);
        Assert.Equal("d5e680", Encode((ref PerWriter w) => { w.WriteBit(true); w.WriteBitString(b16, 16, 16, false); }));
        var b17 = BitString.FromUInt64(0x1ffff, 17);
        Assert.Equal("80ffff80", Encode((ref PerWriter w) => { w.WriteBit(true); w.WriteBitString(b17, 17, 17, false); }));
        // GNB-ID-like BIT STRING (SIZE(22..32)) with 22 bits: 4-bit length (22-22=0), aligned contents.
        var gnb = BitString.FromUInt64(0x000001, 22);
        string hex = Encode((ref PerWriter w) => w.WriteBitString(gnb, 22, 32, false));
        Assert.Equal("00000004", hex);
        var r = new PerReader(Convert.FromHexString(hex));
        Assert.True(r.TryReadBitString(22, 32, false, out var back));
        Assert.Equal(gnb, back);
        // TransportLayerAddress-like SIZE(1..160, ...): ext bit, 8-bit length, aligned.
        var ip = new BitString([10, 0, 0, 1]);
        hex = Encode((ref PerWriter w) => w.WriteBitString(ip, 1, 160, true));
        Assert.Equal("0f800a000001", hex);
        r = new PerReader(Convert.FromHexString(hex));
        Assert.True(r.TryReadBitString(1, 160, true, out back));
        Assert.Equal(ip, back);
    }

    // §17.6/§11.9: an OCTET STRING outside its extensible SIZE root: extension bit, then an unconstrained length.
    [Fact]
    public void ExtensibleSize_OutsideRoot()
    {
        string hex = Encode((ref PerWriter w) => w.WriteOctetString([1, 2, 3], 2, 2, true));
        Assert.Equal("8003010203", hex);
        var r = new PerReader(Convert.FromHexString(hex));
        Assert.True(r.TryReadOctetString(2, 2, true, out byte[] v));
        Assert.Equal([1, 2, 3], v);
        Assert.Equal("008100", Encode((ref PerWriter w) => { w.WriteOctetString([1, 2], 2, 2, true); w.WriteBits(0, 7); }));
    }

    // §14: an ENUMERATED value beyond the root: extension bit and a normally small number.
    [Fact]
    public void Enumerated_ExtensionValue()
    {
        Assert.Equal("82", Encode((ref PerWriter w) => w.WriteEnumerated(5, 3, true)));
        var r = new PerReader(Convert.FromHexString("82"));
        Assert.True(r.TryReadEnumerated(3, true, 0, out int i));
        Assert.Equal(5, i);
    }

    [Fact]
    public void Errors_CarryKindAndBitOffset()
    {
        var r = new PerReader(Convert.FromHexString("80"));
        Assert.True(r.TryReadBit(out _));
        Assert.False(r.TryReadConstrainedWholeNumber(0, 65535, out _));
        Assert.Equal(Asn1ErrorKind.EndOfData, r.Error.Kind);
        Assert.Equal(8, r.Error.BitOffset);

        r = new PerReader(Convert.FromHexString("e0"));
        Assert.False(r.TryReadConstrainedWholeNumber(0, 5, out _));
        Assert.Equal(Asn1ErrorKind.ValueOutOfRange, r.Error.Kind);

        r = new PerReader(Convert.FromHexString("0501"));
        Assert.False(r.TryReadOctetString(0, -1, false, out _));
        Assert.Equal(Asn1ErrorKind.EndOfData, r.Error.Kind);

        // Open type contents that leave a whole octet unread.
        r = new PerReader(Convert.FromHexString("020100"));
        Assert.True(r.TryReadOpenTypeBytes(out var contents, out long offset));
        var inner = r.CreateInner(contents, offset);
        Assert.True(inner.TryReadBits(8, out _));
        Assert.False(inner.TryFinishContents());
        Assert.Equal(Asn1ErrorKind.TrailingData, inner.Error.Kind);
        Assert.Equal(16, inner.Error.BitOffset);
    }

    // §11.2: open types in place, including a length that needs two octets.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(20000)]
    public void OpenType_InPlaceLength(int size)
    {
        byte[] data = Enumerable.Range(0, size).Select(i => (byte)(i + 1)).ToArray();
        var w = new PerWriter(8);
        w.WriteBit(true);
        int m = w.BeginOpenType();
        foreach (byte b in data)
        {
            w.WriteBits(b, 8);
        }
        w.EndOpenType(m);
        w.WriteBits(0x5, 3);
        byte[] enc = w.ToArray();
        w.Dispose();
        var r = new PerReader(enc);
        Assert.True(r.TryReadBit(out _));
        Assert.True(r.TryReadOpenTypeBytes(out var contents, out _) || size >= 16384);
        if (size < 16384)
        {
            Assert.Equal(size == 0 ? [0] : data, contents.ToArray());
            Assert.True(r.TryReadBits(3, out ulong tail));
            Assert.Equal(5UL, tail);
        }
    }
}
