// Messages from our encoder dissect in tshark (an independent TS 29.244 decoder) with no malformed packets or errors.
using System.Globalization;
using System.Net;
using GlassCore.Pfcp;
using GlassCore.TestSupport;

namespace GlassCore.Pfcp.Tests;

public sealed class EncoderTests
{
    [Fact]
    public void BuiltMessages_DissectInTshark_WithoutMalformedPackets_AndWithOurValues()
    {
        List<PfcpMessage> messages = [.. Build.NodeMessages(), .. Build.SessionMessages()];
        var smf = new IPEndPoint(Build.Smf, 8805);
        var upf = new IPEndPoint(Build.Upf, 8805);
        string pcap = Pcap.WriteUdp(messages.Select(m => new Pcap.UdpDatagram(
            PfcpMessageTypes.IsRequest(m.MessageType) ? smf : upf, PfcpMessageTypes.IsRequest(m.MessageType) ? upf : smf, m.Encode())));
        try
        {
            List<string[]> rows = Tshark.Fields(pcap, "pfcp", "frame.number", "_ws.malformed", "_ws.expert.severity", "pfcp.msg_type",
                "pfcp.seqno", "pfcp.pdr_id", "pfcp.far_id", "pfcp.f_teid.choose_id", "pfcp.apply_action.forw", "pfcp.outer_hdr_creation.teid",
                "pfcp.ue_ip_addr_ipv4", "pfcp.qfi_value", "pfcp.node_id_fqdn", "pfcp.ur_seqn", "pfcp.ie_type");
            Assert.Equal(messages.Count, rows.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                string[] r = rows[i];
                PfcpMessage m = messages[i];
                Assert.True(r[1].Length == 0, $"{m.Name}: tshark reports a malformed packet");
                // Expert severities: 0x00800000 is error; warnings (0x00600000) would also mean our encoding looks wrong.
                Assert.True(r[2].Length == 0 || r[2].Split(',').All(s => int.Parse(s, CultureInfo.InvariantCulture) < 0x00600000), $"{m.Name}: tshark expert info [{r[2]}]");
                Assert.Equal(((int)m.MessageType).ToString(CultureInfo.InvariantCulture), r[3]);
                Assert.Equal(m.SequenceNumber.ToString(CultureInfo.InvariantCulture), r[4]);
                Assert.True(string.Join(',', PfcpWalk.All<PdrId>(m).Select(p => p.RuleId)) == r[5], $"{m.Name} field 5: ours [{string.Join(',', PfcpWalk.All<PdrId>(m).Select(p => p.RuleId))}] tshark [{r[5]}]");
                Assert.True(string.Join(',', PfcpWalk.All<FarId>(m).Select(p => p.Value)) == r[6], $"{m.Name} field 6: ours [{string.Join(',', PfcpWalk.All<FarId>(m).Select(p => p.Value))}] tshark [{r[6]}]");
                Assert.True(string.Join(',', PfcpWalk.All<FTeid>(m).Where(f => f.ChooseIdPresent).Select(f => $"{f.ChooseId:x2}")) == r[7], $"{m.Name} field 7: ours [{string.Join(',', PfcpWalk.All<FTeid>(m).Where(f => f.ChooseIdPresent).Select(f => $"{f.ChooseId:x2}"))}] tshark [{r[7]}]");
                Assert.True(string.Join(',', PfcpWalk.All<ApplyAction>(m).Select(a => a.Forward ? 1 : 0)) == r[8], $"{m.Name} field 8: ours [{string.Join(',', PfcpWalk.All<ApplyAction>(m).Select(a => a.Forward ? 1 : 0))}] tshark [{r[8]}]");
                Assert.True(string.Join(',', PfcpWalk.All<OuterHeaderCreation>(m).Select(o => $"0x{o.Teid:x8}")) == r[9], $"{m.Name} field 9: ours [{string.Join(',', PfcpWalk.All<OuterHeaderCreation>(m).Select(o => $"0x{o.Teid:x8}"))}] tshark [{r[9]}]");
                Assert.True(string.Join(',', PfcpWalk.All<UeIpAddress>(m).Select(u => u.IPv4)) == r[10], $"{m.Name} field 10: ours [{string.Join(',', PfcpWalk.All<UeIpAddress>(m).Select(u => u.IPv4))}] tshark [{r[10]}]");
                Assert.True(string.Join(',', PfcpWalk.Qfis(m)) == r[11], $"{m.Name} field 11: ours [{string.Join(',', PfcpWalk.Qfis(m))}] tshark [{r[11]}]");
                Assert.True(string.Join(',', PfcpWalk.All<NodeId>(m).Where(n => n.Fqdn is not null).Select(n => n.Fqdn)) == r[12], $"{m.Name} field 12: ours [{string.Join(',', PfcpWalk.All<NodeId>(m).Where(n => n.Fqdn is not null).Select(n => n.Fqdn))}] tshark [{r[12]}]");
                Assert.True(string.Join(',', PfcpWalk.All<UrSeqn>(m).Select(u => u.Value)) == r[13], $"{m.Name} field 13: ours [{string.Join(',', PfcpWalk.All<UrSeqn>(m).Select(u => u.Value))}] tshark [{r[13]}]");
                // tshark recognised every IE type we wrote (no "Unknown IE" in its dissection): same IE type list.
                Assert.True(string.Join(',', PfcpWalk.DepthFirst(m).Select(ie => ie.Type)) == r[14], $"{m.Name} field 14: ours [{string.Join(',', PfcpWalk.DepthFirst(m).Select(ie => ie.Type))}] tshark [{r[14]}]");
            }
        }
        finally
        {
            File.Delete(pcap);
        }
    }

