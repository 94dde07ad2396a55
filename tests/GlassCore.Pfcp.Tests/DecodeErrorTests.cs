// TS 29.244 §7.6 error handling: the decoder names the cause and the offending IE instead of throwing.
using System.Buffers;
using GlassCore.Pfcp;

namespace GlassCore.Pfcp.Tests;

public sealed class DecodeErrorTests
{
    [Fact]
    public void EstablishmentRequest_WithoutNodeId_MandatoryIeMissing_NodeId()
    {
        SessionEstablishmentRequest m = Build.EstablishmentRequest();
        m.NodeId = null;
        Assert.False(PfcpMessage.TryDecode(m.Encode(), out _, out _, out PfcpDecodeError e));
        Assert.Equal(PfcpErrorKind.Ie, e.Kind);
        Assert.Equal(PfcpCause.MandatoryIeMissing, e.Cause);
        Assert.Equal(PfcpIeType.NodeId, e.OffendingIe);
    }

    [Fact]
    public void CreatePdr_WithoutPdi_MandatoryIeMissing_Pdi()
    {
        SessionEstablishmentRequest m = Build.EstablishmentRequest();
        m.CreatePdrs.First().Pdi = null;
        Assert.False(PfcpMessage.TryDecode(m.Encode(), out _, out _, out PfcpDecodeError e));
        Assert.Equal(PfcpCause.MandatoryIeMissing, e.Cause);
        Assert.Equal(PfcpIeType.Pdi, e.OffendingIe);
    }

    [Fact]
    public void FTeid_TooShort_InvalidLength_FTeid_WithItsOffset()
    {
        var m = new SessionEstablishmentRequest { SequenceNumber = 1 };
        m.NodeId = NodeId.FromAddress(Build.Smf);
        m.CpFSeid = new FSeid(1, Build.Smf);
        // F-TEID announcing V4 but carrying only the TEID.
        m.Add(PfcpIeType.CreatePdr, new CreatePdr()
            .With(PfcpIeType.PdrId, new PdrId(1))
            .With(PfcpIeType.Precedence, new Precedence(1))
            .With(PfcpIeType.Pdi, new Pdi()
                .With(PfcpIeType.SourceInterface, new SourceInterface(InterfaceValue.Access))
                .With(PfcpIeType.FTeid, new RawIe([0x01, 0, 0, 0, 1]))));
        m.Add(PfcpIeType.CreateFar, new CreateFar().With(PfcpIeType.FarId, new FarId(1)).With(PfcpIeType.ApplyAction, ApplyAction.Of(drop: true)));
        byte[] bytes = m.Encode();
        Assert.False(PfcpMessage.TryDecode(bytes, out _, out _, out PfcpDecodeError e));
        Assert.Equal(PfcpCause.InvalidLength, e.Cause);
        Assert.Equal(PfcpIeType.FTeid, e.OffendingIe);
        Assert.Equal(0x01, bytes[e.Offset]);
        Assert.Equal(PfcpIeType.FTeid, bytes[e.Offset - 3]);
    }

    [Fact]
    public void IeLengthBeyondMessage_InvalidLength()
    {
        byte[] bytes = Build.NodeMessages().First().Encode();
        bytes[^5] = 0x40; // RTS length now 0x4004
        Assert.False(PfcpMessage.TryDecode(bytes, out _, out _, out PfcpDecodeError e));
        Assert.Equal(PfcpErrorKind.Ie, e.Kind);
        Assert.Equal(PfcpCause.InvalidLength, e.Cause);
        Assert.Equal(PfcpIeType.RecoveryTimeStamp, e.OffendingIe);
    }

    [Fact]
    public void MessageLengthBeyondDatagram_HeaderError()
    {
        byte[] bytes = Build.NodeMessages().First().Encode();
        Assert.False(PfcpMessage.TryDecode(bytes.AsSpan(0, bytes.Length - 1), out _, out _, out PfcpDecodeError e));
        Assert.Equal(PfcpErrorKind.Header, e.Kind);
    }

    [Fact]
    public void Version2_VersionNotSupported_HeaderStillRead()
    {
        byte[] bytes = Build.NodeMessages().First().Encode();
        bytes[0] = (byte)(bytes[0] & 0x1F | 0x40);
        Assert.False(PfcpHeader.TryDecode(bytes, out PfcpHeader h, out PfcpDecodeError e));
        Assert.Equal(PfcpErrorKind.VersionNotSupported, e.Kind);
        Assert.Equal(2u, h.SequenceNumber);
    }

