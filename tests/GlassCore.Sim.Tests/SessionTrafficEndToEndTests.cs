// Issue 8 end to end through the simulator (TS 23.502 §4.2.3.3 network-triggered service request, §4.3.4.2 release;
// TS 29.244 §5.2.4 buffering and the Downlink Data Report): an idle UE gets the downlink packet that woke it after
// paging and its Service Request; 100 MB over TCP from the data network to a UE arrive intact; a released session
// leaves no PFCP session in the UPF and no address or route on the simulator's TUN. Needs root (namespaces, TUNs).
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using GlassCore.Cli.Sim;
using GlassCore.Gtp.Linux;
using GlassCore.Smf;

namespace GlassCore.Sim.Tests;

[Collection(SessionCoreCollection.Name)]
public sealed class SessionTrafficEndToEndTests(SessionCoreFixture core)
{
    private const string TunName = "gcsimt1";

    private static TimeSpan Timeout => TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(SimUserPlane Plane, GnbFleet Fleet, SimUe Ue, UePduSession Session)> RegisteredWithSessionAsync(byte pduSessionType = GlassCore.Nas.Ies.PduAddress.Ipv4)
    {
        Assert.True(SessionCoreFixture.CanRun, "needs root, /dev/net/tun and scripts/dn-netns.sh");
        var plane = SimUserPlane.Start(core.UserPlane(TunName));
        GnbFleet? fleet = null;
        try
        {
            SimUe ue = core.NewUe();
            fleet = await GnbFleet.ConnectAsync(core.Core.Transport, core.N2, 1, SimSettings.GnbTemplate(SimUes.Plmn(core.Config)), null, Timeout, Ct, plane);
            fleet.Place([ue]);
            ProcedureOutcome reg = await ue.RegisterAsync(Timeout, Ct);
            Assert.True(reg.Succeeded, "registration: " + reg.Result + " " + reg.Detail);
            ProcedureOutcome est = await ue.EstablishPduSessionAsync(new PduSessionRequest { PduSessionType = pduSessionType }, Timeout, Ct);
            Assert.True(est.Succeeded, "establishment: " + est.Result + " " + est.Detail);
            return (plane, fleet, ue, ue.Nas.PduSessions[1]);
        }
        catch
        {
            // The next test needs the N3 port and the TUN name.
            if (fleet is not null)
            {
                await fleet.DisposeAsync();
            }
            await plane.DisposeAsync();
            throw;
        }
    }

    private SmContext SmContextOf(SimUe ue) => core.Core.Host.Smf!.Find(ue.Nas.Supi, 1) ?? throw new InvalidOperationException("no SM context");

    [Fact]
    public async Task IdleUe_DownlinkPacket_IsBufferedPagedAndDeliveredAfterServiceRequest()
    {
        var (plane, fleet, ue, session) = await RegisteredWithSessionAsync();
        await using var _p = plane;
        await using var _f = fleet;
        IPAddress address = session.Ipv4Address!;
        long pagedBefore = ue.Paged;

        // AN release: the UE goes to 5GMM-IDLE, the AMF deactivates the session at the SMF, the UPF buffers (BUFF+NOCP).
        Assert.True(await ue.ReleaseAsync(Timeout, Ct));
        Assert.False(ue.Connected);
        SmContext sm = SmContextOf(ue);
        await WaitUntilAsync(() => sm.UpCnxState == GlassCore.Sbi.Models.UpCnxStates.Deactivated, "the SMF deactivated the user plane");
        Assert.Null(plane.TunnelOf(address));

        using Socket receiver = NetworkNamespace.Run(core.UeNamespace, () =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(new IPEndPoint(address, 0));
            return s;
        });
        var to = (IPEndPoint)receiver.LocalEndPoint!;
        using Socket sender = NetworkNamespace.Run(core.DnNamespace, () => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        byte[] payload = RandomNumberGenerator.GetBytes(200);
        // One packet from the data network: the UPF buffers it, reports it (Downlink Data Report), the SMF's
        // N1N2MessageTransfer makes the AMF page, the UE answers with a Service Request, and the reactivated session
        // (Initial Context Setup with the PDU session) gets the buffered packet.
        await sender.SendToAsync(payload, SocketFlags.None, to, Ct);

        byte[] buffer = new byte[2048];
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        wait.CancelAfter(Timeout);
        int n = await receiver.ReceiveAsync(buffer, SocketFlags.None, wait.Token);
        Assert.Equal(payload, buffer.AsSpan(0, n).ToArray());
        // At least one paging (T3513 may page again on a slow machine before the Service Request is in).
        Assert.True(ue.Paged > pagedBefore);
        Assert.True(ue.Connected);
        // The UPF forwards the buffered packet as soon as its FAR says FORW; the SMF notes it when the N4 answer is in.
        await WaitUntilAsync(() => sm.UpCnxState == GlassCore.Sbi.Models.UpCnxStates.Activated, "the SMF activated the user plane");
        SimTunnel tunnel = plane.TunnelOf(address) ?? throw new InvalidOperationException("no tunnel after the service request");
        Assert.Equal(1, tunnel.DownlinkPackets);
        Assert.Equal(0, plane.UnknownTeidPackets);

        Assert.True((await ue.DeregisterAsync(Timeout, Ct)).Succeeded);
    }

