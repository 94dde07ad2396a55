// RFC 9260 interoperability against an independent SCTP stack: usrsctp's example programs (libusrsctp-examples)
// as the peer, over raw IP and over UDP encapsulation (RFC 6951).
using System.Buffers.Binary;
using System.Text.RegularExpressions;
using GlassCore.Sctp;
using GlassCore.TestSupport;

namespace GlassCore.Sctp.Tests;

[Collection(UsrsctpCollection.Name)]
public sealed partial class UsrsctpExampleInteropTests
{
    private static string[] EchoServerArgs(bool udp) =>
        udp ? [SctpTestEnvironment.EchoServerUdpPort.ToString(), SctpTestEnvironment.OurUdpPort.ToString()] : ["0"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Connect_ToEchoServer_SmallMessagesEchoedOnTheirStreamWithTheirPpid(bool udp)
    {
        SctpTestEnvironment.RequireUsrsctp(udp, programs: true);
        using BackgroundProcess peer = SctpTestEnvironment.StartProgram("echo_server", EchoServerArgs(udp));
        await using SctpTransport transport = SctpTransport.Create(SctpTestEnvironment.Options(udp, SctpTestEnvironment.EchoServerUdpPort));
        using var timeout = SctpTestEnvironment.Timeout();
        await using SctpAssociation association = await transport.ConnectAsync(SctpTestEnvironment.Loopback(7), cancellationToken: timeout.Token);

        ushort streams = Math.Min(association.OutboundStreams, association.InboundStreams);
        Assert.True(streams >= 2, $"echo_server agreed {streams} streams");
        int[] sizes = [1, 2, 17, 200, 1000, 1452, 4000, 9000];
        for (int i = 0; i < 40; i++)
        {
            byte[] payload = new byte[sizes[i % sizes.Length]];
            Random.Shared.NextBytes(payload);
            ushort stream = (ushort)(i % streams);
            uint ppid = (uint)(1000 + i);
            await association.SendAsync(payload, stream, ppid, timeout.Token);
            SctpMessage echo = await association.ReceiveAsync(timeout.Token);
            Assert.Equal(stream, echo.Stream);
            Assert.Equal(ppid, echo.Ppid);
            Assert.Equal(payload, echo.Payload.ToArray());
        }
        await association.ShutdownAsync(timeout.Token);
        Assert.Equal(SctpCloseReason.Shutdown, await association.Closed);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Connect_ToEchoServer_TenThousandMessagesComeBackInOrder(bool udp)
    {
        SctpTestEnvironment.RequireUsrsctp(udp, programs: true);
        using BackgroundProcess peer = SctpTestEnvironment.StartProgram("echo_server", EchoServerArgs(udp));
        await using SctpTransport transport = SctpTransport.Create(SctpTestEnvironment.Options(udp, SctpTestEnvironment.EchoServerUdpPort));
        using var timeout = SctpTestEnvironment.Timeout();
        await using SctpAssociation association = await transport.ConnectAsync(SctpTestEnvironment.Loopback(7), cancellationToken: timeout.Token);

        const int Count = 10_000;
        Task sender = Task.Run(async () =>
        {
            byte[] payload = new byte[64];
            for (uint i = 0; i < Count; i++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(payload, i);
                await association.SendAsync(payload, 1, 60, timeout.Token);
            }
        }, timeout.Token);
        for (uint expected = 0; expected < Count; expected++)
        {
            SctpMessage echo = await association.ReceiveAsync(timeout.Token);
            Assert.Equal(64, echo.Payload.Length);
            Assert.Equal(expected, BinaryPrimitives.ReadUInt32BigEndian(echo.Payload.Span));
        }
        await sender;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Connect_ToDiscardServer_64KiBMessagesArriveWhole(bool udp)
    {
        SctpTestEnvironment.RequireUsrsctp(udp, programs: true);
        using BackgroundProcess peer = SctpTestEnvironment.StartProgram("discard_server", EchoServerArgs(udp));
        await using SctpTransport transport = SctpTransport.Create(SctpTestEnvironment.Options(udp, SctpTestEnvironment.EchoServerUdpPort));
        using var timeout = SctpTestEnvironment.Timeout();
        await using SctpAssociation association = await transport.ConnectAsync(SctpTestEnvironment.Loopback(9), cancellationToken: timeout.Token);

        const int Messages = 8;
        for (int i = 0; i < Messages; i++)
        {
            await association.SendAsync(new byte[64 * 1024], (ushort)(i % 2), 60, timeout.Token);
        }
        // discard_server reads 10240 bytes at a time and prints each piece; "complete 1" marks a message's end.
        await peer.WaitForOutputAsync(o => CompleteLine().Matches(o).Count(m => m.Groups[2].Value == "1") >= Messages, SctpTestEnvironment.Patience, timeout.Token);
        var lengths = new List<long>();
        long current = 0;
        foreach (Match m in CompleteLine().Matches(peer.Output))
        {
            current += long.Parse(m.Groups[1].Value);
            if (m.Groups[2].Value == "1")
            {
                lengths.Add(current);
                current = 0;
            }
        }
        Assert.Equal(Enumerable.Repeat(64L * 1024, Messages), lengths);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClientProgram_ConnectsToGlassCore_LinesEchoedBack(bool udp)
    {
        SctpTestEnvironment.RequireUsrsctp(udp, programs: true);
        await using SctpTransport transport = SctpTransport.Create(SctpTestEnvironment.Options(udp, SctpTestEnvironment.ClientProgramUdpPort));
        await using SctpListener listener = transport.Listen([SctpTestEnvironment.Loopback(40101)]);
        using BackgroundProcess client = SctpTestEnvironment.StartProgram("client",
            udp ? ["127.0.0.1", "40101", "0", SctpTestEnvironment.ClientProgramUdpPort.ToString(), SctpTestEnvironment.OurUdpPort.ToString()] : ["127.0.0.1", "40101", "0", "0"]);
        using var timeout = SctpTestEnvironment.Timeout();
        await using SctpAssociation association = await listener.AcceptAsync(timeout.Token);
        Task echo = Task.Run(async () =>
        {
            await foreach (SctpMessage m in association.Inbound.ReadAllAsync(timeout.Token))
            {
                await association.SendAsync(m.Payload, m.Stream, m.Ppid, timeout.Token);
            }
        }, timeout.Token);
        string[] lines = [.. Enumerable.Range(0, 20).Select(i => $"line {i:D2} from the usrsctp client")];
        foreach (string line in lines)
        {
            await client.Input.WriteLineAsync(line.AsMemory(), timeout.Token);
            await client.Input.FlushAsync(timeout.Token);
            await client.WaitForLineAsync(line, SctpTestEnvironment.Patience);
        }
        string output = client.Output;
        int[] positions = [.. lines.Select(l => output.IndexOf(l, StringComparison.Ordinal))];
        Assert.All(positions, p => Assert.True(p >= 0));
        Assert.Equal(positions.Order(), positions);
        // stdin closed: the client shuts the association down (SHUTDOWN, RFC 9260 §9.2) and exits.
        client.Input.Close();
        Assert.Equal(SctpCloseReason.Shutdown, await association.Closed.WaitAsync(timeout.Token));
        await echo;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TsctpClient_Sends64KiBMessages_GlassCoreReceivesThemWhole(bool udp)
    {
        SctpTestEnvironment.RequireUsrsctp(udp, programs: true);
        await using SctpTransport transport = SctpTransport.Create(SctpTestEnvironment.Options(udp, SctpTestEnvironment.TsctpUdpPort));
        await using SctpListener listener = transport.Listen([SctpTestEnvironment.Loopback(40102)]);
        const int Messages = 20;
        string[] args = udp
            ? ["-l", "65536", "-n", Messages.ToString(), "-p", "40102", "-E", SctpTestEnvironment.TsctpUdpPort.ToString(), "-U", SctpTestEnvironment.OurUdpPort.ToString(), "127.0.0.1"]
            : ["-l", "65536", "-n", Messages.ToString(), "-p", "40102", "-E", "0", "127.0.0.1"];
        using BackgroundProcess tsctp = SctpTestEnvironment.StartProgram("tsctp", args);
        using var timeout = SctpTestEnvironment.Timeout();
        await using SctpAssociation association = await listener.AcceptAsync(timeout.Token);
        for (int i = 0; i < Messages; i++)
        {
            SctpMessage m = await association.ReceiveAsync(timeout.Token);
            Assert.Equal(65536, m.Payload.Length);
        }
        Assert.Equal(SctpCloseReason.Shutdown, await association.Closed.WaitAsync(timeout.Token));
    }

    [GeneratedRegex(@"Msg of length (\d+) received .* complete (\d)")]
    private static partial Regex CompleteLine();
}
