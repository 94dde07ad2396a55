// TS 38.412 §7: N2 over SCTP — PPID 60, non-UE-associated signalling on stream 0, one stream per UE,
// the gNB connecting with back-off and reconnecting after the association is lost.
using System.Net;
using System.Text.Json;
using GlassCore.Sctp;
using GlassCore.Sctp.N2;
using GlassCore.TestSupport;

namespace GlassCore.Sctp.Tests;

[Collection(UsrsctpCollection.Name)]
public sealed class N2TransportTests
{
    internal static byte[] NgSetupRequest()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(SharedData.Captures("hex_messages.json")));
        JsonElement message = doc.RootElement.EnumerateArray().First(m =>
            m.GetProperty("protocol").GetString() == "ngap" && m.GetProperty("name").GetString()!.StartsWith("NGSetupRequest", StringComparison.Ordinal));
        return Convert.FromHexString(message.GetProperty("hex").GetString()!);
    }

    private static async Task<T> NextAsync<T>(N2Server server, CancellationToken cancellationToken)
        where T : N2Event => Assert.IsType<T>(await server.Events.ReadAsync(cancellationToken));

    private static async Task<T> NextAsync<T>(N2Client client, CancellationToken cancellationToken)
        where T : N2Event => Assert.IsType<T>(await client.Events.ReadAsync(cancellationToken));

    [Fact]
    public async Task GnbStartsFirst_ConnectsWithBackoff_NgSetupOnStream0_UeSignallingOnItsOwnStream()
    {
        SctpTestEnvironment.RequireUsrsctp(udp: true);
        SctpOptions gnbOptions = SctpTestEnvironment.Options(udp: true) with { MaxInitRetransmissions = 1 };
        await using SctpTransport gnbTransport = SctpTransport.Create(gnbOptions);
        await using SctpTransport amfTransport = SctpTransport.Create(SctpTestEnvironment.Options(udp: true));
        using CancellationTokenSource timeout = SctpTestEnvironment.Timeout();
        var gnbLog = new ListLogger();
        var client = new N2Client(gnbTransport, new N2Options
        {
            AmfAddress = SctpTestEnvironment.Loopback(40401),
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(400),
        }, gnbLog);
        Task run = client.RunAsync(timeout.Token);

        // Nobody listens yet: the gNB's INITs go unanswered and it backs off.
        await gnbLog.WaitForAsync(l => l.StartsWith("N2 connect to", StringComparison.Ordinal), timeout.Token);
        await using var server = new N2Server(amfTransport, new N2Options { ListenAddresses = [SctpTestEnvironment.Loopback(40401)] });
        server.Start();

        N2Association amfSide = (await NextAsync<N2AssociationUp>(server, timeout.Token)).Association;
        N2Association gnbSide = (await NextAsync<N2AssociationUp>(client, timeout.Token)).Association;
        Assert.True(gnbSide.Sctp.OutboundStreams >= 2);

        byte[] ngSetup = NgSetupRequest();
        await gnbSide.SendNonUeAsync(ngSetup, timeout.Token);
        N2MessageReceived setup = await NextAsync<N2MessageReceived>(server, timeout.Token);
        Assert.Same(amfSide, setup.Association);
        Assert.True(setup.IsNonUeAssociated);
        Assert.Equal(ngSetup, setup.Pdu.ToArray());

        // UE-associated: one stream per UE, never stream 0, the same for every message of that UE.
        for (ulong ue = 1; ue <= 40; ue++)
        {
            ushort stream = amfSide.StreamForUe(ue);
            Assert.InRange(stream, 1, amfSide.Sctp.OutboundStreams - 1);
            await amfSide.SendUeAsync(ue, BitConverter.GetBytes(ue), timeout.Token);
            await amfSide.SendUeAsync(ue, BitConverter.GetBytes(ue + 1000), timeout.Token);
            N2MessageReceived a = await NextAsync<N2MessageReceived>(client, timeout.Token);
            N2MessageReceived b = await NextAsync<N2MessageReceived>(client, timeout.Token);
            Assert.Equal(stream, a.Stream);
            Assert.Equal(stream, b.Stream);
            Assert.False(a.IsNonUeAssociated);
            Assert.Equal(ue, BitConverter.ToUInt64(a.Pdu.Span));
            Assert.Equal(ue + 1000, BitConverter.ToUInt64(b.Pdu.Span));
        }
        Assert.Equal(40, Enumerable.Range(1, 40).Select(u => amfSide.StreamForUe((ulong)u)).Count());

        await timeout.CancelAsync();
        await run;
    }

    [Fact]
    public async Task MessageWithOtherPpid_Dropped_NgapAfterItStillDelivered()
    {
        SctpTestEnvironment.RequireUsrsctp(udp: true);
        await using SctpTransport transport = SctpTransport.Create(SctpTestEnvironment.Options(udp: true));
        using CancellationTokenSource timeout = SctpTestEnvironment.Timeout();
        await using var server = new N2Server(transport, new N2Options { ListenAddresses = [SctpTestEnvironment.Loopback(40402)] });
        server.Start();
        await using SctpAssociation gnb = await transport.ConnectAsync(SctpTestEnvironment.Loopback(40402), cancellationToken: timeout.Token);
        N2Association amfSide = (await NextAsync<N2AssociationUp>(server, timeout.Token)).Association;

        await gnb.SendAsync(new byte[] { 1, 2, 3 }, 0, 18 /* S1AP's PPID */, timeout.Token);
        await gnb.SendAsync(NgSetupRequest(), 0, N2Constants.NgapPpid, timeout.Token);
        N2MessageReceived m = await NextAsync<N2MessageReceived>(server, timeout.Token);
        Assert.Equal(NgSetupRequest(), m.Pdu.ToArray());
        Assert.Equal(1, amfSide.DroppedMessages);
    }

    [Fact]
    public async Task AssociationLost_AmfSeesItDown_GnbReconnectsAsANewAssociation()
    {
        SctpTestEnvironment.RequireUsrsctp(udp: true);
        await using SctpTransport transport = SctpTransport.Create(SctpTestEnvironment.Options(udp: true));
        using CancellationTokenSource timeout = SctpTestEnvironment.Timeout();
        await using var server = new N2Server(transport, new N2Options { ListenAddresses = [SctpTestEnvironment.Loopback(40403)] });
        server.Start();
        var client = new N2Client(transport, new N2Options
        {
            AmfAddress = SctpTestEnvironment.Loopback(40403),
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
        });
        Task run = client.RunAsync(timeout.Token);
        N2Association first = (await NextAsync<N2AssociationUp>(server, timeout.Token)).Association;
        N2Association gnbFirst = (await NextAsync<N2AssociationUp>(client, timeout.Token)).Association;
        Assert.Contains(first, server.Associations);

        // The AMF side aborts; both owners hear about it, and the gNB sets up a new association.
        first.Sctp.Abort();
        N2AssociationDown down = await NextAsync<N2AssociationDown>(server, timeout.Token);
        Assert.Same(first, down.Association);
        Assert.Equal(SctpCloseReason.Aborted, down.Reason);
        N2AssociationDown gnbDown = await NextAsync<N2AssociationDown>(client, timeout.Token);
        Assert.Same(gnbFirst, gnbDown.Association);
        Assert.Equal(SctpCloseReason.Lost, gnbDown.Reason);

        N2Association second = (await NextAsync<N2AssociationUp>(server, timeout.Token)).Association;
        N2Association gnbSecond = (await NextAsync<N2AssociationUp>(client, timeout.Token)).Association;
        Assert.NotEqual(first.Id, second.Id);
        Assert.DoesNotContain(first, server.Associations);
        await gnbSecond.SendNonUeAsync(NgSetupRequest(), timeout.Token);
        Assert.Same(second, (await NextAsync<N2MessageReceived>(server, timeout.Token)).Association);

        await timeout.CancelAsync();
        await run;
    }
}
