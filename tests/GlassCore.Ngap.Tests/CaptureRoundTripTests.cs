// TS 38.413 against real peers: every NGAP PDU in ../shared/captures decodes, re-encodes to the same octets and
// agrees with tshark on the procedure code, the IE ids and the UE NGAP IDs / NAS-PDU.
using GlassCore.Asn1;
using GlassCore.TestSupport;

namespace GlassCore.Ngap.Tests;

public sealed class CaptureRoundTripTests
{
    public static TheoryData<string> PcapFiles => [.. NgapCaptureData.Pcaps];

    [Theory]
    [MemberData(nameof(PcapFiles))]
    public void Pcap_EveryNgapPdu_RoundTripsAndAgreesWithTshark(string file)
    {
        Assert.True(Tshark.IsAvailable, "tshark is required (./test.sh installs it)");
        var pdus = NgapCaptureData.FromPcap(file);
        Assert.NotEmpty(pdus);
        foreach (var expected in pdus)
        {
            Check(expected);
        }
    }

    [Fact]
    public void HexMessages_EveryNgapEntry_RoundTripsOrIsAKnownMalformedVector()
    {
        Assert.True(Tshark.IsAvailable, "tshark is required (./test.sh installs it)");
        var pdus = NgapCaptureData.HexMessages;
        Assert.True(pdus.Count >= 120, $"only {pdus.Count} ngap entries dissected");
        int failedMalformed = 0;
        foreach (var expected in pdus)
        {
            if (expected.Malformed && !Per.TryDecode<NgapPdu>(expected.Bytes, out _, out var err))
            {
                // A deliberately broken vector: the decoder must say why, with a position inside the input.
                Assert.NotEqual(Asn1ErrorKind.None, err.Kind);
                Assert.InRange(err.BitOffset, 0, expected.Bytes.Length * 8L);
                failedMalformed++;
                continue;
            }
            Check(expected);
        }
        Assert.True(failedMalformed <= 3, $"{failedMalformed} malformed vectors failed to decode");
    }

    private static void Check(TsharkNgap expected)
    {
        byte[] bytes = expected.Bytes;
        bool ok = Per.TryDecode<NgapPdu>(bytes, out var pdu, out var error);
        if (!ok && error.Kind == Asn1ErrorKind.TrailingData)
        {
            // OAI's AMF sends its PDUs in oversized SCTP chunks, the rest left over from its buffer (tshark ignores it
            // too); the PDU itself must still decode and re-encode exactly.
            Assert.True(Per.TryDecodePrefix<NgapPdu>(bytes, out pdu, out int used, out error), $"{expected.Source}: {error}");
            Assert.Contains("oai_montimage", expected.Source, StringComparison.Ordinal);
            Assert.True(used < bytes.Length);
            bytes = bytes[..used];
            ok = true;
        }
        Assert.True(ok, $"{expected.Source}: {error}");
        byte[] again = Per.Encode(pdu);
        if (!bytes.AsSpan().SequenceEqual(again))
        {
            // The one allowed difference (interop-notes): asn1c writes SIZE-constrained UTF8String lengths as if the
            // constraint were PER-visible; we read that and write what X.691 says. The value must be unchanged.
            string original = Jer(pdu);
            Assert.Contains("UTF8String", original, StringComparison.Ordinal);
            Assert.True(Per.TryDecode<NgapPdu>(again, out var reread, out var rereadError), $"{expected.Source}: {rereadError}");
            Assert.Equal(original, Jer(reread));
            Assert.Equal(again, Per.Encode(reread));
        }

        Assert.True(NgapPeek.TryPeek(bytes, out var peek, out var peekError), $"{expected.Source}: {peekError}");
        Assert.Equal(expected.ProcedureCode, peek.ProcedureCode);
        Assert.Equal(expected.MessageType, peek.MessageType switch
        {
            NgapMessageType.InitiatingMessage => "initiatingMessage",
            NgapMessageType.SuccessfulOutcome => "successfulOutcome",
            _ => "unsuccessfulOutcome",
        });
        Assert.Equal(expected.IeIds, peek.IeIds);
        if (expected.AmfUeNgapId is not null)
        {
            Assert.Equal(expected.AmfUeNgapId, peek.AmfUeNgapId);
        }
        if (expected.RanUeNgapId is not null)
        {
            Assert.Equal(expected.RanUeNgapId, peek.RanUeNgapId);
        }

        // The typed tree: procedure code, the IE list and the typed IE values.
        var (code, ids) = Outline(pdu);
        Assert.Equal(expected.ProcedureCode, code);
        Assert.Equal(expected.IeIds, ids);
        var typed = Typed(pdu);
        if (typed is var (amf, ran, nas))
        {
            Assert.Equal(expected.AmfUeNgapId, amf);
            Assert.Equal(expected.RanUeNgapId, ran);
            if (expected.NasPdu is not null)
            {
                Assert.Equal(expected.NasPdu, nas);
            }
        }
    }

    private static string Jer(NgapPdu pdu)
    {
        using var buffer = new MemoryStream();
        using (var j = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            pdu.WriteJer(j);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static (int Code, List<int> Ids) Outline(NgapPdu pdu) => pdu switch
    {
        NgapPdu.InitiatingMessage i => ((int)i.Value.ProcedureCode, NgapIeList.Ids(i.Value.Value)),
        NgapPdu.SuccessfulOutcome s => ((int)s.Value.ProcedureCode, NgapIeList.Ids(s.Value.Value)),
        NgapPdu.UnsuccessfulOutcome u => ((int)u.Value.ProcedureCode, NgapIeList.Ids(u.Value.Value)),
        _ => (-1, []),
    };

    private static (long? Amf, long? Ran, byte[]? Nas)? Typed(NgapPdu pdu) => pdu switch
    {
        NgapPdu.InitiatingMessage { Value.Value: InitiatingMessageValue.InitialUeMessage m } => (null, m.Value.RanUeNgapId, m.Value.NasPdu),
        NgapPdu.InitiatingMessage { Value.Value: InitiatingMessageValue.DownlinkNasTransport m } => (m.Value.AmfUeNgapId, m.Value.RanUeNgapId, m.Value.NasPdu),
        NgapPdu.InitiatingMessage { Value.Value: InitiatingMessageValue.UplinkNasTransport m } => (m.Value.AmfUeNgapId, m.Value.RanUeNgapId, m.Value.NasPdu),
        NgapPdu.SuccessfulOutcome { Value.Value: SuccessfulOutcomeValue.InitialContextSetup m } => (m.Value.AmfUeNgapId, m.Value.RanUeNgapId, null),
        _ => null,
    };
}
