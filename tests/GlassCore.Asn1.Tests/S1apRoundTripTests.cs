// TS 36.413 (S1AP) modules compiled unchanged by GlassCore.Asn1.Generator: messages built from the generated types
// encode, decode and re-encode to the same octets; the expected octets are worked out from X.691 by hand.
using GlassCore.Asn1.Tests.S1ap;

namespace GlassCore.Asn1.Tests;

public sealed class S1apRoundTripTests
{
    private static S1apPdu.InitiatingMessage S1SetupRequest(int tacCount)
    {
        var tas = new List<SupportedTAsItem>();
        for (int i = 0; i < tacCount; i++)
        {
            tas.Add(new SupportedTAsItem { Tac = [(byte)(i >> 8), (byte)i], BroadcastPlmNs = [[0x00, 0xf1, 0x10]] });
        }
        var ies = new List<S1SetupRequestIEsProtocolIeField>
        {
            new()
            {
                Id = S1SetupRequestIEsProtocolIeFieldValue.GlobalEnbId.Id,
                Criticality = Criticality.Reject,
                Value = new S1SetupRequestIEsProtocolIeFieldValue.GlobalEnbId
                {
                    Value = new GlobalEnbId
                    {
                        PlmNidentity = [0x00, 0xf1, 0x10],
                        EnbId = new EnbId.MacroEnbId { Value = BitString.FromUInt64(0x1234, 20) },
                    },
                },
            },
            new()
            {
                Id = S1SetupRequestIEsProtocolIeFieldValue.EnBname.Id,
                Criticality = Criticality.Ignore,
                Value = new S1SetupRequestIEsProtocolIeFieldValue.EnBname { Value = "enb1" },
            },
            new()
            {
                Id = S1SetupRequestIEsProtocolIeFieldValue.SupportedTAs.Id,
                Criticality = Criticality.Reject,
                Value = new S1SetupRequestIEsProtocolIeFieldValue.SupportedTAs { Value = [.. tas] },
            },
            new()
            {
                Id = S1SetupRequestIEsProtocolIeFieldValue.DefaultPagingDrx.Id,
                Criticality = Criticality.Ignore,
                Value = new S1SetupRequestIEsProtocolIeFieldValue.DefaultPagingDrx { Value = PagingDrx.V128 },
            },
        };
        return new S1apPdu.InitiatingMessage
        {
            Value = new InitiatingMessage
            {
                ProcedureCode = InitiatingMessageValue.S1Setup.Id,
                Criticality = Criticality.Reject,
                Value = new InitiatingMessageValue.S1Setup { Value = new S1SetupRequest { ProtocolIEs = [.. ies] } },
            },
        };
    }

    [Fact]
    public void S1SetupRequest_EncodesAsX691SaysAndRoundTrips()
    {
        byte[] encoded = Per.Encode(S1SetupRequest(1));
        // initiatingMessage (00), procedureCode 17 (11), criticality reject (00), open type length, then the message:
        // ext bit 0 + 16-bit count 4 (00 00 04); Global-ENB-ID IE: id 59 (00 3b), reject, open type length 8.
        string hex = Convert.ToHexStringLower(encoded);
        Assert.StartsWith("001100", hex, StringComparison.Ordinal);
        Assert.Contains("000004003b0008", hex, StringComparison.Ordinal);
        Assert.True(Per.TryDecode<S1apPdu>(encoded, out var decoded, out var error), error.ToString());
        Assert.Equal(encoded, Per.Encode(decoded));
        var setup = Assert.IsType<InitiatingMessageValue.S1Setup>(Assert.IsType<S1apPdu.InitiatingMessage>(decoded).Value.Value).Value;
        Assert.Equal("enb1", setup.EnBname);
        Assert.Equal(PagingDrx.V128, setup.DefaultPagingDrx);
        var macro = Assert.IsType<EnbId.MacroEnbId>(setup.GlobalEnbId!.EnbId);
        Assert.Equal(0x1234UL, macro.Value.ToUInt64());
        Assert.Equal([59, 60, 64, 137], setup.ProtocolIeIds().Select(i => (int)i));
    }

    [Fact]
    public void S1SetupRequest_ManyTrackingAreas_RoundTrips()
    {
        var pdu = S1SetupRequest(256);
        byte[] encoded = Per.Encode(pdu);
        Assert.True(encoded.Length > 256 * 6);
        Assert.True(Per.TryDecode<S1apPdu>(encoded, out var decoded, out var error), error.ToString());
        Assert.Equal(encoded, Per.Encode(decoded));
    }

    [Fact]
    public void UnknownIe_IsKeptAndReencodedUnchanged()
    {
        var pdu = S1SetupRequest(1);
        var setup = ((InitiatingMessageValue.S1Setup)((S1apPdu.InitiatingMessage)pdu).Value.Value).Value;
        setup.ProtocolIEs =
        [
            .. setup.ProtocolIEs,
            new S1SetupRequestIEsProtocolIeField
            {
                Id = 9999,
                Criticality = Criticality.Ignore,
                Value = new S1SetupRequestIEsProtocolIeFieldValue.Unknown { Id = 9999, Encoded = [0xde, 0xad] },
            },
        ];
        byte[] encoded = Per.Encode(pdu);
        Assert.True(Per.TryDecode<S1apPdu>(encoded, out var decoded, out var error), error.ToString());
        var again = ((InitiatingMessageValue.S1Setup)((S1apPdu.InitiatingMessage)decoded).Value.Value).Value;
        var unknown = Assert.IsType<S1SetupRequestIEsProtocolIeFieldValue.Unknown>(again.ProtocolIEs[^1].Value);
        Assert.Equal([0xde, 0xad], unknown.Encoded);
        Assert.Equal(encoded, Per.Encode(decoded));
    }

    [Fact]
    public void TruncatedS1ap_FailsWithTypedError()
    {
        byte[] encoded = Per.Encode(S1SetupRequest(3));
        for (int cut = 0; cut < encoded.Length; cut++)
        {
            Assert.False(Per.TryDecode<S1apPdu>(encoded.AsSpan(0, cut), out _, out var error));
            Assert.NotEqual(Asn1ErrorKind.None, error.Kind);
            Assert.InRange(error.BitOffset, 0, cut * 8L + 8);
        }
    }
}
