// GTP-U packets from our writer dissect in tshark with no malformed packets, with the values we wrote.
using System.Globalization;
using System.Net;
using GlassCore.Gtp;
using GlassCore.TestSupport;

namespace GlassCore.Gtp.Tests;

public sealed class EncoderTests
{
    private static readonly byte[] s_innerIcmp = Convert.FromHexString(
        "4500001c000100004001f88d0a2d00070a2d0001" + "0800f7fe00010000");

    private static byte[] Gpdu(uint teid, in PduSessionInformation info)
    {
        var buffer = new byte[64 + s_innerIcmp.Length];
        Assert.True(GtpUMessages.TryWriteGpduHeader(buffer, teid, s_innerIcmp.Length, info, out int header));
        s_innerIcmp.CopyTo(buffer, header);
        return buffer[..(header + s_innerIcmp.Length)];
    }

    private delegate bool WriteMessage(Span<byte> destination, out int written);

    private static byte[] Write(WriteMessage write)
    {
        var buffer = new byte[128];
        Assert.True(write(buffer, out int n));
        return buffer[..n];
    }

    [Fact]
    public void WrittenPackets_DissectInTshark_WithoutMalformedPackets()
    {
        byte[] peer = IPAddress.Parse("10.0.0.2").GetAddressBytes();
        byte[][] packets =
        [
            Gpdu(0x1234, PduSessionInformation.Uplink(9)),
            Gpdu(0xabcd, PduSessionInformation.Downlink(5, rqi: true)),
            Gpdu(0xabce, PduSessionInformation.Downlink(6, rqi: false, ppi: 3)),
            Write((Span<byte> d, out int n) => GtpUMessages.TryWriteEchoRequest(d, 7, out n)),
            Write((Span<byte> d, out int n) => GtpUMessages.TryWriteEchoResponse(d, 7, out n)),
            Write((Span<byte> d, out int n) => GtpUMessages.TryWriteErrorIndication(d, 0xdeadbeef, peer, 8, out n)),
            Write((Span<byte> d, out int n) => GtpUMessages.TryWriteEndMarker(d, 0x1234, out n)),
            Write((Span<byte> d, out int n) => GtpUMessages.TryWriteSupportedExtensionHeadersNotification(d, 9, [GtpUExtensionType.PduSessionContainer, GtpUExtensionType.UdpPort], out n)),
        ];
        var gnb = new IPEndPoint(IPAddress.Parse("10.0.1.5"), 2152);
        var upf = new IPEndPoint(IPAddress.Parse("10.0.0.2"), 2152);
        string pcap = Pcap.WriteUdp(packets.Select(p => new Pcap.UdpDatagram(gnb, upf, p)));
        try
        {
            List<string[]> rows = Tshark.Fields(pcap, "gtp", "_ws.malformed", "_ws.expert.severity", "gtp.message", "gtp.teid",
                "gtp.ext_hdr.pdu_ses_con.pdu_type", "gtp.ext_hdr.pdu_ses_con.qos_flow_id", "gtp.ext_hdr.pdu_ses_cont.rqi",
                "gtp.ext_hdr.pdu_ses_cont.ppi", "gtp.teid_data", "gtp.seq_number", "gtp.recovery");
            Assert.Equal(packets.Length, rows.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                string[] r = rows[i];
                Assert.True(r[0].Length == 0, $"packet {i}: malformed");
                Assert.True(r[1].Length == 0 || r[1].Split(',').All(s => int.Parse(s, CultureInfo.InvariantCulture) < 0x00600000), $"packet {i}: expert [{r[1]}]");
                Assert.True(GtpUPacket.TryParse(packets[i], out GtpUPacket p, out _));
                Assert.Equal($"0x{(byte)p.MessageType:x2}", r[2]);
                Assert.Equal($"0x{p.Teid:x8}", r[3]);
            }
            Assert.Equal(["1", "9", ""], rows[0][4..7]);
            Assert.Equal(["0", "5", "1"], rows[1][4..7]);
            Assert.Equal(["0", "6", "0", "3"], rows[2][4..8]);
            Assert.Equal("0x0007", rows[4][9]);
            Assert.Equal("0", rows[4][10]);
            Assert.Equal("0xdeadbeef", rows[5][8]);
        }
        finally
        {
            File.Delete(pcap);
        }
    }

