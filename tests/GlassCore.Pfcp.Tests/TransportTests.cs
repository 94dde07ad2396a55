// PfcpNode on loopback: T1/N1 retransmission, duplicate requests answered from the cache, malformed requests answered or
// dropped without disturbing other requests (TS 29.244 §6.4, §7.6).
using System.Net;
using System.Net.Sockets;
using GlassCore.Pfcp;
using GlassCore.Pfcp.Transport;
using Microsoft.Extensions.Time.Testing;

namespace GlassCore.Pfcp.Tests;

public sealed class TransportTests
{
    private static readonly TimeSpan s_guard = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class CountingHandler(Func<PfcpMessage, Task<PfcpMessage?>>? respond = null) : IPfcpRequestHandler
    {
        private int _calls;

        public int Calls => _calls;

        public async ValueTask<PfcpMessage?> HandleAsync(PfcpMessage request, IPEndPoint peer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            if (respond is not null)
            {
                return await respond(request);
            }
            var response = new HeartbeatResponse();
            response.RecoveryTimeStamp = new PfcpTimeStamp(0xE0000000);
            return response;
        }
    }

    private static PfcpNode NewNode(IPfcpRequestHandler handler, TimeProvider? time = null, int n1 = 3) =>
        new(new PfcpNodeOptions
        {
            LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            T1 = TimeSpan.FromSeconds(3),
            N1 = n1,
            NodeId = NodeId.FromAddress(IPAddress.Loopback),
        }, handler, timeProvider: time);

