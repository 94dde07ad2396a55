// X.680 §25 extension addition groups [[ ]]: in a SEQUENCE one addition slot holding an open type with the group's
// components as a SEQUENCE (X.691 §19.9); in a CHOICE the alternatives count one by one (X.691 §23.6).
using System.Text.Json;
using GlassCore.Asn1.Tests.S1ap;

namespace GlassCore.Asn1.Tests;

public sealed class ExtensionGroupTests
{
    // ext=1, a=5 (3 bits), addition count 1 (normally small 0), bitmap 1; open type of 3 octets: c present, b=200 aligned, c=TRUE.
    [Fact]
    public void SequenceGroup_Present_OneAdditionSlotHoldingASequence()
    {
        var value = new GroupHolder { A = 5, B = 200, C = true };
        byte[] bytes = Per.Encode(value);
        Assert.Equal("d0100380c880", Convert.ToHexStringLower(bytes));
        Assert.True(Per.TryDecode<GroupHolder>(bytes, out var back, out var error), error.ToString());
        Assert.Equal((5L, 200L, (bool?)true, (GlassCore.Asn1.FixedOctetString?)null, (string?)null), (back.A, back.B, back.C, back.D, back.E));
    }

    // The third addition slot (a versioned group) only: count 3, bitmap 001, then IA5String SIZE(1..8) "hi".
    [Fact]
    public void VersionedGroup_AfterAbsentOnes_BitmapCountsEverySlot()
    {
        var value = new GroupHolder { A = 1, E = "hi" };
        byte[] bytes = Per.Encode(value);
        Assert.Equal("9044032068" + "69", Convert.ToHexStringLower(bytes));
        Assert.True(Per.TryDecode<GroupHolder>(bytes, out var back, out var error), error.ToString());
        Assert.Equal("hi", back.E);
        Assert.Null(back.B);
    }

    [Fact]
    public void SequenceGroup_MandatoryMemberMissing_IsACallerError()
    {
        var value = new GroupHolder { A = 1, C = false };
        Assert.Throws<InvalidOperationException>(() => Per.Encode(value));
    }

    [Fact]
    public void SequenceGroup_Jer_MembersAreOrdinaryMembers()
    {
        var value = new GroupHolder { A = 2, B = 7, D = [1, 2] };
        using var ms = new MemoryStream();
        using (var j = new Utf8JsonWriter(ms))
        {
            value.WriteJer(j);
        }
        string json = System.Text.Encoding.UTF8.GetString(ms.ToArray());
        Assert.Equal("{\"a\":2,\"b\":7,\"d\":\"0102\"}", json);
        using var doc = JsonDocument.Parse(json);
        Assert.True(GroupHolder.TryReadJer(doc.RootElement, out var back));
        Assert.Equal(Per.Encode(value), Per.Encode(back));
    }

    [Theory]
    [InlineData(true, "800180")]
    [InlineData(false, "810100")]
    public void ChoiceGroup_AlternativesCountOneByOne(bool y, string hex)
    {
        GroupChoice value = y ? new GroupChoice.Y { Value = true } : new GroupChoice.Z();
        byte[] bytes = Per.Encode(value);
        Assert.Equal(hex, Convert.ToHexStringLower(bytes));
        Assert.True(Per.TryDecode<GroupChoice>(bytes, out var back, out var error), error.ToString());
        Assert.Equal(value.GetType(), back.GetType());
    }

    // SET as SEQUENCE (X.691 §22): b's presence bit, a=3 (3 bits), b=TRUE, c one octet unaligned (§17.6), d count 2 (1 bit), 1, 2.
    [Fact]
    public void TaggedSet_EncodesAsSequenceInTextualOrder()
    {
        var value = new TaggedSet { A = 3, B = true, C = [0x7f], D = [1, 2] };
        byte[] bytes = Per.Encode(value);
        Assert.Equal("bbfd80", Convert.ToHexStringLower(bytes));
        Assert.True(Per.TryDecode<TaggedSet>(bytes, out var back, out var error), error.ToString());
        Assert.Equal(bytes, Per.Encode(back));
    }
}