    [Fact]
    public void BuiltMessages_DecodeToTheSameOctets()
    {
        foreach (PfcpMessage m in Build.NodeMessages().Concat(Build.SessionMessages()))
        {
            byte[] bytes = m.Encode();
            Assert.True(PfcpMessage.TryDecodeExact(bytes, out PfcpMessage back, out PfcpDecodeError error), $"{m.Name}: {error}");
            Assert.Equal(m.GetType(), back.GetType());
            Assert.Equal(bytes, back.Encode());
        }
    }

    [Fact]
    public void EstablishmentRequest_TypedProperties_ReadBackWhatWasBuilt()
    {
        byte[] bytes = Build.EstablishmentRequest().Encode();
        Assert.True(PfcpMessage.TryDecodeExact(bytes, out PfcpMessage decoded, out _));
        var m = Assert.IsType<SessionEstablishmentRequest>(decoded);
        Assert.Equal(0x1122334455667788UL, m.CpFSeid!.Seid);
        Assert.Equal(Build.Smf, m.NodeId!.Address);
        CreatePdr ul = m.CreatePdrs.First();
        Assert.Equal(1, ul.PdrId!.RuleId);
        Assert.True(ul.Pdi!.LocalFTeid!.Choose);
        Assert.Equal(5, ul.Pdi.LocalFTeid.ChooseId);
        Assert.Equal("internet", ul.Pdi.NetworkInstance!.Text);
        Assert.Equal(Build.Ue, ul.Pdi.UeIpAddresses.Single().IPv4);
        Assert.Equal("permit out ip from any to assigned", System.Text.Encoding.ASCII.GetString(ul.Pdi.SdfFilters.Single().FlowDescription!));
        Assert.Equal(ThreeGppInterfaceTypeValue.N3ThreeGppAccess, ul.Pdi.SourceInterfaceType!.Value);
        CreateFar dl = m.CreateFars.Last();
        Assert.Equal(2, dl.ApplyAction!.Octets.Length);
        Assert.True(dl.ApplyAction.Forward);
        Assert.Equal(0xabcu, dl.ForwardingParameters!.OuterHeaderCreation!.Teid);
        Assert.Equal(Build.Gnb, dl.ForwardingParameters.OuterHeaderCreation.IPv4);
        CreateQer qer = m.CreateQers.Single();
        Assert.Equal(200_000UL, qer.Mbr!.DownlinkKbps);
        Assert.True(qer.GateStatus!.UplinkOpen);
        Assert.Equal(9, qer.Qfi!.Value);
        CreateUrr urr = m.CreateUrrs.Single();
        Assert.True(urr.MeasurementMethod!.Volume);
        Assert.Equal(1_000_000UL, urr.VolumeThreshold!.Total);
        Assert.Equal(1, m.PdnType!.Value);
    }
}