    private static Socket NewPeer()
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return s;
    }

    private static async Task<byte[]> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[65535];
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(s_guard);
        int n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
        return buffer[..n];
    }

    private static HeartbeatRequest Heartbeat(uint seq)
    {
        var m = new HeartbeatRequest { SequenceNumber = seq };
        m.RecoveryTimeStamp = new PfcpTimeStamp(0xE0000001);
        return m;
    }

    [Fact]
    public async Task Request_NoResponse_RetransmittedN1TimesEveryT1_ThenTimesOut()
    {
        var time = new FakeTimeProvider();
        await using PfcpNode node = NewNode(new CountingHandler(), time, n1: 3);
        node.Start();
        using Socket peer = NewPeer();
        Task<PfcpMessage> request = node.SendRequestAsync(Heartbeat(0), (IPEndPoint)peer.LocalEndPoint!, Ct);

        byte[] first = await ReceiveAsync(peer);
        for (int retransmission = 1; retransmission <= 3; retransmission++)
        {
            Assert.False(request.IsCompleted);
            // No wall-clock waiting: the retransmission happens only once fake time reaches T1.
            time.Advance(TimeSpan.FromSeconds(3));
            byte[] again = await ReceiveAsync(peer);
            Assert.Equal(first, again); // same octets, same sequence number
        }
        time.Advance(TimeSpan.FromSeconds(3));
        var e = await Assert.ThrowsAsync<PfcpTimeoutException>(() => request);
        Assert.Equal(4, e.Transmissions);
        Assert.Equal(0, peer.Available);
    }

    [Fact]
    public async Task Request_AnsweredAfterOneRetransmission_CompletesWithTheResponse()
    {
        var time = new FakeTimeProvider();
        await using PfcpNode node = NewNode(new CountingHandler(), time);
        node.Start();
        using Socket peer = NewPeer();
        Task<PfcpMessage> request = node.SendRequestAsync(Heartbeat(0), (IPEndPoint)peer.LocalEndPoint!, Ct);
        byte[] first = await ReceiveAsync(peer);
        time.Advance(TimeSpan.FromSeconds(3));
        byte[] second = await ReceiveAsync(peer);
        Assert.Equal(first, second);
        Assert.True(PfcpMessage.TryDecodeExact(second, out PfcpMessage req, out _));
        var response = new HeartbeatResponse { SequenceNumber = req.SequenceNumber };
        response.RecoveryTimeStamp = new PfcpTimeStamp(0xE0000002);
        await peer.SendToAsync(response.Encode(), SocketFlags.None, node.LocalEndPoint, Ct);
        PfcpMessage got = await request.WaitAsync(s_guard, Ct);
        Assert.Equal(0xE0000002u, Assert.IsType<HeartbeatResponse>(got).RecoveryTimeStamp!.NtpSeconds);
    }

    [Fact]
    public async Task TwoNodes_RequestAndResponse_OverLoopback()
    {
        var handler = new CountingHandler(req =>
        {
            var r = new AssociationSetupResponse();
            r.NodeId = NodeId.FromAddress(IPAddress.Loopback);
            r.Cause = new Cause(PfcpCause.RequestAccepted);
            r.RecoveryTimeStamp = new PfcpTimeStamp(0xE0000003);
            return Task.FromResult<PfcpMessage?>(r);
        });
        await using PfcpNode upf = NewNode(handler);
        await using PfcpNode smf = NewNode(new CountingHandler());
        upf.Start();
        smf.Start();
        PfcpMessage response = await smf.SendRequestAsync(Build.AssociationSetupRequest(), upf.LocalEndPoint, Ct).WaitAsync(s_guard, Ct);
        Assert.Equal(PfcpCause.RequestAccepted, Assert.IsType<AssociationSetupResponse>(response).Cause!.Value);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task Burst_WhileTheReceiverIsBusy_NoRequestLost()
    {
        // The UPF side's receive loop starts only once the whole burst has been sent, so every request waits in its
        // socket buffer, as requests do while one receive loop works through a burst of session establishments. 2,000
        // establishment requests are several times the kernel's default receive buffer (~200 KiB) on loopback.
        const int burst = 2000;
        int establishments = 0;
        var handler = new CountingHandler(req => Task.FromResult<PfcpMessage?>(req switch
        {
            SessionEstablishmentRequest e => WithSeid(Build.EstablishmentResponse(), e.CpFSeid!.Seid, ref establishments),
            _ => new HeartbeatResponse { RecoveryTimeStamp = new PfcpTimeStamp(1) },
        }));
        // Fake time never reaches T1: a request that was dropped is not retransmitted, so it stays unanswered.
        var time = new FakeTimeProvider();
        await using PfcpNode upf = NewNode(handler);
        await using PfcpNode smf = NewNode(new CountingHandler(), time);
        smf.Start();
        var requests = new Task<PfcpMessage>[burst];
        for (int i = 0; i < burst; i++)
        {
            SessionEstablishmentRequest request = Build.EstablishmentRequest();
            request.CpFSeid = new FSeid((ulong)i + 1, IPAddress.Loopback, null);
            requests[i] = smf.SendRequestAsync(request, upf.LocalEndPoint, Ct);
        }
        upf.Start();
        // A heartbeat sent after the burst is queued behind it: once one is answered, every request of the burst that
        // reached the socket has been handled. (It is sent again while the buffer may still be full: only its answer counts.)
        using Socket peer = NewPeer();
        var buffer = new byte[65535];
        for (uint probe = 1; ; probe++)
        {
            await peer.SendToAsync(Heartbeat(probe).Encode(), SocketFlags.None, upf.LocalEndPoint, Ct);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            wait.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                int n = await peer.ReceiveAsync(buffer, SocketFlags.None, wait.Token);
                Assert.IsType<HeartbeatResponse>(Decode(buffer[..n]));
                break;
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested && probe < 30)
            {
                // Not answered yet: the UPF side is still working through the burst, or the probe itself was dropped.
            }
        }

        Assert.Equal(burst, Volatile.Read(ref establishments));
        PfcpMessage[] responses = await Task.WhenAll(requests).WaitAsync(s_guard, Ct);
        // Each response belongs to its own request (sequence number matching): request i gets SEID i + 1 back.
        for (int i = 0; i < burst; i++)
        {
            Assert.Equal((ulong)i + 1, Assert.IsType<SessionEstablishmentResponse>(responses[i]).Seid);
        }
        Assert.Equal(0, smf.Retransmissions);
    }

    private static SessionEstablishmentResponse WithSeid(SessionEstablishmentResponse r, ulong seid, ref int count)
    {
        Interlocked.Increment(ref count);
        r.Seid = seid;
        return r;
    }

    private static PfcpMessage Decode(byte[] datagram)
    {
        Assert.True(PfcpMessage.TryDecodeExact(datagram, out PfcpMessage m, out PfcpDecodeError error), error.ToString());
        return m;
    }

    [Fact]
    public async Task DuplicateRequest_AnsweredFromCache_HandlerRunsOnce()
    {
        var handler = new CountingHandler();
        await using PfcpNode node = NewNode(handler);
        node.Start();
        using Socket peer = NewPeer();
        byte[] request = Heartbeat(77).Encode();
        await peer.SendToAsync(request, SocketFlags.None, node.LocalEndPoint, Ct);
        byte[] r1 = await ReceiveAsync(peer);
        await peer.SendToAsync(request, SocketFlags.None, node.LocalEndPoint, Ct);
        byte[] r2 = await ReceiveAsync(peer);
        Assert.Equal(r1, r2);
        Assert.True(PfcpMessage.TryDecodeExact(r1, out PfcpMessage response, out _));
        Assert.Equal(77u, response.SequenceNumber);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task ResponseCache_EntriesExpireAfterTheirLifetime_ThenTheSameSequenceIsANewRequest()
    {
        var time = new FakeTimeProvider();
        var handler = new CountingHandler();
        await using PfcpNode node = NewNode(handler, time);
        node.Start();
        using Socket peer = NewPeer();
        // 3,000 requests fill the cache; the first one's duplicate is still answered from it.
        for (uint seq = 1; seq <= 3000; seq++)
        {
            await peer.SendToAsync(Heartbeat(seq).Encode(), SocketFlags.None, node.LocalEndPoint, Ct);
            await ReceiveAsync(peer);
        }
        await peer.SendToAsync(Heartbeat(1).Encode(), SocketFlags.None, node.LocalEndPoint, Ct);
        await ReceiveAsync(peer);
        Assert.Equal(3000, handler.Calls);
        Assert.Equal(3000, node.CachedResponses);
        // Past the lifetime, the next request prunes every expired entry: sequence 1 is handled as a new request.
        time.Advance(new PfcpNodeOptions().ResponseCacheLifetime + TimeSpan.FromSeconds(1));
        await peer.SendToAsync(Heartbeat(3001).Encode(), SocketFlags.None, node.LocalEndPoint, Ct);
        await ReceiveAsync(peer);
        Assert.Equal(1, node.CachedResponses);
        await peer.SendToAsync(Heartbeat(1).Encode(), SocketFlags.None, node.LocalEndPoint, Ct);
        await ReceiveAsync(peer);
        Assert.Equal(3002, handler.Calls);
    }

    [Fact]
    public async Task DuplicateWhileProcessing_IsDropped_HandlerRunsOnce()
    {
        var release = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        var handler = new CountingHandler(async req =>
        {
            if (req.SequenceNumber == 5)
            {
                entered.TrySetResult();
                await release.Task;
            }
            var r = new HeartbeatResponse();
            r.RecoveryTimeStamp = new PfcpTimeStamp(1);
            return r;
        });
        await using PfcpNode node = NewNode(handler);
        node.Start();
        using Socket peer = NewPeer();
        byte[] slow = Heartbeat(5).Encode();
        await peer.SendToAsync(slow, SocketFlags.None, node.LocalEndPoint, Ct);
        await entered.Task.WaitAsync(s_guard, Ct);
        await peer.SendToAsync(slow, SocketFlags.None, node.LocalEndPoint, Ct);
        // Another request is served while the first is still in the handler.
        await peer.SendToAsync(Heartbeat(6).Encode(), SocketFlags.None, node.LocalEndPoint, Ct);
        Assert.True(PfcpMessage.TryDecodeExact(await ReceiveAsync(peer), out PfcpMessage other, out _));
        Assert.Equal(6u, other.SequenceNumber);
        release.SetResult();
        Assert.True(PfcpMessage.TryDecodeExact(await ReceiveAsync(peer), out PfcpMessage first, out _));
        Assert.Equal(5u, first.SequenceNumber);
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task MalformedRequests_AnsweredWithCauseOrDropped_OthersStillServed()
    {
        var handler = new CountingHandler();
        await using PfcpNode node = NewNode(handler);
        node.Start();
        using Socket peer = NewPeer();

        // Garbage, a truncated header and an unknown message type: dropped.
        await peer.SendToAsync(new byte[] { 0x20, 99, 0, 4, 0, 0, 1, 0 }, SocketFlags.None, node.LocalEndPoint, Ct);
        await peer.SendToAsync(new byte[] { 1, 2, 3 }, SocketFlags.None, node.LocalEndPoint, Ct);
        await peer.SendToAsync(new byte[] { 0x21, 50, 0x7f, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, SocketFlags.None, node.LocalEndPoint, Ct);

        // Establishment without Node ID: answered with Mandatory IE missing, Offending IE Node ID.
        SessionEstablishmentRequest missing = Build.EstablishmentRequest();
        missing.NodeId = null;
        missing.SequenceNumber = 40;
        await peer.SendToAsync(missing.Encode(), SocketFlags.None, node.LocalEndPoint, Ct);
        Assert.True(PfcpMessage.TryDecodeExact(await ReceiveAsync(peer), out PfcpMessage reply, out PfcpDecodeError error), error.ToString());
        var rejection = Assert.IsType<SessionEstablishmentResponse>(reply);
        Assert.Equal(40u, rejection.SequenceNumber);
        Assert.Equal(PfcpCause.MandatoryIeMissing, rejection.Cause!.Value);
        Assert.Equal(PfcpIeType.NodeId, rejection.OffendingIe!.IeType);
        Assert.Equal(0UL, rejection.Seid);

        // F-TEID too short inside Create PDR/PDI: Invalid length, Offending IE F-TEID.
        byte[] bad = Build.EstablishmentRequest().Encode();
        int fteid = FindIe(bad, PfcpIeType.FTeid);
        bad[fteid + 4] = 0x01; // V4 without CH: now needs 9 octets, has 2
        await peer.SendToAsync(bad, SocketFlags.None, node.LocalEndPoint, Ct);
        Assert.True(PfcpMessage.TryDecodeExact(await ReceiveAsync(peer), out reply, out _));
        Assert.Equal(PfcpCause.InvalidLength, ((SessionEstablishmentResponse)reply).Cause!.Value);
        Assert.Equal(PfcpIeType.FTeid, ((SessionEstablishmentResponse)reply).OffendingIe!.IeType);

        // Version 2: Version Not Supported Response.
        byte[] v2 = Heartbeat(41).Encode();
        v2[0] = 0x40;
        await peer.SendToAsync(v2, SocketFlags.None, node.LocalEndPoint, Ct);
        byte[] vns = await ReceiveAsync(peer);
        Assert.Equal((byte)PfcpMessageType.VersionNotSupportedResponse, vns[1]);

        // A good request after all that is still served, and the handler never saw the bad ones.
        await peer.SendToAsync(Heartbeat(42).Encode(), SocketFlags.None, node.LocalEndPoint, Ct);
        Assert.True(PfcpMessage.TryDecodeExact(await ReceiveAsync(peer), out reply, out _));
        Assert.Equal(42u, reply.SequenceNumber);
        Assert.IsType<HeartbeatResponse>(reply);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task HandlerThrows_PeerGetsSystemFailure_NodeKeepsServing()
    {
        var handler = new CountingHandler(req => req is AssociationSetupRequest
            ? throw new InvalidOperationException("boom")
            : Task.FromResult<PfcpMessage?>(new HeartbeatResponse { RecoveryTimeStamp = new PfcpTimeStamp(1) }));
        await using PfcpNode node = NewNode(handler);
        node.Start();
        using Socket peer = NewPeer();
        await peer.SendToAsync(Build.AssociationSetupRequest().Encode(), SocketFlags.None, node.LocalEndPoint, Ct);
        Assert.True(PfcpMessage.TryDecodeExact(await ReceiveAsync(peer), out PfcpMessage reply, out PfcpDecodeError error), error.ToString());
        var response = Assert.IsType<AssociationSetupResponse>(reply);
        Assert.Equal(PfcpCause.SystemFailure, response.Cause!.Value);
        Assert.NotNull(response.NodeId);
        await peer.SendToAsync(Heartbeat(9).Encode(), SocketFlags.None, node.LocalEndPoint, Ct);
        Assert.True(PfcpMessage.TryDecodeExact(await ReceiveAsync(peer), out reply, out _));
        Assert.IsType<HeartbeatResponse>(reply);
        Assert.Equal(2, handler.Calls);
    }

    private static int FindIe(byte[] message, ushort type)
    {
        // Walk grouped IEs depth-first from the body (16-octet header for session messages).
        int Search(int start, int end)
        {
            int p = start;
            while (p + 4 <= end)
            {
                int t = message[p] << 8 | message[p + 1];
                int len = message[p + 2] << 8 | message[p + 3];
                if (t == type)
                {
                    return p;
                }
                if (PfcpIeCodec.IsGrouped((ushort)t))
                {
                    int inner = Search(p + 4, p + 4 + len);
                    if (inner >= 0)
                    {
                        return inner;
                    }
                }
                p += 4 + len;
            }
            return -1;
        }
        return Search(16, message.Length);
    }
}
