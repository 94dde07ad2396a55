// Every PFCP message in ../shared/captures decodes, re-encodes to the same octets, and agrees with tshark on key values.
using System.Globalization;
using GlassCore.Pfcp;
using GlassCore.TestSupport;

namespace GlassCore.Pfcp.Tests;

public sealed class CaptureTests
{
    public static TheoryData<string> Captures => new()
    {
        "free5gc_telekom/free5gc.pcap",
        "open5gs/testregistration.pcapng",
        "open5gs/5g-roaming-hr.pcapng",
        "open5gs/5g-roaming-lbo.pcapng",
        "srsran_realue_wangjun/5g_srsRAN_n78_gain40_amf.pcapng",
        "oai_montimage/oai.pcap",
        "free5gc_blog/pfcp-qfi-validation.pcap",
        "handover_ueransim-fork/trace_handover_1_4.pcap",
    };

    private static readonly string[] s_fields =
    [
        "frame.number", "udp.payload", "pfcp.msg_type", "pfcp.seqno", "pfcp.seid", "pfcp.node_id_ipv4", "pfcp.pdr_id",
        "pfcp.far_id", "pfcp.qer_id", "pfcp.urr_id", "pfcp.f_teid.teid", "pfcp.f_teid.ipv4_addr", "pfcp.ue_ip_addr_ipv4",
        "pfcp.apply_action.forw", "pfcp.apply_action.buff", "pfcp.outer_hdr_creation.teid", "pfcp.qfi_value", "pfcp.cause",
    ];

    [Theory]
    [MemberData(nameof(Captures))]
    public void Capture_EveryPfcpMessage_RoundTripsAndMatchesTshark(string capture)
    {
        List<string[]> rows = Tshark.Fields(SharedData.Captures(capture), "pfcp && !icmp && udp.port == 8805", s_fields);
        Assert.NotEmpty(rows);
        int messages = 0;
        foreach (string[] row in rows)
        {
            string frame = row[0];
            byte[] payload = Convert.FromHexString(row[1].Replace(":", "", StringComparison.Ordinal));
            List<PfcpMessage> decoded = PfcpWalk.DecodeDatagram(payload);
            messages += decoded.Count;

            byte[] reencoded = [.. decoded.SelectMany(m => m.Encode())];
            Assert.True(payload.AsSpan().SequenceEqual(reencoded), $"frame {frame}: re-encoding differs");

            Check(frame, "msg_type", row[2], decoded.Select(m => ((int)m.MessageType).ToString(CultureInfo.InvariantCulture)));
            Check(frame, "seqno", row[3], decoded.Select(m => m.SequenceNumber.ToString(CultureInfo.InvariantCulture)));
            Check(frame, "seid", row[4], decoded.SelectMany(m =>
                (m.HasSeid ? [m.Seid] : Array.Empty<ulong>()).Concat(PfcpWalk.All<FSeid>(m).Select(f => f.Seid))).Select(s => $"0x{s:x16}"));
            Check(frame, "node_id_ipv4", row[5], decoded.SelectMany(PfcpWalk.All<NodeId>).Where(n => n.NodeIdType == 0).Select(n => n.Address!.ToString()));
            Check(frame, "pdr_id", row[6], decoded.SelectMany(PfcpWalk.All<PdrId>).Select(p => p.RuleId.ToString(CultureInfo.InvariantCulture)));
            Check(frame, "far_id", row[7], decoded.SelectMany(PfcpWalk.All<FarId>).Select(p => p.Value.ToString(CultureInfo.InvariantCulture)));
            Check(frame, "qer_id", row[8], decoded.SelectMany(PfcpWalk.All<QerId>).Select(p => p.Value.ToString(CultureInfo.InvariantCulture)));
            Check(frame, "urr_id", row[9], decoded.SelectMany(PfcpWalk.All<UrrId>).Select(p => p.Value.ToString(CultureInfo.InvariantCulture)));
            Check(frame, "f_teid.teid", row[10], decoded.SelectMany(PfcpWalk.All<FTeid>).Where(f => !f.Choose).Select(f => $"0x{f.Teid:x8}"));
            Check(frame, "f_teid.ipv4", row[11], decoded.SelectMany(PfcpWalk.All<FTeid>).Where(f => f.IPv4 is not null).Select(f => f.IPv4!.ToString()));
            Check(frame, "ue_ip_addr_ipv4", row[12], decoded.SelectMany(PfcpWalk.All<UeIpAddress>).Where(u => u.IPv4 is not null).Select(u => u.IPv4!.ToString()));
            Check(frame, "apply_action.forw", row[13], decoded.SelectMany(PfcpWalk.All<ApplyAction>).Select(a => a.Forward ? "1" : "0"));
            Check(frame, "apply_action.buff", row[14], decoded.SelectMany(PfcpWalk.All<ApplyAction>).Select(a => a.Buffer ? "1" : "0"));
            Check(frame, "outer_hdr_creation.teid", row[15], decoded.SelectMany(PfcpWalk.All<OuterHeaderCreation>).Select(o => $"0x{o.Teid:x8}"));
            Check(frame, "qfi", row[16], decoded.SelectMany(PfcpWalk.Qfis));
            Check(frame, "cause", row[17], decoded.SelectMany(PfcpWalk.All<Cause>).Select(c => ((int)c.Value).ToString(CultureInfo.InvariantCulture)));
        }
        Assert.True(messages >= rows.Count);
    }

    private static void Check(string frame, string field, string tshark, IEnumerable<string> ours)
    {
        string[] expected = tshark.Length == 0 ? [] : tshark.Split(',');
        Assert.True(expected.SequenceEqual(ours), $"frame {frame} {field}: tshark [{tshark}] ours [{string.Join(',', ours)}]");
    }
}
