// End to end through the packet path in a network namespace: GTP-U (TS 29.281) in on N3 → TUN out on N6 and back,
// Error Indication for an unknown TEID (§7.3.1), Echo (§7.2), buffering with a Downlink Data Report (TS 29.244
// §5.2.4.1) and End Marker (§7.3.2); and tshark's view of the loopback capture of all of it.
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using GlassCore.Gtp;
using GlassCore.Pfcp;
using GlassCore.Pfcp.Transport;
using GlassCore.TestSupport;

namespace GlassCore.Upf.Tests;

public sealed class DataPathTests
{
    private static readonly IPAddress UpfIp = IPAddress.Parse("127.0.0.7");
    private static readonly IPAddress GnbIp = IPAddress.Parse("127.0.0.1");
    private static readonly IPAddress Ue = IPAddress.Parse("10.60.0.2");
    private static readonly IPAddress Dn = IPAddress.Parse("10.60.0.1");

    private sealed class SmfHandler : IPfcpRequestHandler
    {
        public BlockingCollection<SessionReportRequest> Reports { get; } = [];

        public ValueTask<PfcpMessage?> HandleAsync(PfcpMessage request, IPEndPoint peer, CancellationToken cancellationToken)
        {
            if (request is SessionReportRequest r)
            {
                Reports.Add(r, cancellationToken);
                return ValueTask.FromResult<PfcpMessage?>(new SessionReportResponse { Seid = 0, Cause = new Cause(PfcpCause.RequestAccepted) });
            }
            return ValueTask.FromResult<PfcpMessage?>(request is HeartbeatRequest ? new HeartbeatResponse { RecoveryTimeStamp = new PfcpTimeStamp(3_900_000_000) } : null);
        }
    }

