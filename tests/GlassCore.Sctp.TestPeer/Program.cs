// Child-process SCTP peer for GlassCore.Sctp.Tests (RFC 9260 failure detection and restart need a peer that can die).
// Usage: echo <udpLocal> <udpRemote> <listenPort>
//        flood <udpLocal> <udpRemote> <remotePort> <localPort>
using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using GlassCore.Sctp;

string mode = args[0];
int udpLocal = int.Parse(args[1], CultureInfo.InvariantCulture);
int udpRemote = int.Parse(args[2], CultureInfo.InvariantCulture);
var options = new SctpOptions
{
    Backend = SctpBackendKind.Usrsctp,
    UdpEncapsulationPort = udpLocal,
    RemoteUdpEncapsulationPort = udpRemote,
    HeartbeatInterval = TimeSpan.FromMilliseconds(500),
    RtoInitial = TimeSpan.FromMilliseconds(200),
    RtoMin = TimeSpan.FromMilliseconds(100),
    RtoMax = TimeSpan.FromMilliseconds(500),
    MaxRetransmissions = 3,
};
await using SctpTransport transport = SctpTransport.Create(options);
if (mode == "echo")
{
    await using SctpListener listener = transport.Listen([new IPEndPoint(IPAddress.Loopback, int.Parse(args[3], CultureInfo.InvariantCulture))]);
    Console.WriteLine("listening");
    while (true)
    {
        SctpAssociation association = await listener.AcceptAsync();
        _ = Task.Run(async () =>
        {
            await foreach (SctpMessage m in association.Inbound.ReadAllAsync())
            {
                await association.SendAsync(m.Payload, m.Stream, m.Ppid);
            }
        });
    }
}
else
{
    var remote = new IPEndPoint(IPAddress.Loopback, int.Parse(args[3], CultureInfo.InvariantCulture));
    var local = new IPEndPoint(IPAddress.Loopback, int.Parse(args[4], CultureInfo.InvariantCulture));
    SctpAssociation association = await transport.ConnectAsync(remote, local);
    Console.WriteLine("up");
    byte[] payload = new byte[200];
    // Bytes 4..8 name this incarnation, so a test can tell a restarted peer's messages from the old one's.
    BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(4), Environment.ProcessId);
    for (uint seq = 0; ; seq++)
    {
        BinaryPrimitives.WriteUInt32BigEndian(payload, seq);
        await association.SendAsync(payload, 1, 60);
        if (seq % 64 == 0)
        {
            await Task.Delay(1);
        }
    }
}
