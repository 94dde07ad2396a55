// RFC 9260 behaviour between two GlassCore endpoints (usrsctp backend over UDP encapsulation, RFC 6951):
// streams and PPIDs (§6.5, §3.3.1), failure detection (§8.1, §8.3), restart (§5.2.4), shutdown (§9.2), flow control.
using System.Buffers.Binary;
using System.Diagnostics;
using GlassCore.Sctp;
using GlassCore.TestSupport;

namespace GlassCore.Sctp.Tests;

[Collection(UsrsctpCollection.Name)]
public sealed class GlassCoreToGlassCoreTests
{
    [Fact]
    public async Task SeveralStreams_1000MessagesEach_InOrderPerStreamWithPpidKept()
    {
        SctpTestEnvironment.RequireUsrsctp(udp: true);
        await using SctpTransport transport = SctpTransport.Create(SctpTestEnvironment.Options(udp: true));
        await using SctpListener listener = transport.Listen([SctpTestEnvironment.Loopback(40201)]);
        using CancellationTokenSource timeout = SctpTestEnvironment.Timeout();
        Task<SctpAssociation> accept = listener.AcceptAsync(timeout.Token);
        await using SctpAssociation client = await transport.ConnectAsync(SctpTestEnvironment.Loopback(40201), cancellationToken: timeout.Token);
        await using SctpAssociation server = await accept;

        const int Streams = 8;
        const int PerStream = 1000;
        Assert.True(client.OutboundStreams >= Streams);
        Assert.Equal(client.OutboundStreams, server.InboundStreams);
        Task[] senders = [.. Enumerable.Range(0, Streams).Select(s => Task.Run(async () =>
        {
            byte[] payload = new byte[100];
            for (uint i = 0; i < PerStream; i++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(payload, i);
                payload[4] = (byte)s;
                await client.SendAsync(payload, (ushort)s, (uint)(1000 + s), timeout.Token);
            }
        }, timeout.Token))];
        uint[] next = new uint[Streams];
        for (int n = 0; n < Streams * PerStream; n++)
        {
            SctpMessage m = await server.ReceiveAsync(timeout.Token);
            Assert.InRange(m.Stream, 0, Streams - 1);
            Assert.Equal((uint)(1000 + m.Stream), m.Ppid);
            Assert.Equal(m.Stream, m.Payload.Span[4]);
            Assert.Equal(next[m.Stream]++, BinaryPrimitives.ReadUInt32BigEndian(m.Payload.Span));
        }
        await Task.WhenAll(senders);
        Assert.All(next, n => Assert.Equal((uint)PerStream, n));
    }

    [Fact]
    public async Task Echo_64KiBMessages_ComeBackWhole()
    {
        SctpTestEnvironment.RequireUsrsctp(udp: true);
        await using SctpTransport transport = SctpTransport.Create(SctpTestEnvironment.Options(udp: true));
        await using SctpListener listener = transport.Listen([SctpTestEnvironment.Loopback(40202)]);
        using CancellationTokenSource timeout = SctpTestEnvironment.Timeout();
        Task<SctpAssociation> accept = listener.AcceptAsync(timeout.Token);
        await using SctpAssociation client = await transport.ConnectAsync(SctpTestEnvironment.Loopback(40202), cancellationToken: timeout.Token);
        await using SctpAssociation server = await accept;
        Task echo = Task.Run(async () =>
        {
            await foreach (SctpMessage m in server.Inbound.ReadAllAsync(timeout.Token))
            {
                await server.SendAsync(m.Payload, m.Stream, m.Ppid, timeout.Token);
            }
        }, timeout.Token);
        for (int i = 0; i < 10; i++)
        {
            byte[] payload = new byte[64 * 1024];
            Random.Shared.NextBytes(payload);
            await client.SendAsync(payload, 3, 60, timeout.Token);
            SctpMessage back = await client.ReceiveAsync(timeout.Token);
            Assert.Equal(3, back.Stream);
            Assert.Equal(payload, back.Payload.ToArray());
        }
        await client.ShutdownAsync(timeout.Token);
        await echo;
        Assert.Equal(SctpCloseReason.Shutdown, await server.Closed);
    }