    [Fact]
    public void UnknownAndVendorIes_AreKeptRaw_AndReencodedUnchanged()
    {
        var m = new HeartbeatRequest { SequenceNumber = 5 };
        m.RecoveryTimeStamp = new PfcpTimeStamp(0xE0000000);
        m.Add(new PfcpIe(250, new RawIe([1, 2, 3])));
        m.Add(new PfcpIe(0x8001, new RawIe([9, 9]), enterpriseId: 18681));
        byte[] bytes = m.Encode();
        Assert.True(PfcpMessage.TryDecodeExact(bytes, out PfcpMessage back, out _));
        Assert.Equal(bytes, back.Encode());
        Assert.Equal(18681, back.Ies[2].EnterpriseId);
        Assert.Equal([9, 9], Assert.IsType<RawIe>(back.Ies[2].Value).Octets);
    }

    [Fact]
    public void LaterReleaseOctets_AfterKnownFields_AreKept()
    {
        var m = new HeartbeatRequest { SequenceNumber = 5 };
        m.Add(PfcpIeType.RecoveryTimeStamp, new RawIe([0xE0, 0, 0, 1, 0xAA, 0xBB]));
        byte[] bytes = m.Encode();
        Assert.True(PfcpMessage.TryDecodeExact(bytes, out PfcpMessage back, out _));
        var hb = Assert.IsType<HeartbeatRequest>(back);
        Assert.Equal(0xE0000001u, hb.RecoveryTimeStamp!.NtpSeconds);
        Assert.Equal([0xAA, 0xBB], hb.RecoveryTimeStamp.Extra);
        Assert.Equal(bytes, back.Encode());
    }

    [Fact]
    public void Encode_IntoBufferWriter_AndTooSmallSpan()
    {
        SessionEstablishmentRequest m = Build.EstablishmentRequest();
        var buffer = new ArrayBufferWriter<byte>();
        m.Encode(buffer);
        Assert.Equal(m.Encode(), buffer.WrittenSpan.ToArray());
        Assert.False(m.TryEncode(new byte[m.EncodedLength - 1], out int written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void NestingDeeperThanLimit_IsRefused_NotRecursedInto()
    {
        // Create PDR inside Create PDR inside ... : each level a grouped IE of type 1 around the next.
        byte[] inner = [];
        for (int i = 0; i < 200; i++)
        {
            var next = new byte[inner.Length + 4];
            next[1] = 1;
            next[2] = (byte)(inner.Length >> 8);
            next[3] = (byte)inner.Length;
            inner.CopyTo(next, 4);
            inner = next;
        }
        var bytes = new byte[16 + inner.Length];
        bytes[0] = 0x21;
        bytes[1] = 50;
        bytes[2] = (byte)((bytes.Length - 4) >> 8);
        bytes[3] = (byte)(bytes.Length - 4);
        inner.CopyTo(bytes, 16);
        Assert.False(PfcpMessage.TryDecode(bytes, out _, out _, out PfcpDecodeError e));
        Assert.Equal(PfcpCause.MandatoryIeIncorrect, e.Cause);
    }

    [Theory]
    [InlineData(PfcpMessageType.HeartbeatRequest, true)]
    [InlineData(PfcpMessageType.HeartbeatResponse, false)]
    [InlineData(PfcpMessageType.AssociationReleaseRequest, true)]
    [InlineData(PfcpMessageType.VersionNotSupportedResponse, false)]
    [InlineData(PfcpMessageType.NodeReportRequest, true)]
    [InlineData(PfcpMessageType.NodeReportResponse, false)]
    [InlineData(PfcpMessageType.SessionSetDeletionRequest, true)]
    [InlineData(PfcpMessageType.SessionSetDeletionResponse, false)]
    [InlineData(PfcpMessageType.SessionSetModificationRequest, true)]
    [InlineData(PfcpMessageType.SessionSetModificationResponse, false)]
    [InlineData(PfcpMessageType.SessionEstablishmentRequest, true)]
    [InlineData(PfcpMessageType.SessionReportRequest, true)]
    [InlineData(PfcpMessageType.SessionReportResponse, false)]
    public void MessageTypes_RequestOrResponse_AsTable73_1Says(PfcpMessageType type, bool request) =>
        Assert.Equal(request, PfcpMessageTypes.IsRequest(type));
}