    [Fact]
    public async Task Tcp100Megabytes_FromTheDataNetworkToTheUe_ArriveIntact()
    {
        const int total = 100 * 1024 * 1024;
        const int chunk = 1 << 20;
        var (plane, fleet, ue, session) = await RegisteredWithSessionAsync();
        await using var _p = plane;
        await using var _f = fleet;
        IPAddress address = session.Ipv4Address!;

        using Socket listener = NetworkNamespace.Run(core.UeNamespace, () =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            s.Bind(new IPEndPoint(address, 0));
            s.Listen(1);
            return s;
        });
        var to = (IPEndPoint)listener.LocalEndPoint!;
        using Socket client = NetworkNamespace.Run(core.DnNamespace, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromSeconds(120));
        CancellationToken ct = limit.Token;

        Task<(long Bytes, byte[] Hash)> receive = Task.Run(async () =>
        {
            using Socket server = await listener.AcceptAsync(ct);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            byte[] buffer = new byte[256 * 1024];
            long bytes = 0;
            int n;
            while ((n = await server.ReceiveAsync(buffer, SocketFlags.None, ct)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                bytes += n;
            }
            return (bytes, hash.GetHashAndReset());
        }, ct);

        await client.ConnectAsync(to, ct);
        using var sent = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var random = new Random(8);
        byte[] data = new byte[chunk];
        for (int off = 0; off < total; off += chunk)
        {
            random.NextBytes(data);
            sent.AppendData(data);
            int done = 0;
            while (done < chunk)
            {
                done += await client.SendAsync(data.AsMemory(done), SocketFlags.None, ct);
            }
        }
        client.Shutdown(SocketShutdown.Send);
        var (bytes, hash) = await receive;

        Assert.Equal(total, bytes);
        Assert.Equal(sent.GetHashAndReset(), hash);
        SimTunnel tunnel = plane.TunnelOf(address)!;
        Assert.True(tunnel.DownlinkPackets >= total / 65536, $"{tunnel.DownlinkPackets} downlink G-PDUs");
        Assert.True(tunnel.UplinkPackets > 0);

        Assert.True((await ue.DeregisterAsync(Timeout, Ct)).Succeeded);
    }