    [Fact]
    public void Gpdu_WithPduSessionContainer_ParsesBack()
    {
        byte[] packet = Gpdu(0x01020304, PduSessionInformation.Downlink(7, rqi: true, ppi: 5));
        Assert.True(GtpUPacket.TryParse(packet, out GtpUPacket p, out _));
        Assert.Equal(GtpUMessageType.GPdu, p.MessageType);
        Assert.Equal(0x01020304u, p.Teid);
        Assert.True(p.TryGetPduSessionInformation(out PduSessionInformation info));
        Assert.True(info.IsDownlink);
        Assert.Equal(7, info.Qfi);
        Assert.True(info.Rqi);
        Assert.True(info.PpiPresent);
        Assert.Equal(5, info.Ppi);
        Assert.True(p.Payload.SequenceEqual(s_innerIcmp));
    }

    [Fact]
    public void ErrorIndication_And_EchoResponse_CarryTheirIes()
    {
        byte[] v6 = IPAddress.Parse("2001:db8::2").GetAddressBytes();
        var buffer = new byte[64];
        Assert.True(GtpUMessages.TryWriteErrorIndication(buffer, 0x42, v6, 1, out int n));
        Assert.True(GtpUPacket.TryParse(buffer.AsSpan(0, n), out GtpUPacket p, out _));
        Assert.True(GtpUSignalling.TryParseErrorIndication(p.Payload, out uint teid, out ReadOnlySpan<byte> addr, out _));
        Assert.Equal(0x42u, teid);
        Assert.True(addr.SequenceEqual(v6));

        Assert.True(GtpUMessages.TryWriteEchoResponse(buffer, 3, out n));
        Assert.True(GtpUPacket.TryParse(buffer.AsSpan(0, n), out p, out _));
        Assert.Equal(3, p.SequenceNumber);
        Assert.True(GtpUSignalling.TryParseEchoResponse(p.Payload, out byte recovery, out _));
        Assert.Equal(0, recovery);
    }

    [Fact]
    public void Writers_RefuseTooSmallBuffers()
    {
        Assert.False(GtpUMessages.TryWriteGpduHeader(new byte[11], 1, 0, PduSessionInformation.Uplink(1), out _));
        Assert.False(GtpUMessages.TryWriteEchoResponse(new byte[13], 1, out _));
        Assert.False(GtpUMessages.TryWriteErrorIndication(new byte[16], 1, [1, 2, 3], 0, out _));
    }

    [Fact]
    public void Parse_RejectsBadHeaders_WithTheirReason()
    {
        Assert.False(GtpUPacket.TryParse([0x30, 0xff, 0, 0], out _, out GtpUError e));
        Assert.Equal(GtpUError.TooShort, e);
        Assert.False(GtpUPacket.TryParse([0x50, 0xff, 0, 0, 0, 0, 0, 1], out _, out e));
        Assert.Equal(GtpUError.UnsupportedVersion, e);
        Assert.False(GtpUPacket.TryParse([0x20, 0xff, 0, 0, 0, 0, 0, 1], out _, out e));
        Assert.Equal(GtpUError.NotGtpU, e);
        Assert.False(GtpUPacket.TryParse([0x30, 0xff, 0, 9, 0, 0, 0, 1], out _, out e));
        Assert.Equal(GtpUError.LengthMismatch, e);
        // E set, first extension 0x85 with length 0.
        Assert.False(GtpUPacket.TryParse([0x34, 0xff, 0, 8, 0, 0, 0, 1, 0, 0, 0, 0x85, 0, 0, 0, 0], out _, out e));
        Assert.Equal(GtpUError.ExtensionHeaderZeroLength, e);
        // Extension length running past the packet.
        Assert.False(GtpUPacket.TryParse([0x34, 0xff, 0, 8, 0, 0, 0, 1, 0, 0, 0, 0x85, 2, 0, 0, 0], out _, out e));
        Assert.Equal(GtpUError.ExtensionHeaderTruncated, e);
    }
}
