// Backend choice (sctp.backend auto | kernel | usrsctp) and the kernel backend, which runs only where the kernel has SCTP.
using System.Buffers.Binary;
using GlassCore.Sctp;
using GlassCore.Sctp.Kernel;

namespace GlassCore.Sctp.Tests;

[Collection(UsrsctpCollection.Name)]
public sealed class BackendSelectionTests
{
    [Fact]
    public async Task Auto_TakesKernelWhenItOpensAnSctpSocket_ElseUsrsctp_AndLogsWhy()
    {
        bool kernel = KernelSctp.IsAvailable(out string reason);
        Assert.SkipUnless(kernel || SctpTestEnvironment.UsrsctpAvailable, "neither kernel SCTP nor libusrsctp2 here");
        var log = new ListLogger();
        await using SctpTransport transport = SctpTransport.Create(SctpTestEnvironment.Options(udp: true) with { Backend = SctpBackendKind.Auto }, log);
        Assert.Equal(kernel ? SctpBackendKind.Kernel : SctpBackendKind.Usrsctp, transport.Backend);
        string line = Assert.Single(log.Lines, l => l.StartsWith("sctp.backend auto", StringComparison.Ordinal));
        Assert.Contains(transport.Backend.ToString(), line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Kernel_WhenTheKernelHasNoSctp_CreateSaysSo()
    {
        Assert.SkipWhen(KernelSctp.IsAvailable(out _), "this kernel has SCTP");
        var ex = Assert.Throws<SctpException>(() => SctpTransport.Create(new SctpOptions { Backend = SctpBackendKind.Kernel }));
        Assert.Contains("kernel", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RejectsOptionsNoAssociationCouldUse()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SctpTransport.Create(new SctpOptions { OutboundStreams = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SctpTransport.Create(new SctpOptions { UdpEncapsulationPort = 70000 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SctpTransport.Create(new SctpOptions { RtoMin = TimeSpan.FromSeconds(2), RtoInitial = TimeSpan.FromSeconds(1) }));
    }

    [Fact]
    public async Task Kernel_SeveralStreams_EchoedInOrderWithPpid()
    {
        Assert.SkipUnless(KernelSctp.IsAvailable(out string reason), reason);
        SctpOptions options = SctpTestEnvironment.Options(udp: false) with { Backend = SctpBackendKind.Kernel };
        await using SctpTransport transport = SctpTransport.Create(options);
        Assert.Equal(SctpBackendKind.Kernel, transport.Backend);
        await using SctpListener listener = transport.Listen([SctpTestEnvironment.Loopback(40301)]);
        using CancellationTokenSource timeout = SctpTestEnvironment.Timeout();
        Task<SctpAssociation> accept = listener.AcceptAsync(timeout.Token);
        await using SctpAssociation client = await transport.ConnectAsync(SctpTestEnvironment.Loopback(40301), cancellationToken: timeout.Token);
        await using SctpAssociation server = await accept;
        Task echo = Task.Run(async () =>
        {
            await foreach (SctpMessage m in server.Inbound.ReadAllAsync(timeout.Token))
            {
                await server.SendAsync(m.Payload, m.Stream, m.Ppid, timeout.Token);
            }
        }, timeout.Token);
        byte[] payload = new byte[64 * 1024];
        for (uint i = 0; i < 200; i++)
        {
            int size = i % 10 == 0 ? payload.Length : 100;
            BinaryPrimitives.WriteUInt32BigEndian(payload, i);
            await client.SendAsync(payload.AsMemory(0, size), (ushort)(i % 4), 60 + (i % 4), timeout.Token);
            SctpMessage back = await client.ReceiveAsync(timeout.Token);
            Assert.Equal((ushort)(i % 4), back.Stream);
            Assert.Equal(60 + (i % 4), back.Ppid);
            Assert.Equal(size, back.Payload.Length);
            Assert.Equal(i, BinaryPrimitives.ReadUInt32BigEndian(back.Payload.Span));
        }
        await client.ShutdownAsync(timeout.Token);
        await echo;
        Assert.Equal(SctpCloseReason.Shutdown, await server.Closed);
    }

    [Fact]
    public async Task Kernel_PeerAborts_AssociationReportedLost()
    {
        Assert.SkipUnless(KernelSctp.IsAvailable(out string reason), reason);
        SctpOptions options = SctpTestEnvironment.Options(udp: false) with { Backend = SctpBackendKind.Kernel };
        await using SctpTransport transport = SctpTransport.Create(options);
        await using SctpListener listener = transport.Listen([SctpTestEnvironment.Loopback(40302)]);
        using CancellationTokenSource timeout = SctpTestEnvironment.Timeout();
        Task<SctpAssociation> accept = listener.AcceptAsync(timeout.Token);
        await using SctpAssociation client = await transport.ConnectAsync(SctpTestEnvironment.Loopback(40302), cancellationToken: timeout.Token);
        await using SctpAssociation server = await accept;
        client.Abort();
        Assert.Equal(SctpCloseReason.Aborted, await client.Closed.WaitAsync(timeout.Token));
        Assert.Equal(SctpCloseReason.Lost, await server.Closed.WaitAsync(timeout.Token));
    }
}