    /// <summary>An IPv4/UDP packet with valid header and UDP checksums (the kernel checks both on what the TUN delivers).</summary>
    private static byte[] Ipv4Udp(IPAddress src, IPAddress dst, ushort sport, ushort dport, ReadOnlySpan<byte> payload)
    {
        byte[] p = SdfRuleTests.Udp(src.ToString(), dst.ToString(), sport, dport, payload.Length);
        payload.CopyTo(p.AsSpan(28));
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(10), Checksum(p.AsSpan(0, 20), 0));
        uint pseudo = Sum(p.AsSpan(12, 8)) + 17 + (uint)(8 + payload.Length);
        ushort c = Checksum(p.AsSpan(20), pseudo);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(26), c == 0 ? (ushort)0xFFFF : c);
        return p;
    }

    private static uint Sum(ReadOnlySpan<byte> d)
    {
        uint s = 0;
        for (int i = 0; i + 1 < d.Length; i += 2)
        {
            s += BinaryPrimitives.ReadUInt16BigEndian(d[i..]);
        }
        if (d.Length % 2 == 1)
        {
            s += (uint)d[^1] << 8;
        }
        return s;
    }

    private static ushort Checksum(ReadOnlySpan<byte> d, uint initial)
    {
        uint s = initial + Sum(d);
        while (s >> 16 != 0)
        {
            s = (s & 0xFFFF) + (s >> 16);
        }
        return (ushort)~s;
    }

    private static byte[] Gpdu(uint teid, byte[] inner, byte qfi)
    {
        var b = new byte[16 + inner.Length];
        Assert.True(GtpUMessages.TryWriteGpduHeader(b, teid, inner.Length, PduSessionInformation.Uplink(qfi), out int h));
        inner.CopyTo(b, h);
        return b.AsSpan(0, h + inner.Length).ToArray();
    }

    private static byte[] Receive(Socket s)
    {
        var buf = new byte[4096];
        int n = s.Receive(buf);
        return buf.AsSpan(0, n).ToArray();
    }

    [Fact]
    public async Task GtpUInTunOutAndBack_UnknownTeid_Echo_Buffering_EndMarker_CleanCapture()
    {
        Assert.SkipUnless(NetNs.CanCreate, "needs root and iproute2 to create a network namespace");
        Assert.SkipUnless(File.Exists("/dev/net/tun"), "needs /dev/net/tun");
        using NetNs ns = NetNs.Create();
        string pcap = Path.Combine(Path.GetTempPath(), ns.Name + ".pcap");
        BackgroundProcess? capture = null;
        if (Tshark.IsAvailable)
        {
            capture = BackgroundProcess.Start("ip", ["netns", "exec", ns.Name, "tshark", "-i", "lo", "-f", "udp port 8805 or udp port 2152", "-w", pcap]);
            await capture.WaitForOutputAsync(o => o.Contains("Capturing on", StringComparison.Ordinal), TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            // dumpcap announces the interface a moment before its first packet is captured.
            await Task.Delay(1500, TestContext.Current.CancellationToken);
        }
        var options = new UpfOptions
        {
            Pfcp = new IPEndPoint(UpfIp, 8805),
            N3Address = UpfIp,
            TunName = "upf0",
            TunAddress = Dn,
            TunPrefixLength = 24,
            Workers = 2,
        };
        var smfHandler = new SmfHandler();
        (Upf upf, PfcpNode smf, Socket gnb, Socket dn) = ns.Enter(() =>
        {
            var u = new Upf(options);
            u.Start();
            var n = new PfcpNode(new PfcpNodeOptions { LocalEndPoint = new IPEndPoint(GnbIp, 8805), T1 = TimeSpan.FromSeconds(2) }, smfHandler);
            n.Start();
            var g = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000 };
            g.Bind(new IPEndPoint(GnbIp, 2152));
            var d = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000 };
            d.Bind(new IPEndPoint(Dn, 5001));
            return (u, n, g, d);
        });
        try
        {
            var upfN4 = new IPEndPoint(UpfIp, 8805);
            var setup = await smf.SendRequestAsync(N4.Setup(), upfN4, TestContext.Current.CancellationToken);
            Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(setup));
            SessionEstablishmentRequest estReq = N4.Session(0x5eed, Ue, 0x22, GnbIp);
            // URR 1 on the uplink PDR: volume measurement, report at 40 octets (the first uplink packet crosses it).
            estReq.CreatePdrs.First().Add(PfcpIeType.UrrId, new UrrId(1));
            estReq.Add(PfcpIeType.CreateUrr, new CreateUrr { UrrId = new UrrId(1), MeasurementMethod = new MeasurementMethod([0x02]), ReportingTriggers = new ReportingTriggers([0x02, 0]), VolumeThreshold = Volume.Of(total: 40) });
            var est = Assert.IsType<SessionEstablishmentResponse>(await smf.SendRequestAsync(estReq, upfN4, TestContext.Current.CancellationToken));
            Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(est));
            uint ulTeid = N4.TeidOf(est, 1);
            ulong upSeid = est.UpFSeid!.Seid;

            // Malformed N3 datagrams are counted and dropped: too short, Length beyond the datagram, a zero-length extension header.
            var n3 = new IPEndPoint(UpfIp, 2152);
            gnb.SendTo(new byte[] { 0x30, 0xFF, 0x00 }, n3);
            gnb.SendTo(new byte[] { 0x30, 0xFF, 0x00, 0x40, 0, 0, 0, 1, 0x45 }, n3);
            gnb.SendTo(new byte[] { 0x34, 0xFF, 0x00, 0x08, 0, 0, 0, 1, 0, 0, 0, 0x85, 0, 0, 0, 0 }, n3);

            // Uplink: G-PDU with QFI 9 → the inner UDP datagram arrives at the data network socket.
            byte[] payload = "uplink through the UPF"u8.ToArray();
            gnb.SendTo(Gpdu(ulTeid, Ipv4Udp(Ue, Dn, 4000, 5001, payload), 9), new IPEndPoint(UpfIp, 2152));
            var from = (EndPoint)new IPEndPoint(IPAddress.Any, 0);
            var buf = new byte[2048];
            int n = dn.ReceiveFrom(buf, ref from);
            Assert.Equal(payload, buf.AsSpan(0, n).ToArray());
            Assert.Equal(new IPEndPoint(Ue, 4000), from);
            Assert.Equal(1, upf.Plane.WorkerUplinkForwarded(0) + upf.Plane.WorkerUplinkForwarded(1));
            Assert.True(smfHandler.Reports.TryTake(out SessionReportRequest? usage, 10_000, TestContext.Current.CancellationToken));
            Assert.True(usage.ReportType!.UsageReport);
            UsageReport ur = Assert.Single(usage.UsageReports);
            Assert.True(ur.UsageReportTrigger!.VolumeThreshold);
            Assert.Equal(28UL + (ulong)payload.Length, ur.VolumeMeasurement!.Uplink);
            Assert.Equal(1UL, ur.VolumeMeasurement.UplinkPackets);

            // Downlink: a reply to the UE goes out of the TUN into the gNB's tunnel, TEID 0x22, QFI 9 in a DL PDU Session Container.
            dn.SendTo("downlink"u8.ToArray(), new IPEndPoint(Ue, 4000));
            byte[] g = Receive(gnb);
            Assert.True(GtpUPacket.TryParse(g, out GtpUPacket dl, out _));
            Assert.Equal(GtpUMessageType.GPdu, dl.MessageType);
            Assert.Equal(0x22u, dl.Teid);
            Assert.True(dl.TryGetPduSessionInformation(out PduSessionInformation info));
            Assert.True(info.IsDownlink);
            Assert.Equal(9, info.Qfi);
            Assert.Equal("downlink"u8.ToArray(), dl.Payload[28..].ToArray());
            Assert.Equal(Ue.GetAddressBytes(), dl.Payload.Slice(16, 4).ToArray());

            // Unknown TEID → Error Indication naming that TEID and the UPF's N3 address; the session keeps working.
            gnb.SendTo(Gpdu(0xBADBAD, Ipv4Udp(Ue, Dn, 4000, 5001, payload), 9), new IPEndPoint(UpfIp, 2152));
            byte[] ei = Receive(gnb);
            Assert.True(GtpUPacket.TryParse(ei, out GtpUPacket eip, out _));
            Assert.Equal(GtpUMessageType.ErrorIndication, eip.MessageType);
            Assert.True(GtpUSignalling.TryParseErrorIndication(eip.Payload, out uint badTeid, out ReadOnlySpan<byte> peer, out _));
            Assert.Equal(0xBADBADu, badTeid);
            Assert.Equal(UpfIp.GetAddressBytes(), peer.ToArray());

            // Echo Request → Echo Response with the same sequence number.
            var echo = new byte[12];
            Assert.True(GtpUMessages.TryWriteEchoRequest(echo, 4242, out int el));
            gnb.SendTo(echo.AsSpan(0, el), new IPEndPoint(UpfIp, 2152));
            Assert.True(GtpUPacket.TryParse(Receive(gnb), out GtpUPacket er, out _));
            Assert.Equal(GtpUMessageType.EchoResponse, er.MessageType);
            Assert.Equal(4242, er.SequenceNumber);

            // The UE goes idle: the SMF sets the DL FAR to BUFF+NOCP. A downlink packet is held and reported once.
            var idle = new SessionModificationRequest { Seid = upSeid };
            idle.Add(PfcpIeType.UpdateFar, N4.UpdateFarAction(2, ApplyAction.Of(buffer: true, notifyCp: true)));
            Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(await smf.SendRequestAsync(idle, upfN4, TestContext.Current.CancellationToken)));
            dn.SendTo("buffered-1"u8.ToArray(), new IPEndPoint(Ue, 4000));
            dn.SendTo("buffered-2"u8.ToArray(), new IPEndPoint(Ue, 4000));
            Assert.True(smfHandler.Reports.TryTake(out SessionReportRequest? report, 10_000, TestContext.Current.CancellationToken));
            Assert.Equal(0x5eedUL, report.Seid);
            Assert.True(report.ReportType!.DownlinkDataReport);
            Assert.Equal(2, report.DownlinkDataReport!.PdrId!.RuleId);

            // Paging done, the gNB gave a new tunnel: FORW with the new TEID and SNDEM → End Marker on the old tunnel, then the buffered packets.
            var active = new SessionModificationRequest { Seid = upSeid, Flags = new PfcpFlagsIe(PfcpIeType.PfcpsmReqFlags, [0x02]) };
            active.Add(PfcpIeType.UpdateFar, N4.UpdateFarAction(2, ApplyAction.Of(forward: true), OuterHeaderCreation.GtpU(0x33, GnbIp)));
            Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(await smf.SendRequestAsync(active, upfN4, TestContext.Current.CancellationToken)));
            Assert.True(GtpUPacket.TryParse(Receive(gnb), out GtpUPacket em, out _));
            Assert.Equal(GtpUMessageType.EndMarker, em.MessageType);
            Assert.Equal(0x22u, em.Teid);
            var flushed = new List<string>();
            for (int i = 0; i < 2; i++)
            {
                Assert.True(GtpUPacket.TryParse(Receive(gnb), out GtpUPacket b, out _));
                Assert.Equal(0x33u, b.Teid);
                flushed.Add(System.Text.Encoding.ASCII.GetString(b.Payload[28..]));
            }
            Assert.Equal(["buffered-1", "buffered-2"], flushed);

            var del = Assert.IsType<SessionDeletionResponse>(await smf.SendRequestAsync(new SessionDeletionRequest { Seid = upSeid }, upfN4, TestContext.Current.CancellationToken));
            Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(del));
            Assert.Equal(0x5eedUL, del.Seid);
            Assert.Equal(2, upf.Plane.Stats.UplinkForwarded + upf.Plane.Stats.UnknownTeid);
            Assert.Equal(3, upf.Plane.Stats.Malformed);
        }
        finally
        {
            gnb.Dispose();
            dn.Dispose();
            await smf.DisposeAsync();
            await upf.DisposeAsync();
        }
        if (capture is not null)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken); // let tshark write the last frames
            capture.Interrupt();
            await capture.WaitForExitAsync(TimeSpan.FromSeconds(30));
            capture.Dispose();
            try
            {
                // One tshark pass for what was seen, one for what it flags.
                List<string[]> rows = Tshark.Fields(pcap, "pfcp || gtp", "pfcp.msg_type", "gtp.message");
                string[] pfcp = [.. rows.Select(r => r[0]).Where(v => v.Length > 0)];
                int[] gtp = [.. rows.Select(r => r.Length > 1 ? r[1] : "").Where(v => v.Length > 0)
                    .Select(v => v.StartsWith("0x", StringComparison.Ordinal) ? Convert.ToInt32(v[2..], 16) : int.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];
                foreach (string t in new[] { "5", "6", "50", "51", "52", "53", "54", "55", "56", "57" })
                {
                    Assert.Contains(t, pfcp);
                }
                foreach (int t in new[] { 1, 2, 26, 254, 255 })
                {
                    Assert.Contains(t, gtp);
                }
                // Everything but the three datagrams the test broke on purpose (UDP lengths 11, 17 and 24 towards N3) must dissect cleanly.
                List<string[]> bad = Tshark.Fields(pcap, "(_ws.malformed || _ws.expert.severity >= warning) && !(ip.dst == 127.0.0.7 && (udp.length == 11 || udp.length == 17 || udp.length == 24))", "frame.number", "_ws.expert.message");
                Assert.True(bad.Count == 0, "tshark flags: " + string.Join("; ", bad.Select(r => string.Join(' ', r))));
            }
            finally
            {
                File.Delete(pcap);
            }
        }
    }
}
