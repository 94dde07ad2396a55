// Issue 7 §Tests: a loopback capture of a `glasscore demo` run with NEA0 (so tshark can read the NAS after Security
// Mode), dissected by tshark: every NGAP and NAS message dissects without a malformed packet, and the registration
// ladder is there for both UEs. N2 is usrsctp over UDP (RFC 6951) on a port of the test's, decoded as SCTP.
using System.Diagnostics;
using GlassCore.TestSupport;

namespace GlassCore.Cli.Tests;

public sealed class DemoCaptureTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gc-demo-cap-" + Guid.NewGuid().ToString("N"));

    public DemoCaptureTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Demo_Nea0_LoopbackCapture_EveryNgapAndNasMessageDissects_RegistrationLadder()
    {
        Assert.True(Tshark.IsAvailable, "tshark is required (./test.sh installs it)");
        CancellationToken ct = TestContext.Current.CancellationToken;
        int udp = CoreFixture.FreePort();
        int n2 = CoreFixture.FreePort();
        File.WriteAllText(Path.Combine(_dir, "demo.yaml"),
            $"dataDir: {_dir}/data\nsbi:\n  listen: http://127.0.0.1:{CoreFixture.FreePort()}\nsmf:\n  pfcpListen: 127.0.0.1:0\namf:\n  cipheringOrder: [NEA0]\n");
        string pcap = Path.Combine(_dir, "demo.pcapng");
        string live;
        using (BackgroundProcess capture = BackgroundProcess.Start("tshark", ["-i", "lo", "-f", $"udp port {udp}", "-w", pcap, "-P", "-l", "-d", $"udp.port=={udp},sctp"]))
        {
            await capture.WaitForOutputAsync(o => o.Contains("Capturing on", StringComparison.Ordinal), TimeSpan.FromSeconds(60), ct);
            // dumpcap attaches its filter a moment after it says so; the demo's first packets (INIT) come after the core started.
            var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in (string[])[Path.Combine(AppContext.BaseDirectory, "glasscore.dll"), "demo", "--config", "demo.yaml", "--sctp-udp-port", udp.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--n2", $"127.0.0.1:{n2}", "--sessions", "false"])
            {
                psi.ArgumentList.Add(a);
            }
            using Process demo = Process.Start(psi)!;
            Task<string> stdout = demo.StandardOutput.ReadToEndAsync(ct);
            Task<string> stderr = demo.StandardError.ReadToEndAsync(ct);
            await demo.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(3), ct);
            string output = await stdout + await stderr;
            Assert.True(demo.ExitCode == 0, "demo failed: " + output);
            // The association ends with SHUTDOWN COMPLETE when the demo stops; wait for it in the live output.
            await capture.WaitForOutputAsync(o => o.Contains("SHUTDOWN_COMPLETE", StringComparison.Ordinal) || o.Contains("ABORT", StringComparison.Ordinal), TimeSpan.FromSeconds(30), ct)
                .ContinueWith(_ => { }, TaskScheduler.Default);
            capture.Interrupt();
            await capture.WaitForExitAsync(TimeSpan.FromSeconds(30));
            live = capture.Output;
        }

        string[] options = ["-o", "sctp.checksum:CRC 32c", "-o", "nas-5gs.null_decipher:TRUE", "-d", $"udp.port=={udp},sctp"];
        string fields = Tshark.Run(["-r", pcap, .. options, "-Y", "ngap", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,", "-E", "separator=|",
            "-e", "_ws.malformed", "-e", "ngap.procedureCode", "-e", "nas_5gs.mm.message_type", "-e", "ngap.RAN_UE_NGAP_ID", "-e", "_ws.expert.severity"]);
        string[] rows = fields.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(rows.Length > 0, "no NGAP in the capture; tshark saw:\n" + live);
        Assert.All(rows, r => Assert.True(r.Split('|')[0].Length == 0, "malformed: " + r));
        // Nothing anywhere in the capture is malformed (SCTP control chunks included).
        string malformed = Tshark.Run(["-r", pcap, .. options, "-Y", "_ws.malformed", "-T", "fields", "-e", "frame.number"]);
        Assert.True(malformed.Trim().Length == 0, "malformed frames: " + malformed);

        // NG Setup first, then per UE (RAN-UE-NGAP-ID) the 5GMM ladder of TS 23.502 §4.2.2.2.2.
        Assert.Equal("21", rows[0].Split('|')[1]);
        // 5GMM message types (TS 24.501 §9.7): 0x41 Registration request, 0x56 Authentication request,
        // 0x57 Authentication response, 0x5d Security mode command, 0x5e Security mode complete, 0x42 Registration
        // accept, 0x43 Registration complete.
        var perUe = rows.Skip(1).Select(r => r.Split('|')).Where(c => c[3].Length > 0).GroupBy(c => c[3]).ToList();
        Assert.Equal(2, perUe.Count);
        foreach (var ue in perUe)
        {
            var ladder = ue.Select(c => (Procedure: c[1], Nas: c[2])).Where(x => x.Nas.Length > 0).ToList();
            string[] nas = [.. ladder.SelectMany(x => x.Nas.Split(','))];
            // Security Mode Complete carries the full Registration Request in its NAS message container (0x41 again).
            Assert.Equal(["0x41", "0x56", "0x57", "0x5d", "0x5e", "0x41", "0x42", "0x43"], nas.Take(8));
            // Registration Accept rides in Initial Context Setup Request (procedure code 14).
            Assert.Contains(ladder, x => x.Procedure == "14" && x.Nas.Contains("0x42", StringComparison.Ordinal));
        }
    }
}
