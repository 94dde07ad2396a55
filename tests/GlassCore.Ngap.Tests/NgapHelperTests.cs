// TS 38.413 §8.7.3 / §10 Error Indication building, TS 38.412 stream choice, and reading IDs without a full decode.
using GlassCore.Asn1;

namespace GlassCore.Ngap.Tests;

public sealed class NgapHelperTests
{
    [Fact]
    public void ErrorIndication_WithCauseAndDiagnostics_EncodesAndReadsBack()
    {
        var diagnostics = NgapErrorIndication.Diagnostics(15, TriggeringMessage.InitiatingMessage, Criticality.Ignore, [new IeDiagnostic(Criticality.Reject, 85, TypeOfError.Missing)]);
        var pdu = NgapErrorIndication.Build(7, 3, NgapErrorIndication.AbstractSyntaxError(), diagnostics);
        byte[] bytes = Per.Encode(pdu);
        // initiatingMessage, procedureCode 9 (ErrorIndication), criticality ignore.
        Assert.Equal([0x00, 0x09, 0x40], bytes[..3]);
        Assert.True(NgapPeek.TryPeek(bytes, out var peek, out var error), error.ToString());
        Assert.Equal(9, peek.ProcedureCode);
        Assert.Equal([10, 85, 15, 19], peek.IeIds);
        Assert.Equal(7, peek.AmfUeNgapId);
        Assert.Equal(3, peek.RanUeNgapId);
        Assert.True(Per.TryDecode<NgapPdu>(bytes, out var decoded, out error), error.ToString());
        var ei = ((InitiatingMessageValue.ErrorIndication)((NgapPdu.InitiatingMessage)decoded).Value.Value).Value;
        Assert.Equal(CauseProtocol.AbstractSyntaxErrorFalselyConstructedMessage, Assert.IsType<Cause.Protocol>(ei.Cause).Value);
        var item = Assert.Single(ei.CriticalityDiagnostics!.IEsCriticalityDiagnostics!);
        Assert.Equal(85, item.IeId);
        Assert.Equal(TypeOfError.Missing, item.TypeOfError);
        Assert.Equal(15, ei.CriticalityDiagnostics.ProcedureCode);
    }

    [Fact]
    public void ErrorIndication_OutOfRangeEchoedIds_AreLeftOutNotThrown()
    {
        var pdu = NgapErrorIndication.Build(1L << 41, -1, NgapErrorIndication.AbstractSyntaxError(), null);
        Assert.True(NgapPeek.TryPeek(Per.Encode(pdu), out var peek, out _));
        Assert.Equal([15], peek.IeIds);
        Assert.Throws<ArgumentException>(() => NgapErrorIndication.Build(1, 1, null, null));
    }

    [Theory]
    [InlineData(false, 5, 4, 0)]
    [InlineData(true, 5, 1, 0)]
    [InlineData(true, 5, 4, 3)]
    [InlineData(true, 6, 4, 1)]
    public void Streams_NonUeOnZero_UeSpreadOverTheOthers(bool ue, long ranUeNgapId, int streams, int expected) =>
        Assert.Equal(expected, NgapStreams.Select(ue, ranUeNgapId, streams));

    [Fact]
    public void Peek_TruncatedPdu_TypedError()
    {
        byte[] bytes = Per.Encode(NgapErrorIndication.Build(7, 3, NgapErrorIndication.AbstractSyntaxError(), null));
        Assert.False(NgapPeek.TryPeek(bytes.AsSpan(0, bytes.Length - 3), out _, out var error));
        Assert.Equal(Asn1ErrorKind.EndOfData, error.Kind);
    }
}
