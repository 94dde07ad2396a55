// X.691 §17.6, §17.7: fixed-size OCTET STRINGs of up to 8 octets, held inline (FixedOctetString) by the generated types.
using GlassCore.Asn1.Tests.S1ap;

namespace GlassCore.Asn1.Tests;

public sealed class FixedOctetStringTests
{
    [Fact]
    public void Value_KeepsOctetsInOrder()
    {
        FixedOctetString plmn = [0x02, 0xf8, 0x39];
        Assert.Equal(3, plmn.Length);
        Assert.Equal(0x02f839UL, plmn.ToUInt64());
        Assert.Equal([0x02, 0xf8, 0x39], plmn.ToArray());
        Assert.Equal("02f839", plmn.ToString());
        Assert.Equal(plmn, FixedOctetString.FromUInt64(0x02f839, 3));
        Assert.NotEqual(plmn, FixedOctetString.FromUInt64(0x02f839, 4));
        Assert.Throws<ArgumentException>(() => new FixedOctetString(new byte[9]));
        Assert.Throws<ArgumentOutOfRangeException>(() => plmn[3]);
    }

    // Two octets or fewer are not octet-aligned (§17.6); more are (§17.7): after one bit, 3 octets start at bit 8.
    [Theory]
    [InlineData(2, "c0ff80")]
    [InlineData(3, "8001ff02")]
    public void Encode_AlignsOnlyAboveTwoOctets(int length, string hex)
    {
        var w = new PerWriter(16);
        try
        {
            w.WriteBit(true);
            w.WriteFixedOctets(length == 2 ? [0x81, 0xff] : [0x01, 0xff, 0x02], length);
            Assert.Equal(hex, Convert.ToHexStringLower(w.ToArray()));
        }
        finally
        {
            w.Dispose();
        }
        var r = new PerReader(Convert.FromHexString(hex));
        Assert.True(r.TryReadBit(out bool first) && first);
        Assert.True(r.TryReadFixedOctets(length, out var back));
        Assert.Equal(length == 2 ? FixedOctetString.FromUInt64(0x81ff, 2) : FixedOctetString.FromUInt64(0x01ff02, 3), back);
    }

    [Fact]
    public void Encode_WrongSize_Throws()
    {
        FixedOctetString two = [1, 2];
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var w = new PerWriter(16);
            try
            {
                w.WriteFixedOctets(two, 3);
            }
            finally
            {
                w.Dispose();
            }
        });
    }

    [Fact]
    public void Decode_Truncated_IsTypedError()
    {
        var r = new PerReader([0x00, 0x01]);
        Assert.True(r.TryReadBit(out _));
        Assert.False(r.TryReadFixedOctets(3, out _));
        Assert.Equal(Asn1ErrorKind.EndOfData, r.Error.Kind);
    }

    // S1AP's TAC (SIZE(2)) and PLMN identity (SIZE(3)) are generated as FixedOctetString; the JER form stays hex.
    [Fact]
    public void GeneratedType_RoundTripsPerAndJer()
    {
        var item = new SupportedTAsItem { Tac = [0x12, 0x34], BroadcastPlmNs = [[0x00, 0xf1, 0x10], [0x21, 0x43, 0x65]] };
        byte[] bytes = Per.Encode(item);
        Assert.True(Per.TryDecode<SupportedTAsItem>(bytes, out var back, out var error), error.ToString());
        Assert.Equal(0x1234UL, back.Tac.ToUInt64());
        Assert.Equal([FixedOctetString.FromUInt64(0x00f110, 3), FixedOctetString.FromUInt64(0x214365, 3)], back.BroadcastPlmNs);
        using var ms = new MemoryStream();
        using (var j = new System.Text.Json.Utf8JsonWriter(ms))
        {
            back.WriteJer(j);
        }
        string json = System.Text.Encoding.UTF8.GetString(ms.ToArray());
        Assert.Contains("\"1234\"", json, StringComparison.Ordinal);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.True(SupportedTAsItem.TryReadJer(doc.RootElement, out var fromJer));
        Assert.Equal(bytes, Per.Encode(fromJer));
    }
}
