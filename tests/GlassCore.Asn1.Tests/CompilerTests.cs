// The compiler over whole 3GPP module sets, and its error positions for constructs it does not support.
using GlassCore.Asn1.Compiler;
using GlassCore.TestSupport;

namespace GlassCore.Asn1.Tests;

public sealed class CompilerTests
{
    private static List<(string, string)> Specs(string dir) =>
        Directory.GetFiles(SharedData.Specs(dir), "*.asn").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();

    [Theory]
    [InlineData("ngap", "NgapPdu")]
    [InlineData("s1ap", "S1apPdu")]
    public void ThreeGppModules_CompileUnchanged(string dir, string pdu)
    {
        string code = Emitter.Compile(Specs(dir), "X");
        Assert.Contains($"public abstract partial class {pdu} ", code, StringComparison.Ordinal);
        Assert.Contains("class InitiatingMessageValue", code, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A ::= CHOICE { a [1] INTEGER, b [0] BOOLEAN }", 2, 31, "textual order")]
    [InlineData("A ::= SET { a [0] INTEGER, b BOOLEAN }", 2, 28, "tagged and untagged")]
    [InlineData("A ::= SEQUENCE { a [x] INTEGER }", 2, 21, "tag number")]
    [InlineData("A ::= SEQUENCE { a Missing-Type }", 2, 20, "Missing-Type")]
    [InlineData("A ::= SEQUENCE { a INTEGER, [[ b INTEGER ]] }", 2, 29, "extension markers")]
    [InlineData("A ::= INTEGER (0..<5)", 2, 19, "exclusive")]
    [InlineData("A ::= REAL", 2, 7, "REAL")]
    public void UnsupportedConstructs_ReportFileLineAndColumn(string assignment, int line, int column, string mentions)
    {
        string text = "M DEFINITIONS AUTOMATIC TAGS ::= BEGIN\n" + assignment + "\nEND\n";
        var e = Assert.Throws<Asn1CompileException>(() => Emitter.Compile([("m.asn", text)], "X"));
        Assert.Equal("m.asn", e.Position.File);
        Assert.Equal(line, e.Position.Line);
        Assert.Equal(column, e.Position.Column);
        Assert.Contains(mentions, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"m.asn({line},{column}): ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PDUSessionResourceSetupRequest", "PduSessionResourceSetupRequest")]
    [InlineData("AMF-UE-NGAP-ID", "AmfUeNgapId")]
    [InlineData("pDUSessionID", "PduSessionId")]
    [InlineData("iE-Extensions", "IeExtensions")]
    [InlineData("FiveG-S-TMSI", "FiveGSTmsi")]
    [InlineData("NGAP-PDU", "NgapPdu")]
    public void Names_FollowTheSpecInPascalCase(string asn, string cs) => Assert.Equal(cs, Names.Pascal(asn));

    [Fact]
    public void ValueTypes_AreStructsWithCopyOnWriteSideParts()
    {
        const string text = "M DEFINITIONS AUTOMATIC TAGS ::= BEGIN\nItem ::= SEQUENCE { a INTEGER (0..7), b SEQUENCE (SIZE(1..4)) OF INTEGER (0..7), ... }\n"
            + "Holder ::= SEQUENCE { item Item, other Item OPTIONAL }\nEND\n";
        string code = Emitter.Compile([("m.asn", text)], "X", ["Item"]);
        Assert.Contains("public partial struct Item ", code, StringComparison.Ordinal);
        Assert.Contains("public sealed partial class Holder ", code, StringComparison.Ordinal);
        // No field initializers in a struct: the mandatory SEQUENCE OF reads as empty until set, in default(Item) too.
        Assert.Contains("public long[] B { readonly get => _mB ?? []; set => _mB = value; }", code, StringComparison.Ordinal);
        Assert.Contains("public global::X.Item? Other { get; set; }", code, StringComparison.Ordinal);
        Assert.DoesNotContain("public global::X.Item Item { get; set; } = null!;", code, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Missing", "Asn1ValueTypes", 1, "no such type")]
    [InlineData("C", "m.asn", 3, "only a SEQUENCE")]
    [InlineData("R", "m.asn", 4, "contains itself")]
    public void ValueTypes_ThatCannotBeStructs_AreCompileErrors(string name, string file, int line, string mentions)
    {
        const string text = "M DEFINITIONS AUTOMATIC TAGS ::= BEGIN\nA ::= SEQUENCE { a INTEGER }\nC ::= CHOICE { a INTEGER, b BOOLEAN }\n"
            + "R ::= SEQUENCE { a INTEGER, r R OPTIONAL }\nEND\n";
        var e = Assert.Throws<Asn1CompileException>(() => Emitter.Compile([("m.asn", text)], "X", [name]));
        Assert.Equal(file, e.Position.File);
        Assert.Equal(line, e.Position.Line);
        Assert.Contains(mentions, e.Message, StringComparison.Ordinal);
    }
}
