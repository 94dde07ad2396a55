// TS 38.412 §7 on the wire: a loopback capture of N2 between two GlassCore ends, dissected by tshark (independent decoder).
using GlassCore.Sctp;
using GlassCore.Sctp.N2;
using GlassCore.TestSupport;

namespace GlassCore.Sctp.Tests;

[Collection(UsrsctpCollection.Name)]
public sealed class N2CaptureTests
{
    [Fact]
    public async Task NgSetupRequest_OverRawIp_CapturedAsSctpPpid60AndNgap_NothingMalformed()
    {
        SctpTestEnvironment.RequireUsrsctp(udp: false);
        Assert.SkipUnless(Tshark.IsAvailable, "tshark is not installed");
        string pcap = Path.Combine(Path.GetTempPath(), $"glasscore-n2-{Guid.NewGuid():N}.pcapng");
        string live = string.Empty;
        try
        {
            using CancellationTokenSource timeout = SctpTestEnvironment.Timeout();
            using (BackgroundProcess capture = BackgroundProcess.Start("tshark", ["-i", "lo", "-f", "sctp", "-w", pcap, "-P", "-l"]))
            {
                await using SctpTransport transport = SctpTransport.Create(SctpTestEnvironment.Options(udp: false));

                // dumpcap says "Capturing on" before its filter is attached; a throwaway association on another
                // port shows when packets really get captured.
                await using (SctpListener probe = transport.Listen([SctpTestEnvironment.Loopback(38498)]))
                {
                    while (!capture.Output.Contains("COOKIE_ACK", StringComparison.Ordinal))
                    {
                        Task<SctpAssociation> accepted = probe.AcceptAsync(timeout.Token);
                        await using SctpAssociation probeClient = await transport.ConnectAsync(SctpTestEnvironment.Loopback(38498), cancellationToken: timeout.Token);
                        await using SctpAssociation probeServer = await accepted;
                        await capture.WaitForOutputAsync(o => o.Contains("COOKIE_ACK", StringComparison.Ordinal), TimeSpan.FromSeconds(1), timeout.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                    }
                }

                await using var amf = new N2Server(transport, new N2Options { ListenAddresses = [SctpTestEnvironment.Loopback(N2Constants.SctpPort)] });
                amf.Start();
                var gnb = new N2Client(transport, new N2Options { AmfAddress = SctpTestEnvironment.Loopback(N2Constants.SctpPort) });
                using var stopGnb = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
                Task run = gnb.RunAsync(stopGnb.Token);
                Assert.IsType<N2AssociationUp>(await gnb.Events.ReadAsync(timeout.Token));
                Assert.IsType<N2AssociationUp>(await amf.Events.ReadAsync(timeout.Token));
                byte[] ngSetup = N2TransportTests.NgSetupRequest();
                await gnb.Current!.SendNonUeAsync(ngSetup, timeout.Token);
                N2MessageReceived received = Assert.IsType<N2MessageReceived>(await amf.Events.ReadAsync(timeout.Token));
                Assert.Equal(ngSetup, received.Pdu.ToArray());
                await gnb.Current!.Sctp.ShutdownAsync(timeout.Token);
                Assert.IsType<N2AssociationDown>(await amf.Events.ReadAsync(timeout.Token));
                await stopGnb.CancelAsync();
                await run;

                // Packets reach dumpcap in blocks; stop only once the end of the association has been seen live.
                await capture.WaitForLineAsync("SHUTDOWN_COMPLETE", SctpTestEnvironment.Patience);
                capture.Interrupt();
                await capture.WaitForExitAsync(SctpTestEnvironment.Patience);
                live = capture.Output;
            }

            // One line per DATA-carrying packet: PPID, NGAP procedure code, malformed marker, checksum status.
            string fields = Tshark.Run(["-r", pcap, "-o", "sctp.checksum:CRC 32c", "-Y", "sctp.port == 38412 && sctp.data_payload_proto_id",
                "-T", "fields", "-E", "separator=|", "-e", "sctp.data_payload_proto_id", "-e", "sctp.data_sid", "-e", "ngap.procedureCode", "-e", "_ws.malformed", "-e", "sctp.checksum.status"]);
            string[] rows = fields.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(rows.Length == 1, $"expected one NGAP DATA packet in {fields}; tshark saw:\n{live}");
            string row = rows[0];
            string[] cells = row.Split('|');
            Assert.Equal("60", cells[0]);
            Assert.Equal("0x0000", cells[1]);
            Assert.Equal("21", cells[2]); // id-NGSetup (TS 38.413 §9.4.7)
            Assert.Equal(string.Empty, cells[3]);
            Assert.Equal("1", cells[4]); // checksum verified good (CRC32c on loopback too)

            // The whole association, INIT to SHUTDOWN COMPLETE: no malformed packet, every checksum good.
            string all = Tshark.Run(["-r", pcap, "-o", "sctp.checksum:CRC 32c", "-Y", "sctp.port == 38412", "-T", "fields", "-e", "sctp.chunk_type", "-e", "_ws.malformed", "-e", "sctp.checksum.status"]);
            string[] packets = all.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(packets.Any(p => p.StartsWith("1\t", StringComparison.Ordinal)), "no INIT in:\n" + all);
            Assert.True(packets.Any(p => p.Split('\t')[0].Split(',').Contains("14")), "no SHUTDOWN COMPLETE in:\n" + all);
            Assert.All(packets, p =>
            {
                string[] c = p.Split('\t');
                Assert.Equal(string.Empty, c[1]);
                Assert.Equal("1", c[2]);
            });
        }
        finally
        {
            File.Delete(pcap);
        }
    }
}
