// TS 38.413 §9.3.4.2 / §9.2.1.2 (the gNB's PDU Session Resource Setup Response and its transfer) and §9.2.1.3-§9.2.1.4
// with §9.3.4.3-§9.3.4.4 (PDU Session Resource Modify Request from the AMF with the SMF's transfer, the gNB's Modify
// Response) against the SMF's reader and tshark; TS 29.281 / TS 38.415 (the gNB's G-PDUs carry the UPF's TEID and the QFI) against a UDP peer
// standing in for the UPF on its own loopback address.
using System.Net;
using System.Net.Sockets;
using GlassCore.Asn1;
using GlassCore.Gtp;
using GlassCore.Ngap;
using GlassCore.Sim;
using GlassCore.Smf.N2;
using GlassCore.TestSupport;

namespace GlassCore.Sim.Tests;

public sealed class GnbSessionTests
{
    [Fact]
    public void SetupResponseTransfer_DecodesInTheSmf_WithTheGnbTunnelAndFlows()
    {
        byte[] transfer = SimGnbBuild.SetupResponseTransfer(IPAddress.Parse("127.0.0.9"), 0x00ABCDEF, [1, 5]);
        Assert.True(N2SmInfo.TryReadSetupResponseTransfer(transfer, out GtpTunnelEndpoint dl, out string? error), error);
        Assert.Equal(IPAddress.Parse("127.0.0.9"), dl.Address);
        Assert.Equal(0x00ABCDEFu, dl.Teid);
        Assert.True(Per.TryDecode<PduSessionResourceSetupResponseTransfer>(transfer, out var t, out _));
        Assert.Equal([1L, 5L], t.DlQosFlowPerTnlInformation.AssociatedQosFlowList.Select(f => f.QosFlowIdentifier));
    }

    [Fact]
    public void SetupAndReleaseResponses_DissectInTshark_WithoutMalformedPackets()
    {
        Assert.True(Tshark.IsAvailable, "tshark is required (./test.sh installs it)");
        byte[] ok = SimGnbBuild.SetupResponseTransfer(IPAddress.Parse("127.0.0.9"), 0x01020304, [1]);
        byte[] failed = SimGnbBuild.SetupUnsuccessfulTransfer(new Cause.RadioNetwork { Value = CauseRadioNetwork.MultiplePduSessionIdInstances });
        byte[][] pdus =
        [
            Per.Encode(SimGnbBuild.PduSessionResourceSetupResponse(7, 3, [new PduSessionSetupResult(1, true, ok), new PduSessionSetupResult(2, false, failed)])),
            Per.Encode(SimGnbBuild.InitialContextSetupResponse(7, 3, [new PduSessionSetupResult(1, true, ok)])),
            Per.Encode(SimGnbBuild.PduSessionResourceReleaseResponse(7, 3, [1])),
        ];
        string pcap = Tshark.TempPcap(pdus, 152);
        try
        {
            List<string[]> rows = Tshark.FieldsWithOptions(pcap, "ngap", ["-o", "uat:user_dlts:\"User 5 (DLT=152)\",\"ngap\",\"0\",\"\",\"0\",\"\""],
                "_ws.malformed", "ngap.procedureCode", "ngap.gTP_TEID", "ngap.TransportLayerAddressIPv4", "ngap.qosFlowIdentifier", "ngap.radioNetwork");
            Assert.Equal(3, rows.Count);
            Assert.All(rows, r => Assert.True(r[0].Length == 0, "malformed: " + string.Join('|', r)));
            Assert.Equal(["29", "14", "28"], rows.Select(r => r[1]));
            Assert.Equal("01020304", rows[0][2]);
            Assert.Equal("127.0.0.9", rows[0][3]);
            Assert.Equal("1", rows[0][4]);
            Assert.Equal("28", rows[0][5]);
            Assert.Equal("127.0.0.9", rows[1][3]);
        }
        finally
        {
            File.Delete(pcap);
        }
    }

