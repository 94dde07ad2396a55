// X.680 §25.5 COMPONENTS OF, §53.4 exception specifications and §31.1 tag numbers given as defined values, with the
// aligned-PER encodings X.691 gives them (GlassCore-Test.asn).
using GlassCore.Asn1.Compiler;
using GlassCore.Asn1.Tests.S1ap;

namespace GlassCore.Asn1.Tests;

public sealed class ComponentsOfTests
{
    // Framed: extension bit 0, flag present 1; version 2 in 2 bits, flag TRUE, body length 1 as 0..7 in 3 bits;
    // the octet aligned: 0 1 10 1 000 | ab. Header's own extension bit is not there.
    [Fact]
    public void ComponentsOf_EncodesTheIncludedRootComponentsInPlace()
    {
        var value = new Framed { Version = 2, Flag = true, Body = [0xab] };
        byte[] bytes = Per.Encode(value);
        Assert.Equal("68ab", Convert.ToHexStringLower(bytes));
        Assert.True(Per.TryDecode<Framed>(bytes, out var back, out var error), error.ToString());
        Assert.Equal((2L, (bool?)true), (back.Version, back.Flag));
        Assert.Equal([0xab], back.Body);
    }

    [Fact]
    public void ComponentsOf_LeavesOutTheExtensionAdditions()
    {
        Assert.NotNull(typeof(Header).GetProperty("Later"));
        Assert.Null(typeof(Framed).GetProperty("Later"));
    }

    [Fact]
    public void ComponentsOf_OfANonSequence_IsACompileErrorAtItsPosition()
    {
        string text = "M DEFINITIONS AUTOMATIC TAGS ::= BEGIN\nA ::= SEQUENCE { COMPONENTS OF B }\nB ::= INTEGER\nEND\n";
        var e = Assert.Throws<Asn1CompileException>(() => Emitter.Compile([("m.asn", text)], "X"));
        Assert.Equal((2, 18), (e.Position.Line, e.Position.Column));
        Assert.Contains("COMPONENTS OF", e.Message, StringComparison.Ordinal);
    }

    // n: extension bit 0, 3 as 1..10 in 4 bits (0010); kind: extension bit 0, b as 0..1 (1): 0 0 0010 0 1 -> 09.
    [Fact]
    public void ExceptionSpecifications_AreNotEncoded()
    {
        var value = new Excepted { N = 3, Kind = ExceptedKind.B };
        byte[] bytes = Per.Encode(value);
        Assert.Equal("09", Convert.ToHexStringLower(bytes));
        Assert.True(Per.TryDecode<Excepted>(bytes, out var back, out var error), error.ToString());
        Assert.Equal((3L, ExceptedKind.B), (back.N, back.Kind));
    }

    // Index 1 of 2 in one bit, then TRUE: 11 -> c0.
    [Fact]
    public void TagNumbersGivenAsValues_KeepTextualOrder()
    {
        byte[] bytes = Per.Encode(new TaggedByValue.Second { Value = true });
        Assert.Equal("c0", Convert.ToHexStringLower(bytes));
        Assert.True(Per.TryDecode<TaggedByValue>(bytes, out var back, out var error), error.ToString());
        Assert.True(Assert.IsType<TaggedByValue.Second>(back).Value);
    }

    [Theory]
    [InlineData("A ::= CHOICE { a [two] INTEGER, b [one] BOOLEAN }\none INTEGER ::= 1\ntwo INTEGER ::= 2", 2, 33, "textual order")]
    [InlineData("A ::= CHOICE { a [one] INTEGER, b [name] BOOLEAN }\none INTEGER ::= 1\nname PrintableString ::= \"x\"", 2, 36, "tag number name")]
    [InlineData("A ::= INTEGER (1..4, ...!)", 2, 26, "exception identification")]
    public void TagValuesAndExceptions_ErrorsCarryThePosition(string assignment, int line, int column, string mentions)
    {
        string text = "M DEFINITIONS AUTOMATIC TAGS ::= BEGIN\n" + assignment + "\nEND\n";
        var e = Assert.Throws<Asn1CompileException>(() => Emitter.Compile([("m.asn", text)], "X"));
        Assert.Equal((line, column), (e.Position.Line, e.Position.Column));
        Assert.Contains(mentions, e.Message, StringComparison.Ordinal);
    }
}
