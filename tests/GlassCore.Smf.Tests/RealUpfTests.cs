// TS 23.502 §4.3.2.2.1 steps 10-16 over N4 (TS 29.244 §6.2.6 association, §7.5.2-§7.5.6 session establishment with
// CHOOSE, modification with the gNB's tunnel, deletion) between this SMF and GlassCore's own UPF, not a test double:
// the UPF's session tables after each step, one packet each way through its data path, and tshark's view of the N4 capture.
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using GlassCore.Asn1;
using GlassCore.Gtp;
using GlassCore.Nas.Messages;
using GlassCore.Ngap;
using GlassCore.Pfcp;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;
using GlassCore.Smf.N2;
using GlassCore.TestSupport;
using GlassCore.Upf;
using RealUpf = GlassCore.Upf.Upf;

namespace GlassCore.Smf.Tests;

public sealed class RealUpfTests
{
    private static readonly IPAddress UpfIp = IPAddress.Parse("127.0.0.7");
    private static readonly IPAddress GnbIp = IPAddress.Parse("127.0.0.1");
    private static readonly IPAddress Dn = IPAddress.Parse("10.45.0.1");
    private const uint GnbTeid = 0x00C0FFEE;

    [Fact]
    public async Task PduSession_AgainstTheRealUpf_TablesFollowEachStep_TrafficBothWays_CleanN4Capture()
    {
        Assert.SkipUnless(NetNs.CanCreate, "needs root and iproute2 to create a network namespace");
        Assert.SkipUnless(File.Exists("/dev/net/tun"), "needs /dev/net/tun");
        CancellationToken ct = TestContext.Current.CancellationToken;
        using NetNs ns = NetNs.Create();
        string pcap = Path.Combine(Path.GetTempPath(), ns.Name + "-n4.pcap");
        BackgroundProcess? capture = null;
        if (Tshark.IsAvailable)
        {
            capture = BackgroundProcess.Start("ip", ["netns", "exec", ns.Name, "tshark", "-i", "lo", "-f", "udp port 8805", "-w", pcap]);
            await capture.WaitForOutputAsync(o => o.Contains("Capturing on", StringComparison.Ordinal), TimeSpan.FromSeconds(60), ct);
            await Task.Delay(1500, ct); // dumpcap announces the interface a moment before it captures
        }
        var upfOptions = new Upf.UpfOptions
        {
            Pfcp = new IPEndPoint(UpfIp, 8805),
            N3Address = UpfIp,
            TunName = "upf0",
            TunAddress = Dn,
            TunPrefixLength = 24,
        };
        (RealUpf upf, Socket gnb, Socket dn) = ns.Enter(() =>
        {
            var u = new RealUpf(upfOptions);
            u.Start();
            var g = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000 };
            g.Bind(new IPEndPoint(GnbIp, UpfOptionsPort));
            var d = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000 };
            d.Bind(new IPEndPoint(Dn, 5001));
            return (u, g, d);
        });
        try
        {
            await using (SmfHarness h = await SmfHarness.StartAsync(
                o =>
                {
                    o.PfcpLocal = new IPEndPoint(IPAddress.Loopback, 0);
                    o.PfcpT1 = TimeSpan.FromSeconds(2);
                    o.Upfs = [new UpfOptions { Address = UpfIp.ToString(), Port = 8805 }];
                },
                startN4: ns.Enter))
            {
                // Establishment: association on demand, then the session; the UPF chose the UL F-TEID.
                (string location, Transfer t) = await PduSessionTests.EstablishAsync(h, 5);
                Assert.True(h.N4.Upfs.Single().Associated);
                var accept = PduSessionTests.Nas<PduSessionEstablishmentAccept>(t.Part(t.Data.N1MessageContainer!.N1MessageContent));
                IPAddress ue = accept.PduAddress!.Value.Ipv4Address!;
                uint ueKey = BinaryPrimitives.ReadUInt32BigEndian(ue.GetAddressBytes());
                byte[] n2 = t.Part(t.Data.N2InfoContainer!.SmInfo!.N2InfoContent!.NgapData)!;
                Assert.True(Per.TryDecode<PduSessionResourceSetupRequestTransfer>(n2, out var setup, out var err), err.ToString());
                var tunnel = setup.ProtocolIEs.Select(f => f.Value).OfType<PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.UlNguUpTnlInformation>().Single().Value;
                Assert.True(N2SmInfo.TryReadTunnel(tunnel, out GtpTunnelEndpoint ul, out _));
                Assert.Equal(UpfIp, ul.Address);

                Assert.Equal(1, upf.Handler.SessionCount);
                ForwardingTables tables = upf.Plane.Tables;
                Assert.True(tables.Uplink.TryGetValue(ul.Teid, out CompiledPdr[]? ulPdrs));
                UpfSession session = ulPdrs[0].Session;
                Assert.True(ulPdrs[0].RemovesGtpU);
                Assert.Equal(ueKey, ulPdrs[0].UeIpv4);
                Assert.True(ulPdrs[0].Far.Forward);
                Assert.Equal(InterfaceValue.Core, ulPdrs[0].Far.Destination);
                // Until the gNB's tunnel is known the downlink is buffered (TS 23.502 §4.3.2.2.1 step 10a).
                Assert.True(tables.Downlink.TryGetValue(ueKey, out CompiledPdr[]? dlPdrs));
                Assert.Same(session, dlPdrs[0].Session);
                Assert.True(dlPdrs[0].Far.Buffer);
                Assert.False(dlPdrs[0].Far.Forward);
                Assert.Equal(1, dlPdrs[0].Qfi);

                // Modification: the gNB's DL tunnel from the N2 setup response transfer.
                SbiReply updated = await h.UpdateAsync(location, new SmContextUpdateData { N2SmInfo = new RefToBinaryData { ContentId = "n2" }, N2SmInfoType = "PDU_RES_SETUP_RSP" },
                    new BinaryPart("n2", SbiMultipart.NgapMediaType, PduSessionTests.SetupResponseTransfer(GnbIp, GnbTeid)));
                Assert.Equal(HttpStatusCode.OK, updated.Status);
                Assert.True(upf.Plane.Tables.Downlink.TryGetValue(ueKey, out dlPdrs));
                FarRule dlFar = dlPdrs[0].Far;
                Assert.True(dlFar.Forward && dlFar.CreatesGtpU);
                Assert.Equal(GnbTeid, dlFar.OuterTeid);
                Assert.Equal(GnbIp, dlFar.OuterAddress);

                // One packet each way through the UPF's data path.
                byte[] up = IpPackets.Udp(ue, Dn, 4000, 5001, "from the UE"u8);
                var gpdu = new byte[16 + up.Length];
                Assert.True(GtpUMessages.TryWriteGpduHeader(gpdu, ul.Teid, up.Length, PduSessionInformation.Uplink(1), out int hl));
                up.CopyTo(gpdu, hl);
                gnb.SendTo(gpdu.AsSpan(0, hl + up.Length), new IPEndPoint(UpfIp, UpfOptionsPort));
                var buf = new byte[2048];
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int n = dn.ReceiveFrom(buf, ref from);
                Assert.Equal("from the UE"u8.ToArray(), buf.AsSpan(0, n).ToArray());
                Assert.Equal(new IPEndPoint(ue, 4000), from);
                dn.SendTo("to the UE"u8.ToArray(), new IPEndPoint(ue, 4000));
                n = gnb.Receive(buf);
                Assert.True(GtpUPacket.TryParse(buf.AsSpan(0, n), out GtpUPacket dl, out _));
                Assert.Equal(GtpUMessageType.GPdu, dl.MessageType);
                Assert.Equal(GnbTeid, dl.Teid);
                Assert.True(dl.TryGetPduSessionInformation(out PduSessionInformation info) && info.IsDownlink);
                Assert.Equal(1, info.Qfi);
                Assert.Equal("to the UE"u8.ToArray(), dl.Payload[28..].ToArray());
                // A worker counts a packet after its write returns, so the sockets above may have seen it first.
                for (int i = 0; i < 1000 && upf.Plane.Stats.DownlinkForwarded + upf.Plane.Stats.UplinkForwarded < 2; i++)
                {
                    await Task.Delay(10, ct);
                }
                Assert.Equal((1L, 1L), (upf.Plane.Stats.UplinkForwarded, upf.Plane.Stats.DownlinkForwarded));

                // Release: the N4 session and every table entry go; the usage the UPF counted reaches the charging record.
                Assert.Equal(HttpStatusCode.NoContent, (await h.ReleaseAsync(location)).Status);
                Assert.Equal(0, upf.Handler.SessionCount);
                Assert.False(upf.Plane.Tables.Uplink.ContainsKey(ul.Teid));
                Assert.False(upf.Plane.Tables.Downlink.ContainsKey(ueKey));
                ChargingRecord rec = Assert.Single(h.Smf.ChargingRecords);
                Assert.Equal((ulong)up.Length, rec.UplinkOctets);
                Assert.Equal(28UL + 9, rec.DownlinkOctets);
            }
        }
        finally
        {
            gnb.Dispose();
            dn.Dispose();
            await upf.DisposeAsync();
        }
        if (capture is not null)
        {
            await Task.Delay(500, ct);
            capture.Interrupt();
            await capture.WaitForExitAsync(TimeSpan.FromSeconds(30));
            capture.Dispose();
            try
            {
                string[] types = [.. Tshark.Fields(pcap, "pfcp", "pfcp.msg_type").Select(r => r[0])];
                // Association Setup, Session Establishment, Modification and Deletion, each request and response.
                foreach (string type in new[] { "5", "6", "50", "51", "52", "53", "54", "55" })
                {
                    Assert.Contains(type, types);
                }
                List<string[]> bad = Tshark.Fields(pcap, "_ws.malformed || _ws.expert.severity >= warning", "frame.number", "_ws.expert.message");
                Assert.True(bad.Count == 0, "tshark flags: " + string.Join("; ", bad.Select(r => string.Join(' ', r))));
            }
            finally
            {
                File.Delete(pcap);
            }
        }
    }

    private const int UpfOptionsPort = Upf.UpfOptions.GtpUPort;
}