    [Fact]
    public async Task Release_RemovesThePfcpSessionInTheUpf_AndTheAddressAndRouteOnTheTun()
    {
        var upf = core.Core.Host.Upf!;
        int before = upf.Handler.SessionCount;
        var (plane, fleet, ue, session) = await RegisteredWithSessionAsync();
        await using var _p = plane;
        await using var _f = fleet;
        IPAddress address = session.Ipv4Address!;
        SmContext sm = SmContextOf(ue);
        ulong upSeid = sm.UpSeid;

        Assert.NotNull(upf.Handler.FindSession(upSeid));
        Assert.Equal(before + 1, upf.Handler.SessionCount);
        Assert.Contains($"inet {address}/32", NetNsIp("addr", "show", "dev", TunName), StringComparison.Ordinal);
        Assert.Contains($"local {address} dev {TunName}", NetNsIp("route", "show", "table", "local"), StringComparison.Ordinal);

        ProcedureOutcome rel = await ue.ReleasePduSessionAsync(1, Timeout, Ct);
        Assert.True(rel.Succeeded, rel.Detail);
        // The SMF deletes the N4 session once the UE's release complete and the gNB's release response are both in.
        await WaitUntilAsync(() => core.Core.Host.Smf!.Find(ue.Nas.Supi, 1) is null, "the SMF released the SM context",
            () => $"state {sm.State}, UE's complete {sm.ReleaseCompleteReceived}, gNB's response {sm.N2ReleaseReceived}");
        await WaitUntilAsync(() => upf.Handler.FindSession(upSeid) is null, "the UPF deleted the PFCP session");
        Assert.Equal(before, upf.Handler.SessionCount);
        Assert.Null(plane.TunnelOf(address));
        Assert.DoesNotContain($"{address}/32", NetNsIp("addr", "show", "dev", TunName), StringComparison.Ordinal);
        Assert.DoesNotContain($"local {address} ", NetNsIp("route", "show", "table", "local"), StringComparison.Ordinal);

        Assert.True((await ue.DeregisterAsync(Timeout, Ct)).Succeeded);
    }

    [Fact]
    public async Task Modification_UeRequestedAndNetworkRequested_ReachTheUeTheRanAndTheUpf()
    {
        var (plane, fleet, ue, session) = await RegisteredWithSessionAsync();
        await using var _p = plane;
        await using var _f = fleet;
        SmContext sm = SmContextOf(ue);

        // UE-requested (TS 23.502 §4.3.3.2): request → SMF → command with the N2 modify request → the gNB's modify
        // response and the UE's complete back to the SMF.
        ProcedureOutcome mod = await ue.ModifyPduSessionAsync(1, Timeout, Ct);
        Assert.True(mod.Succeeded, mod.Detail);
        Assert.Equal(1, session.Modifications);
        await WaitUntilAsync(() => sm.ModificationsCompleted == 1 && sm.N2ModificationsConfirmed == 1, "the SMF has the complete and the modify response");
        Assert.False(sm.ModificationPending);

        // Network-requested: a new session AMBR goes to the UPF's QER, the UE (command) and the RAN (modify request).
        var r = await core.Core.Host.Smf!.ModifyAmbrNetworkRequestedAsync(sm.Ref, 50_000_000, 60_000_000, Ct);
        Assert.True(r.IsOk, r.Problem?.Detail);
        await WaitUntilAsync(() => sm.ModificationsCompleted == 2 && sm.N2ModificationsConfirmed == 2, "the network-requested modification completed");
        Assert.Equal(2, session.Modifications);
        Assert.Equal((50_000_000UL, 60_000_000UL), (session.AmbrUplinkBps, session.AmbrDownlinkBps));
        var qer = Assert.Single(core.Core.Host.Upf!.Handler.FindSession(sm.UpSeid)!.Qers.Values);
        Assert.Equal((50_000UL, 60_000UL), (qer.UplinkMbrKbps, qer.DownlinkMbrKbps));

        // The session still carries traffic after both.
        string ping = SessionCoreFixture.Run("ip", "netns", "exec", core.UeNamespace, "ping", "-n", "-c", "1", "-W", "5", "-I", session.Ipv4Address!.ToString(), core.DnAddress);
        Assert.Contains("1 received", ping, StringComparison.Ordinal);

        Assert.True((await ue.DeregisterAsync(Timeout, Ct)).Succeeded);
    }