    [Fact]
    public void ModifyRequestAndResponse_DissectInTshark_WithoutMalformedPackets_AndTheSmfReadsTheResponse()
    {
        Assert.True(Tshark.IsAvailable, "tshark is required (./test.sh installs it)");
        byte[] request = N2SmInfo.ModifyRequestTransfer(1, 7, 8, false, true, 50_000_000, 60_000_000);
        byte[] nas = [0x7E, 0x00, 0x68, 0x01, 0x00, 0x05, 0x2E, 0x05, 0x01, 0xD6, 0x1A, 0x12, 0x05];
        byte[] ok = SimGnbBuild.ModifyResponseTransfer([1]);
        byte[] failed = SimGnbBuild.ModifyUnsuccessfulTransfer(new Cause.RadioNetwork { Value = CauseRadioNetwork.UnknownPduSessionId });
        Assert.True(N2SmInfo.TryReadModifyResponseTransfer(ok, out GtpTunnelEndpoint? moved, out int failedFlows, out string? error), error);
        Assert.Null(moved);
        Assert.Equal(0, failedFlows);
        Assert.Contains("UnknownPduSessionId", N2SmInfo.ModifyUnsuccessfulCause(failed), StringComparison.Ordinal);
        byte[][] pdus =
        [
            Per.Encode(GlassCore.Amf.Ngap.NgapBuild.PduSessionResourceModifyRequest(7, 3, [new GlassCore.Amf.Sm.N2SmTransfer(1, new GlassCore.Nas.Ies.SNssaiValue(1), request, nas)])),
            Per.Encode(SimGnbBuild.PduSessionResourceModifyResponse(7, 3, [new PduSessionSetupResult(1, true, ok), new PduSessionSetupResult(2, false, failed)])),
        ];
        string pcap = Tshark.TempPcap(pdus, 152);
        try
        {
            List<string[]> rows = Tshark.FieldsWithOptions(pcap, "ngap", ["-o", "uat:user_dlts:\"User 5 (DLT=152)\",\"ngap\",\"0\",\"\",\"0\",\"\""],
                "_ws.malformed", "ngap.procedureCode", "ngap.pDUSessionID", "ngap.pDUSessionAggregateMaximumBitRateDL", "ngap.fiveQI", "ngap.qosFlowIdentifier", "ngap.radioNetwork", "nas_5gs.sm.message_type");
            Assert.Equal(2, rows.Count);
            Assert.All(rows, r => Assert.True(r[0].Length == 0, "malformed: " + string.Join('|', r)));
            Assert.Equal(["26", "26"], rows.Select(r => r[1]));
            Assert.Equal("1", rows[0][2]);
            Assert.Equal("60000000", rows[0][3]);
            Assert.Equal("7", rows[0][4]);
            Assert.Equal("1", rows[0][5]);
            Assert.Contains("0xd6", rows[0][7], StringComparison.OrdinalIgnoreCase);
            Assert.Equal("1,2", rows[1][2]);
            Assert.Equal("1", rows[1][5]);
            Assert.Equal("26", rows[1][6]);
        }
        finally
        {
            File.Delete(pcap);
        }
    }

    /// <summary>A loopback address of its own per test, so a peer can sit on port 2152 beside a running UPF.</summary>
    private static IPAddress UniqueLoopback() => new([127, 100, (byte)Random.Shared.Next(1, 255), (byte)Random.Shared.Next(1, 255)]);

