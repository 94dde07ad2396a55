// TS 38.413 §9.3.3.21 S-NSSAI and the §9.2.6.1 Supported TA List items, generated as structs (Asn1ValueTypes).
using GlassCore.Asn1;

namespace GlassCore.Ngap.Tests;

public sealed class ValueTypeTests
{
    private static readonly FixedOctetString s_plmn = [0x02, 0xf8, 0x39];

    private static SupportedTaItem Ta(int i) => new()
    {
        Tac = FixedOctetString.FromUInt64((ulong)i, 3),
        BroadcastPlmnList = [new BroadcastPlmnItem { PlmnIdentity = s_plmn, TaiSliceSupportList = [new SliceSupportItem { SNssai = new SNssai { Sst = [1], Sd = i % 2 == 0 ? FixedOctetString.FromUInt64((ulong)i, 3) : default(FixedOctetString?) } }] }],
    };

    [Fact]
    public void SupportedTaList_RoundTripsByteForByte_WithUnknownExtensionsKept()
    {
        var tas = Enumerable.Range(0, 5).Select(Ta).ToArray();
        // An extension addition this version does not know, on a struct nested two arrays deep: kept and re-encoded.
        var slice = tas[3].BroadcastPlmnList[0].TaiSliceSupportList[0];
        var sNssai = slice.SNssai;
        sNssai.UnknownExtensions = [[0xab, 0xcd]];
        slice.SNssai = sNssai;
        tas[3].BroadcastPlmnList[0].TaiSliceSupportList[0] = slice;
        var value = new NgSetupRequestIEsProtocolIeFieldValue.SupportedTaList { Value = tas };
        var field = new NgSetupRequestIEsProtocolIeField { Id = value.Key, Criticality = Criticality.Reject, Value = value };
        byte[] bytes = Per.Encode(field);

        Assert.True(Per.TryDecode<NgSetupRequestIEsProtocolIeField>(bytes, out var decoded, out var error), error.ToString());
        var list = Assert.IsType<NgSetupRequestIEsProtocolIeFieldValue.SupportedTaList>(decoded.Value).Value;
        Assert.Equal(5, list.Length);
        Assert.Equal(4UL, list[4].Tac.ToUInt64());
        Assert.Equal(3UL, list[3].Tac.ToUInt64());
        Assert.Equal(s_plmn, list[2].BroadcastPlmnList[0].PlmnIdentity);
        Assert.Equal(4UL, list[4].BroadcastPlmnList[0].TaiSliceSupportList[0].SNssai.Sd!.Value.ToUInt64());
        Assert.Null(list[1].BroadcastPlmnList[0].TaiSliceSupportList[0].SNssai.Sd);
        var kept = Assert.Single(list[3].BroadcastPlmnList[0].TaiSliceSupportList[0].SNssai.UnknownExtensions!);
        Assert.Equal([0xab, 0xcd], kept);
        Assert.Equal(bytes, Per.Encode(decoded));
    }

    [Fact]
    public void Copies_DoNotShareTheirRareParts()
    {
        var a = new SNssai { Sst = [1] };
        a.UnknownExtensions = [[1]];
        var b = a;
        b.UnknownExtensions = null;
        Assert.NotNull(a.UnknownExtensions);
        Assert.Null(b.UnknownExtensions);
        // A struct skips initializers: the mandatory lists of default values read as empty and encode as such.
        var empty = default(SupportedTaItem);
        Assert.Empty(empty.BroadcastPlmnList);
        Assert.Empty(default(BroadcastPlmnItem).TaiSliceSupportList);
    }
}