    [Fact]
    public async Task Ipv6Session_PingsTheDataNetworkOverIpv6ThroughTheUpf()
    {
        var (plane, fleet, ue, session) = await RegisteredWithSessionAsync(GlassCore.Nas.Ies.PduAddress.Ipv6);
        await using var _p = plane;
        await using var _f = fleet;
        SmContext sm = SmContextOf(ue);

        Assert.Equal(GlassCore.Nas.Ies.PduAddress.Ipv6, session.SelectedType);
        Assert.Null(session.Ipv4Address);
        // The address is the session's /64 from the SMF's pool with the interface identifier of the PDU Address IE.
        IPAddress address = session.Ipv6Address ?? throw new InvalidOperationException("no IPv6 address bound");
        byte[] bytes = address.GetAddressBytes();
        Assert.Equal(sm.Ipv6Prefix!.GetAddressBytes()[..8], bytes[..8]);
        Assert.Equal(session.Ipv6InterfaceIdentifier.ToArray(), bytes[8..]);
        Assert.StartsWith("2001:db8:98:", address.ToString(), StringComparison.Ordinal);
        SimTunnel tunnel = plane.TunnelOf(address) ?? throw new InvalidOperationException("no tunnel for the IPv6 address");
        Assert.Contains($"inet6 {address}/128", NetNsIp("-6", "addr", "show", "dev", TunName), StringComparison.Ordinal);

        string ping = SessionCoreFixture.Run("ip", "netns", "exec", core.UeNamespace, "ping", "-6", "-n", "-c", "3", "-W", "5", "-I", address.ToString(), core.DnIpv6Address);
        Assert.Contains("3 received", ping, StringComparison.Ordinal);
        Assert.True(tunnel.UplinkPackets >= 3, $"{tunnel.UplinkPackets} uplink G-PDUs");
        Assert.True(tunnel.DownlinkPackets >= 3, $"{tunnel.DownlinkPackets} downlink G-PDUs");

        // Release takes the IPv6 address off the TUN as it does the IPv4 one.
        ProcedureOutcome rel = await ue.ReleasePduSessionAsync(1, Timeout, Ct);
        Assert.True(rel.Succeeded, rel.Detail);
        Assert.Null(plane.TunnelOf(address));
        Assert.DoesNotContain($"{address}/128", NetNsIp("-6", "addr", "show", "dev", TunName), StringComparison.Ordinal);

        Assert.True((await ue.DeregisterAsync(Timeout, Ct)).Succeeded);
    }

    [Fact]
    public async Task Ipv4v6Session_PingsTheDataNetworkOverBothFamiliesOnOneTunnel()
    {
        var (plane, fleet, ue, session) = await RegisteredWithSessionAsync(GlassCore.Nas.Ies.PduAddress.Ipv4v6);
        await using var _p = plane;
        await using var _f = fleet;

        Assert.Equal(GlassCore.Nas.Ies.PduAddress.Ipv4v6, session.SelectedType);
        IPAddress v4 = session.Ipv4Address ?? throw new InvalidOperationException("no IPv4 address");
        IPAddress v6 = session.Ipv6Address ?? throw new InvalidOperationException("no IPv6 address bound");
        SimTunnel tunnel = plane.TunnelOf(v4) ?? throw new InvalidOperationException("no tunnel for the IPv4 address");
        Assert.Same(tunnel, plane.TunnelOf(v6));

        string ping4 = SessionCoreFixture.Run("ip", "netns", "exec", core.UeNamespace, "ping", "-n", "-c", "2", "-W", "5", "-I", v4.ToString(), core.DnAddress);
        Assert.Contains("2 received", ping4, StringComparison.Ordinal);
        long uplinkAfterV4 = tunnel.UplinkPackets;
        Assert.True(uplinkAfterV4 >= 2);
        string ping6 = SessionCoreFixture.Run("ip", "netns", "exec", core.UeNamespace, "ping", "-6", "-n", "-c", "2", "-W", "5", "-I", v6.ToString(), core.DnIpv6Address);
        Assert.Contains("2 received", ping6, StringComparison.Ordinal);
        Assert.True(tunnel.UplinkPackets >= uplinkAfterV4 + 2);
        Assert.True(tunnel.DownlinkPackets >= 4);

        Assert.True((await ue.DeregisterAsync(Timeout, Ct)).Succeeded);
    }

    private string NetNsIp(params string[] args) => SessionCoreFixture.Run("ip", ["-n", core.UeNamespace, .. args]);

    private static async Task WaitUntilAsync(Func<bool> condition, string what, Func<string>? state = null)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(Timeout);
        while (!condition())
        {
            try
            {
                await Task.Delay(20, limit.Token);
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                Assert.Fail("timed out waiting until " + what + (state is null ? "" : " (" + state() + ")"));
            }
        }
    }
}
