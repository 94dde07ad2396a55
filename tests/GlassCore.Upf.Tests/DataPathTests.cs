// End to end through the packet path in a network namespace: GTP-U (TS 29.281) in on N3 → TUN out on N6 and back,
// Error Indication for an unknown TEID (§7.3.1), Echo (§7.2), buffering with a Downlink Data Report (TS 29.244
// §5.2.4.1) and End Marker (§7.3.2); and tshark's view of the loopback capture of all of it.
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
            gnb.SendTo(Gpdu(ulTeid, IpPackets.Udp(Ue, Dn, 4000, 5001, payload), 9), new IPEndPoint(UpfIp, 2152));
            var from = (EndPoint)new IPEndPoint(IPAddress.Any, 0);
            var buf = new byte[2048];
            int n = dn.ReceiveFrom(buf, ref from);
            Assert.Equal(payload, buf.AsSpan(0, n).ToArray());
            Assert.Equal(new IPEndPoint(Ue, 4000), from);
            await Eventually(() => upf.Plane.WorkerUplinkForwarded(0) + upf.Plane.WorkerUplinkForwarded(1) == 1);
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
            gnb.SendTo(Gpdu(0xBADBAD, IpPackets.Udp(Ue, Dn, 4000, 5001, payload), 9), new IPEndPoint(UpfIp, 2152));
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

    /// <summary>Waits until a packet path counter shows what the test already saw on the wire: a worker counts a packet
    /// after its write or send returns, so the receiving socket can see the packet first.</summary>
    private static async Task Eventually(Func<bool> condition)
    {
        for (int i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
        Assert.True(condition());
    }

    /// <summary>Bursts of packets each way through one worker, of mixed sizes and then downlink runs of one size (UDP
    /// GSO groups those): every packet arrives whole, on its own and in order, with the TUN I/O batched through
    /// io_uring and GSO, and with one read/write/datagram per packet.</summary>
    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Bursts_BothWays_ArriveWholeAndInOrder(bool tunIoUring, bool gso)
    {
        Assert.SkipUnless(NetNs.CanCreate, "needs root and iproute2 to create a network namespace");
        Assert.SkipUnless(File.Exists("/dev/net/tun"), "needs /dev/net/tun");
        CancellationToken ct = TestContext.Current.CancellationToken;
        using NetNs ns = NetNs.Create();
        var options = new UpfOptions { Pfcp = new IPEndPoint(UpfIp, 8805), N3Address = UpfIp, TunName = "upf0", TunAddress = Dn, TunPrefixLength = 24, TunIoUring = tunIoUring, N3Gso = gso };
        (Upf upf, PfcpNode smf, Socket gnb, Socket dn) = ns.Enter(() =>
        {
            var u = new Upf(options);
            u.Start();
            var n = new PfcpNode(new PfcpNodeOptions { LocalEndPoint = new IPEndPoint(GnbIp, 8805), T1 = TimeSpan.FromSeconds(2) }, new SmfHandler());
            n.Start();
            var g = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000, ReceiveBufferSize = 4 << 20 };
            g.Bind(new IPEndPoint(GnbIp, 2152));
            var d = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000, ReceiveBufferSize = 4 << 20 };
            d.Bind(new IPEndPoint(Dn, 5001));
            return (u, n, g, d);
        });
        try
        {
            var upfN4 = new IPEndPoint(UpfIp, 8805);
            Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(await smf.SendRequestAsync(N4.Setup(), upfN4, ct)));
            var est = Assert.IsType<SessionEstablishmentResponse>(await smf.SendRequestAsync(N4.Session(0x77, Ue, 0x44, GnbIp), upfN4, ct));
            Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(est));
            uint ulTeid = N4.TeidOf(est, 1);
            const int count = 200;
            static byte[] Payload(int i)
            {
                var p = new byte[2 + (i * 97 % 1400)];
                p.AsSpan().Fill((byte)i);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(p, (ushort)i);
                return p;
            }

            var n3 = new IPEndPoint(UpfIp, 2152);
            for (int i = 0; i < count; i++)
            {
                gnb.SendTo(Gpdu(ulTeid, IpPackets.Udp(Ue, Dn, 4000, 5001, Payload(i)), 9), n3);
            }
            var buf = new byte[4096];
            for (int i = 0; i < count; i++)
            {
                int n = dn.Receive(buf);
                Assert.Equal(Payload(i), buf.AsSpan(0, n).ToArray());
            }

            for (int i = 0; i < count; i++)
            {
                dn.SendTo(Payload(i), new IPEndPoint(Ue, 4000));
            }
            for (int i = 0; i < count; i++)
            {
                Assert.True(GtpUPacket.TryParse(Receive(gnb), out GtpUPacket g, out _));
                Assert.Equal(0x44u, g.Teid);
                Assert.Equal(Payload(i), g.Payload[28..].ToArray());
            }
            // Runs of 1,000-octet packets with one 10-octet packet after every 50th: the receiver sees each datagram as sent.
            static byte[] Run(int i)
            {
                var p = new byte[i % 50 == 49 ? 10 : 1000];
                p.AsSpan().Fill((byte)(i * 3));
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(p, (ushort)i);
                return p;
            }
            for (int i = 0; i < count; i++)
            {
                dn.SendTo(Run(i), new IPEndPoint(Ue, 4000));
            }
            for (int i = 0; i < count; i++)
            {
                Assert.True(GtpUPacket.TryParse(Receive(gnb), out GtpUPacket g, out _));
                Assert.Equal(0x44u, g.Teid);
                Assert.Equal(Run(i), g.Payload[28..].ToArray());
            }
            // (Dropped is not asserted: the kernel's own IPv6 router solicitations on the new TUN match no PDR.)
            await Eventually(() => upf.Plane.Stats.UplinkForwarded == count && upf.Plane.Stats.DownlinkForwarded == 2 * count);
        }
        finally
        {
            gnb.Dispose();
            dn.Dispose();
            await smf.DisposeAsync();
            await upf.DisposeAsync();
        }
    }

    [Fact]
    public async Task TwoWorkers_UplinkSteeredByTeid_Ipv6SessionBothWays_SpoofedSourceDropped()
    {
        Assert.SkipUnless(NetNs.CanCreate, "needs root and iproute2 to create a network namespace");
        Assert.SkipUnless(File.Exists("/dev/net/tun"), "needs /dev/net/tun");
        CancellationToken ct = TestContext.Current.CancellationToken;
        using NetNs ns = NetNs.Create();
        IPAddress dn6 = IPAddress.Parse("2001:db8:60::1");
        IPAddress ue6Prefix = IPAddress.Parse("2001:db8:60:1::");
        IPAddress ue6 = IPAddress.Parse("2001:db8:60:1::5"); // the UE's own interface identifier in the session's /64
        var options = new UpfOptions { Pfcp = new IPEndPoint(UpfIp, 8805), N3Address = UpfIp, TunName = "upf0", TunAddress = Dn, TunPrefixLength = 24, Workers = 2 };
        var smfHandler = new SmfHandler();
        (Upf upf, PfcpNode smf, Socket gnb, Socket dn, Socket dnV6) = ns.Enter(() =>
        {
            var u = new Upf(options);
            u.Start();
            // The TUN gets IPv4 from the UPF; the IPv6 side of this data network is set up here (nodad: usable at once).
            NetNs.Ip("-n", ns.Name, "-6", "addr", "add", "2001:db8:60::1/64", "dev", "upf0", "nodad");
            NetNs.Ip("-n", ns.Name, "-6", "route", "add", "2001:db8:60:1::/64", "dev", "upf0");
            var n = new PfcpNode(new PfcpNodeOptions { LocalEndPoint = new IPEndPoint(GnbIp, 8805), T1 = TimeSpan.FromSeconds(2) }, smfHandler);
            n.Start();
            var g = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000 };
            g.Bind(new IPEndPoint(GnbIp, 2152));
            var d = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000 };
            d.Bind(new IPEndPoint(Dn, 5001));
            var d6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 10_000 };
            d6.Bind(new IPEndPoint(dn6, 5001));
            return (u, n, g, d, d6);
        });
        try
        {
            var upfN4 = new IPEndPoint(UpfIp, 8805);
            Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(await smf.SendRequestAsync(N4.Setup(), upfN4, ct)));
            async Task<uint> EstablishAsync(ulong seid, IPAddress ue, uint gnbTeid)
            {
                var est = Assert.IsType<SessionEstablishmentResponse>(await smf.SendRequestAsync(N4.Session(seid, ue, gnbTeid, GnbIp), upfN4, ct));
                Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(est));
                return N4.TeidOf(est, 1);
            }
            uint teidA = await EstablishAsync(0xA, IPAddress.Parse("10.60.0.2"), 0xA0);
            uint teidB = await EstablishAsync(0xB, IPAddress.Parse("10.60.0.3"), 0xB0);
            uint teidC = await EstablishAsync(0xC, ue6Prefix, 0xC0);
            // The premise of the steering check: the two IPv4 sessions' TEIDs select different workers (TEID mod 2).
            Assert.NotEqual(teidA % 2, teidB % 2);

            // 3 uplink packets for session A, 5 for B: each worker forwards exactly the packets of the TEIDs steered to it.
            var n3 = new IPEndPoint(UpfIp, 2152);
            for (int i = 0; i < 3; i++)
            {
                gnb.SendTo(Gpdu(teidA, IpPackets.Udp(IPAddress.Parse("10.60.0.2"), Dn, 4000, 5001, "A"u8), 9), n3);
            }
            for (int i = 0; i < 5; i++)
            {
                gnb.SendTo(Gpdu(teidB, IpPackets.Udp(IPAddress.Parse("10.60.0.3"), Dn, 4000, 5001, "B"u8), 9), n3);
            }
            var buf = new byte[2048];
            for (int i = 0; i < 8; i++)
            {
                dn.Receive(buf);
            }
            await Eventually(() => upf.Plane.Stats.UplinkForwarded == 8);
            Assert.Equal(3, upf.Plane.WorkerUplinkForwarded((int)(teidA % 2)));
            Assert.Equal(5, upf.Plane.WorkerUplinkForwarded((int)(teidB % 2)));

            // IPv6: uplink from an address in the session's /64 reaches the data network; the reply comes back in C's tunnel.
            gnb.SendTo(Gpdu(teidC, IpPackets.Udp(ue6, dn6, 4000, 5001, "uplink over IPv6"u8), 9), n3);
            EndPoint from = new IPEndPoint(IPAddress.IPv6Any, 0);
            int n = dnV6.ReceiveFrom(buf, ref from);
            Assert.Equal("uplink over IPv6"u8.ToArray(), buf.AsSpan(0, n).ToArray());
            Assert.Equal(new IPEndPoint(ue6, 4000), from);
            dnV6.SendTo("downlink over IPv6"u8.ToArray(), new IPEndPoint(ue6, 4000));
            Assert.True(GtpUPacket.TryParse(Receive(gnb), out GtpUPacket dl, out _));
            Assert.Equal(0xC0u, dl.Teid);
            Assert.Equal(6, dl.Payload[0] >> 4);
            Assert.Equal("downlink over IPv6"u8.ToArray(), dl.Payload[48..].ToArray());

            // A source outside the session's prefix (or an IPv4 packet in an IPv6-only session) is not the UE's: dropped.
            long dropped = upf.Plane.Stats.Dropped;
            gnb.SendTo(Gpdu(teidC, IpPackets.Udp(IPAddress.Parse("2001:db8:99::5"), dn6, 4000, 5001, "spoofed"u8), 9), n3);
            gnb.SendTo(Gpdu(teidC, IpPackets.Udp(IPAddress.Parse("10.60.0.9"), Dn, 4000, 5001, "spoofed"u8), 9), n3);
            await Eventually(() => upf.Plane.Stats.Dropped == dropped + 2);
            Assert.Equal(9, upf.Plane.Stats.UplinkForwarded);
        }
        finally
        {
            gnb.Dispose();
            dn.Dispose();
            dnV6.Dispose();
            await smf.DisposeAsync();
            await upf.DisposeAsync();
        }
    }
}
