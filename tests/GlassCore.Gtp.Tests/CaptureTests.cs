// Every GTP-U packet in ../shared/captures parses, re-encodes to the same octets, and agrees with tshark on key values.
using System.Globalization;
using GlassCore.Gtp;
using GlassCore.TestSupport;

namespace GlassCore.Gtp.Tests;

public sealed class CaptureTests
{
    public static TheoryData<string> Captures => new()
    {
        "free5gc_telekom/free5gc.pcap",
        "free5gc_telekom/n3_example_2.pcap",
        "open5gs/testregistration.pcapng",
        "open5gs/5g-roaming-hr.pcapng",
        "open5gs/5g-roaming-lbo.pcapng",
        "oai_montimage/oai.pcap",
        "handover_ueransim-fork/trace_handover_1_4.pcap",
    };

    [Theory]
    [MemberData(nameof(Captures))]
    public void Capture_EveryGtpUPacket_RoundTripsAndMatchesTshark(string capture)
    {
        List<string[]> rows = Tshark.Fields(SharedData.Captures(capture), "gtp && udp.port == 2152 && !(icmp.type == 3)",
            "frame.number", "udp.payload", "gtp.message", "gtp.teid", "gtp.seq_number", "gtp.ext_hdr.pdu_ses_con.pdu_type",
            "gtp.ext_hdr.pdu_ses_con.qos_flow_id", "gtp.flags", "gtp.length");
        Assert.NotEmpty(rows);
        var refused = new List<string>();
        foreach (string[] row in rows)
        {
            string frame = row[0];
            // The outer UDP payload comes first; a tunnelled UDP packet adds its own after a comma.
            byte[] datagram = Convert.FromHexString(row[1].Split(',')[0]);
            int lengthField = int.Parse(First(row[8]), CultureInfo.InvariantCulture);
            if (lengthField + 8 > datagram.Length)
            {
                // Open5GS's test gNB sends some G-PDUs whose Length claims more than the datagram holds: truncated, so refused.
                Assert.False(GtpUPacket.TryParse(datagram, out _, out GtpUError truncated));
                Assert.Equal(GtpUError.LengthMismatch, truncated);
                refused.Add(frame);
                continue;
            }
            Assert.True(GtpUPacket.TryParse(datagram, out GtpUPacket p, out GtpUError error), $"frame {frame}: {error}");
            // Some senders pad the UDP payload after the packet (free5GC's test gNB); the packet is what Length covers, as tshark agrees.
            Assert.Equal(First(row[8]), (p.TotalLength - 8).ToString(CultureInfo.InvariantCulture));
            Assert.True(datagram.AsSpan(0, p.TotalLength).SequenceEqual(Reencode.Packet(datagram)), $"frame {frame}: re-encoding differs");

            Assert.Equal(First(row[2]), $"0x{(byte)p.MessageType:x2}");
            Assert.Equal(First(row[3]), $"0x{p.Teid:x8}");
            Assert.Equal(First(row[7]), $"0x{p.Flags:x2}");
            if (p.HasSequenceNumber)
            {
                Assert.Equal(First(row[4]), $"0x{p.SequenceNumber:x4}");
            }
            if (p.TryGetPduSessionInformation(out PduSessionInformation info))
            {
                Assert.Equal(First(row[5]), info.PduType.ToString(CultureInfo.InvariantCulture));
                Assert.Equal(First(row[6]), info.Qfi.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                Assert.Equal("", row[6]);
            }
        }
        Assert.True(refused.Count * 10 < rows.Count, $"{refused.Count} of {rows.Count} refused as truncated: {string.Join(',', refused)}");
    }

    private static string First(string field) => field.Split(',')[0];
}