    [Fact]
    public async Task UserPlane_UplinkCarriesTheUpfTeidAndQfi_DownlinkReachesTheTunnel_EchoIsAnswered()
    {
        var ct = TestContext.Current.CancellationToken;
        using var upf = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        upf.Bind(new IPEndPoint(UniqueLoopback(), SimUserPlane.GtpUPort));
        await using var plane = SimUserPlane.Start(new SimUserPlaneOptions { N3Address = UniqueLoopback() });
        SimTunnel tunnel = plane.Add((IPEndPoint)upf.LocalEndPoint!, 0xCAFE0001, [5, 6]);
        plane.Bind(tunnel, IPAddress.Parse("10.45.0.20"));
        Assert.Same(tunnel, plane.TunnelOf(IPAddress.Parse("10.45.0.20")));

        byte[] ip = Ipv4Udp(IPAddress.Parse("10.45.0.20"), IPAddress.Parse("10.60.0.2"), "uplink"u8);
        plane.SendUplink(tunnel, ip);
        byte[] buffer = new byte[2048];
        var r = await upf.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Equal(plane.N3, r.RemoteEndPoint);
        Assert.True(GtpUPacket.TryParse(buffer.AsSpan(0, r.ReceivedBytes), out var p, out var error), error.ToString());
        Assert.Equal(GtpUMessageType.GPdu, p.MessageType);
        Assert.Equal(0xCAFE0001u, p.Teid);
        Assert.True(p.TryGetPduSessionInformation(out var info));
        Assert.False(info.IsDownlink);
        Assert.Equal(5, info.Qfi);
        Assert.Equal(ip, p.Payload.ToArray());
        Assert.Equal(1, tunnel.UplinkPackets);

        byte[] reply = Ipv4Udp(IPAddress.Parse("10.60.0.2"), IPAddress.Parse("10.45.0.20"), "downlink"u8);
        byte[] gpdu = new byte[2048];
        Assert.True(GtpUMessages.TryWriteGpduHeader(gpdu, tunnel.DlTeid, reply.Length, PduSessionInformation.Downlink(6), out int header));
        reply.CopyTo(gpdu, header);
        await upf.SendToAsync(gpdu.AsMemory(0, header + reply.Length), plane.N3, ct);
        byte[] delivered = await tunnel.Received.Reader.ReadAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Equal(reply, delivered);
        Assert.Equal(6, tunnel.LastDownlinkQfi);

        // An unknown TEID is counted, not delivered; an echo request is answered (TS 29.281 §7.2.1).
        Assert.True(GtpUMessages.TryWriteGpduHeader(gpdu, tunnel.DlTeid + 1000, reply.Length, out header));
        reply.CopyTo(gpdu, header);
        await upf.SendToAsync(gpdu.AsMemory(0, header + reply.Length), plane.N3, ct);
        Assert.True(GtpUMessages.TryWriteEchoRequest(gpdu, 42, out int echo));
        await upf.SendToAsync(gpdu.AsMemory(0, echo), plane.N3, ct);
        r = await upf.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.True(GtpUPacket.TryParse(buffer.AsSpan(0, r.ReceivedBytes), out p, out _));
        Assert.Equal(GtpUMessageType.EchoResponse, p.MessageType);
        Assert.Equal(42, p.SequenceNumber);
        Assert.Equal(1, plane.UnknownTeidPackets);
        Assert.False(tunnel.Received.Reader.TryRead(out _));

        plane.Remove(tunnel, sessionReleased: true);
        Assert.Null(plane.TunnelOf(IPAddress.Parse("10.45.0.20")));
    }

    [Fact]
    public async Task UserPlane_DlTeidsAreDistinct()
    {
        await using var plane = SimUserPlane.Start(new SimUserPlaneOptions { N3Address = UniqueLoopback() });
        var upf = new IPEndPoint(IPAddress.Loopback, SimUserPlane.GtpUPort);
        var teids = Enumerable.Range(0, 1000).Select(i => plane.Add(upf, (uint)i, [1]).DlTeid).ToHashSet();
        Assert.Equal(1000, teids.Count);
        Assert.DoesNotContain(0u, teids);
    }

    /// <summary>An IPv4/UDP packet (RFC 791 / RFC 768), header checksum filled in.</summary>
    internal static byte[] Ipv4Udp(IPAddress source, IPAddress destination, ReadOnlySpan<byte> payload)
    {
        byte[] p = new byte[28 + payload.Length];
        p[0] = 0x45;
        p[2] = (byte)(p.Length >> 8);
        p[3] = (byte)p.Length;
        p[8] = 64;
        p[9] = 17;
        source.TryWriteBytes(p.AsSpan(12), out _);
        destination.TryWriteBytes(p.AsSpan(16), out _);
        uint sum = 0;
        for (int i = 0; i < 20; i += 2)
        {
            sum += (uint)(p[i] << 8 | p[i + 1]);
        }
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        p[10] = (byte)(~sum >> 8);
        p[11] = (byte)~sum;
        p[20] = 0x30;
        p[21] = 0x39;
        p[22] = 0x30;
        p[23] = 0x3A;
        p[24] = (byte)((8 + payload.Length) >> 8);
        p[25] = (byte)(8 + payload.Length);
        payload.CopyTo(p.AsSpan(28));
        return p;
    }
}