    [Fact]
    public async Task Shutdown_RightAfterABurst_LosesNothing()
    {
        SctpTestEnvironment.RequireUsrsctp(udp: true);
        await using SctpTransport transport = SctpTransport.Create(SctpTestEnvironment.Options(udp: true));
        await using SctpListener listener = transport.Listen([SctpTestEnvironment.Loopback(40203)]);
        using CancellationTokenSource timeout = SctpTestEnvironment.Timeout();
        Task<SctpAssociation> accept = listener.AcceptAsync(timeout.Token);
        await using SctpAssociation client = await transport.ConnectAsync(SctpTestEnvironment.Loopback(40203), cancellationToken: timeout.Token);
        await using SctpAssociation server = await accept;

        const int Count = 5000;
        var received = new List<uint>();
        Task reader = Task.Run(async () =>
        {
            await foreach (SctpMessage m in server.Inbound.ReadAllAsync(timeout.Token))
            {
                received.Add(BinaryPrimitives.ReadUInt32BigEndian(m.Payload.Span));
            }
        }, timeout.Token);
        byte[] payload = new byte[300];
        for (uint i = 0; i < Count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(payload, i);
            await client.SendAsync(payload, (ushort)(i % 4), 60, timeout.Token);
        }
        // No waiting for the peer to read: the shutdown itself must deliver what is still queued.
        await client.ShutdownAsync(timeout.Token);
        await reader;
        Assert.Equal(Count, received.Count);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => (uint)i), received.Order());
        Assert.Equal(SctpCloseReason.Shutdown, await client.Closed);
        Assert.Equal(SctpCloseReason.Shutdown, await server.Closed);
        await Assert.ThrowsAsync<SctpException>(async () => await client.SendAsync(payload, 0, 60, timeout.Token));
    }

    [Fact]
    public async Task SlowReader_SenderIsHeldBack_ThenEverythingArrivesInOrder()
    {
        SctpTestEnvironment.RequireUsrsctp(udp: true);
        SctpOptions clientOptions = SctpTestEnvironment.Options(udp: true) with { SendQueueCapacity = 16 };
        SctpOptions serverOptions = SctpTestEnvironment.Options(udp: true) with { ReceiveQueueCapacity = 4 };
        await using SctpTransport clientTransport = SctpTransport.Create(clientOptions);
        await using SctpTransport serverTransport = SctpTransport.Create(serverOptions);
        await using SctpListener listener = serverTransport.Listen([SctpTestEnvironment.Loopback(40204)]);
        using CancellationTokenSource timeout = SctpTestEnvironment.Timeout();
        Task<SctpAssociation> accept = listener.AcceptAsync(timeout.Token);
        await using SctpAssociation client = await clientTransport.ConnectAsync(SctpTestEnvironment.Loopback(40204), cancellationToken: timeout.Token);
        await using SctpAssociation server = await accept;

        const int Count = 4000;
        const int Size = 16 * 1024;
        int sent = 0;
        Task sender = Task.Run(async () =>
        {
            byte[] payload = new byte[Size];
            for (uint i = 0; i < Count; i++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(payload, i);
                await client.SendAsync(payload, 0, 60, timeout.Token);
                Interlocked.Increment(ref sent);
            }
        }, timeout.Token);

        // Wait until the sender stops making progress while nobody reads.
        int last = -1;
        while (Volatile.Read(ref sent) != last)
        {
            last = Volatile.Read(ref sent);
            await Task.Delay(1000, timeout.Token);
        }
        Assert.False(sender.IsCompleted);
        // Held back by the queues (16 + 4 messages) and the two stacks' socket buffers, far below 64 MiB.
        Assert.InRange(last, 1, 16 + 4 + ((8 * 1024 * 1024) / Size));

        for (uint i = 0; i < Count; i++)
        {
            SctpMessage m = await server.ReceiveAsync(timeout.Token);
            Assert.Equal(i, BinaryPrimitives.ReadUInt32BigEndian(m.Payload.Span));
        }
        await sender;
    }

    [Fact]
    public async Task PeerSendsMessageOverTheLimit_AssociationAbortedBeforeBuffering()
    {
        SctpTestEnvironment.RequireUsrsctp(udp: true);
        await using SctpTransport clientTransport = SctpTransport.Create(SctpTestEnvironment.Options(udp: true));
        await using SctpTransport serverTransport = SctpTransport.Create(SctpTestEnvironment.Options(udp: true) with { MaxMessageSize = 32 * 1024 });
        await using SctpListener listener = serverTransport.Listen([SctpTestEnvironment.Loopback(40205)]);
        using CancellationTokenSource timeout = SctpTestEnvironment.Timeout();
        Task<SctpAssociation> accept = listener.AcceptAsync(timeout.Token);
        await using SctpAssociation client = await clientTransport.ConnectAsync(SctpTestEnvironment.Loopback(40205), cancellationToken: timeout.Token);
        await using SctpAssociation server = await accept;

        await client.SendAsync(new byte[1000], 0, 60, timeout.Token);
        Assert.Equal(1000, (await server.ReceiveAsync(timeout.Token)).Payload.Length);
        await client.SendAsync(new byte[100 * 1024], 0, 60, timeout.Token);
        Assert.Equal(SctpCloseReason.ProtocolViolation, await server.Closed.WaitAsync(timeout.Token));
        Assert.Equal(SctpCloseReason.Lost, await client.Closed.WaitAsync(timeout.Token));
        Assert.False(server.Inbound.TryRead(out _));
    }

    [Fact]
    public async Task PeerKilledMidStream_LossDetectedWithinTheHeartbeatBound()
    {
        SctpTestEnvironment.RequireUsrsctp(udp: true);
        SctpOptions options = SctpTestEnvironment.Options(udp: true, SctpTestEnvironment.ChildPeerUdpPort);
        await using SctpTransport transport = SctpTransport.Create(options);
        await using SctpListener listener = transport.Listen([SctpTestEnvironment.Loopback(40206)]);
        using CancellationTokenSource timeout = SctpTestEnvironment.Timeout();
        using BackgroundProcess peer = SctpTestEnvironment.StartChildPeer(
            "flood", SctpTestEnvironment.ChildPeerUdpPort.ToString(), SctpTestEnvironment.OurUdpPort.ToString(), "40206", "40207");
        await using SctpAssociation association = await listener.AcceptAsync(timeout.Token);
        var lost = new TaskCompletionSource<SctpNotification>();
        association.NotificationReceived += (_, n) =>
        {
            if (n.Kind == SctpNotificationKind.AssociationLost)
            {
                lost.TrySetResult(n);
            }
        };
        for (uint i = 0; i < 500; i++)
        {
            SctpMessage m = await association.ReceiveAsync(timeout.Token);
            Assert.Equal(i, BinaryPrimitives.ReadUInt32BigEndian(m.Payload.Span));
        }

        peer.Kill();
        var clock = Stopwatch.StartNew();
        Task drain = Task.Run(async () =>
        {
            await foreach (SctpMessage _ in association.Inbound.ReadAllAsync(timeout.Token))
            {
            }
        }, timeout.Token);
        SctpCloseReason reason = await association.Closed.WaitAsync(timeout.Token);
        clock.Stop();
        await drain;
        Assert.Equal(SctpCloseReason.Lost, reason);
        Assert.True(lost.Task.IsCompleted, "COMM_LOST was not reported");
        Assert.True(clock.Elapsed <= options.FailureDetectionBound, $"loss detected after {clock.Elapsed}, bound {options.FailureDetectionBound}");
    }

    [Fact]
    public async Task PeerRestartsOnTheSamePorts_AssociationRestartedAndKeepsCarryingData()
    {
        SctpTestEnvironment.RequireUsrsctp(udp: true);
        // Slow failure detection here, so the restarted peer's INIT arrives while the old association is still up.
        SctpOptions options = SctpTestEnvironment.Options(udp: true, SctpTestEnvironment.ChildPeerUdpPort) with
        {
            HeartbeatInterval = TimeSpan.FromSeconds(10),
            MaxRetransmissions = 10,
        };
        await using SctpTransport transport = SctpTransport.Create(options);
        await using SctpListener listener = transport.Listen([SctpTestEnvironment.Loopback(40208)]);
        using CancellationTokenSource timeout = SctpTestEnvironment.Timeout();
        string[] args = ["flood", SctpTestEnvironment.ChildPeerUdpPort.ToString(), SctpTestEnvironment.OurUdpPort.ToString(), "40208", "40209"];
        using BackgroundProcess first = SctpTestEnvironment.StartChildPeer(args);
        await using SctpAssociation association = await listener.AcceptAsync(timeout.Token);
        var restarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        association.NotificationReceived += (_, n) =>
        {
            if (n.Kind == SctpNotificationKind.AssociationRestarted)
            {
                restarted.TrySetResult();
            }
        };
        for (uint i = 0; i < 100; i++)
        {
            Assert.Equal(i, BinaryPrimitives.ReadUInt32BigEndian((await association.ReceiveAsync(timeout.Token)).Payload.Span));
        }
        first.Kill();
        using BackgroundProcess second = SctpTestEnvironment.StartChildPeer(args);

        // The old incarnation's leftovers come first; the new one's messages then start at 0 and stay in order.
        uint expected = 0;
        while (expected < 200)
        {
            SctpMessage m = await association.ReceiveAsync(timeout.Token);
            int incarnation = BinaryPrimitives.ReadInt32BigEndian(m.Payload.Span[4..]);
            if (incarnation == first.Id)
            {
                Assert.Equal(0u, expected);
                continue;
            }
            Assert.Equal(second.Id, incarnation);
            Assert.Equal(expected++, BinaryPrimitives.ReadUInt32BigEndian(m.Payload.Span));
        }
        await restarted.Task.WaitAsync(timeout.Token);
        Assert.False(association.Closed.IsCompleted);
    }
}
