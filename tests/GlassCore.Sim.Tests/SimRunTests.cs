// The fleet's bookkeeping (issue 7: every UE accounted for; rejects by cause; failures by reason) over a scripted
// in-memory network that speaks real NAS (NetworkPeer), so no N2 is needed here.
using System.Collections.Concurrent;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.Security;
using GlassCore.Sim;

namespace GlassCore.Sim.Tests;

public sealed class SimRunTests
{
    /// <summary>An AMF in miniature: 5G-AKA, SMC, accept; Authentication Reject after #20; releases after de-registration.</summary>
    private sealed class ScriptedRan : IUeRadio
    {
        private readonly ConcurrentDictionary<SimUe, NetworkPeer> _peers = new();
        private uint _tmsi;

        public int Garbage;

        public bool Silent { get; init; }

        public ValueTask RequestReleaseAsync(SimUe ue, CancellationToken ct)
        {
            ue.OnContextReleased();
            return ValueTask.CompletedTask;
        }

        public ValueTask SendGarbageNgapAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct)
        {
            Interlocked.Increment(ref Garbage);
            return ValueTask.CompletedTask;
        }

        public async ValueTask SendInitialUeMessageAsync(SimUe ue, ReadOnlyMemory<byte> nasPdu, CancellationToken ct)
        {
            await Task.Yield();
            if (Silent)
            {
                return;
            }
            var peer = _peers.GetOrAdd(ue, u => new NetworkPeer(Supi(u.Index), NetworkPeer.K1, NetworkPeer.Opc1));
            if ((nasPdu.Span[0] & 0xFF) == NasPdu.FiveGmmDiscriminator && nasPdu.Length > 1 && nasPdu.Span[1] == 0
                && NasMessage.TryDecode(nasPdu, out var m, out _) && m is RegistrationRequest)
            {
                await ue.OnDownlinkNasAsync(peer.AuthenticationRequest(0x40 + ((ulong)ue.Index * 0x20)), ct);
            }
            else if (peer.Nas is not null)
            {
                await HandleAsync(ue, peer, nasPdu, ct);
            }
            else
            {
                // Not a NAS message: the AMF's answer to an undecodable initial message (#111, protocol error).
                await ue.OnDownlinkNasAsync(new RegistrationReject { Cause = OctetValue.Create(111) }.ToArray(), ct);
                ue.OnContextReleased();
            }
        }

        public async ValueTask SendUplinkNasAsync(SimUe ue, ReadOnlyMemory<byte> nasPdu, CancellationToken ct)
        {
            await Task.Yield();
            await HandleAsync(ue, _peers[ue], nasPdu, ct);
        }

        private async ValueTask HandleAsync(SimUe ue, NetworkPeer peer, ReadOnlyMemory<byte> pdu, CancellationToken ct)
        {
            FiveGmmMessage? m = null;
            bool isProtected = pdu.Length > 1 && (pdu.Span[1] & 0x0F) != 0;
            if (!isProtected && NasMessage.TryDecode(pdu, out var plainMessage, out _) && plainMessage is FiveGmmMessage f)
            {
                m = f;
            }
            else if (isProtected && peer.Nas is not null && peer.Nas.Unprotect(pdu.Span, out byte[] plain, out _) == NasSecurityStatus.Ok && NasMessage.TryDecode(plain, out var inner, out _))
            {
                m = inner as FiveGmmMessage;
            }
            switch (m)
            {
                case AuthenticationResponse:
                    await ue.OnDownlinkNasAsync(peer.SecurityModeCommand(UeSecurityCapability.Create(0xF0, 0x70)), ct);
                    break;
                case AuthenticationFailure { Cause.Octet: 20 }:
                    await ue.OnDownlinkNasAsync(new AuthenticationReject().ToArray(), ct);
                    ue.OnContextReleased();
                    break;
                case SecurityModeComplete:
                    await ue.OnDownlinkNasAsync(peer.Protect(new RegistrationAccept
                    {
                        RegistrationResult = FiveGsRegistrationResult.Create(1),
                        Guti = FiveGsMobileIdentity.FromGuti(NetworkPeer.NewGuti(Interlocked.Increment(ref _tmsi))),
                    }), ct);
                    break;
                case DeregistrationRequestUeOriginating:
                    await ue.OnDownlinkNasAsync(peer.Protect(new DeregistrationAcceptUeOriginating()), ct);
                    ue.OnContextReleased();
                    break;
            }
        }
    }

    private static string Supi(int i) => $"imsi-00101{i:D10}";

    private static List<SimUe> Ues(int n, Func<int, UeFault>? fault = null) =>
        [.. Enumerable.Range(0, n).Select(i => new SimUe(i, new UeNas(NetworkPeer.Config(), new Usim(Supi(i), fault?.Invoke(i) == UeFault.WrongK
            ? Convert.FromHexString("00112233445566778899AABBCCDDEEFF") : NetworkPeer.K1, NetworkPeer.Opc1)), fault?.Invoke(i) ?? UeFault.None))];

    [Fact]
    public async Task Run_EveryUeAccountedFor_RejectsByCause()
    {
        var ran = new ScriptedRan();
        var ues = Ues(200, i => i % 10 == 0 ? UeFault.WrongK : i % 10 == 1 ? UeFault.GarbageNas : i % 10 == 2 ? UeFault.GarbageNgap : UeFault.None);
        ues.ForEach(u => u.Radio = ran);
        var report = await new SimRun(ues, 1, new SimOptions { Concurrency = 16, ProcedureTimeout = TimeSpan.FromSeconds(5) }).RunAsync(TestContext.Current.CancellationToken);

        var reg = report.Procedures["registration"];
        Assert.Equal(200, reg.Attempted);
        Assert.Equal(160, reg.Succeeded);
        Assert.Equal(20, reg.RejectedBy["authentication reject"]);
        Assert.Equal(20, reg.RejectedBy["#111"]);
        Assert.Equal(reg.Attempted, reg.Succeeded + reg.Rejected + reg.Failed);
        Assert.Equal(20, ran.Garbage);
        Assert.Equal(160, report.Registered);
        var dereg = report.Procedures["deregistration"];
        Assert.Equal(160, dereg.Attempted);
        Assert.Equal(160, dereg.Succeeded);
        Assert.NotNull(reg.LatencyMs);
        Assert.True(reg.LatencyMs.P50 <= reg.LatencyMs.P99 && reg.LatencyMs.P99 <= reg.LatencyMs.Max);
        Assert.All(ues.Where(u => u.Fault == UeFault.None), u => Assert.Equal(UeGmmState.Deregistered, u.Nas.State));
    }

    [Fact]
    public async Task Run_NoAnswer_CountsTimeouts()
    {
        var ran = new ScriptedRan { Silent = true };
        var ues = Ues(5);
        ues.ForEach(u => u.Radio = ran);
        var report = await new SimRun(ues, 1, new SimOptions { ProcedureTimeout = TimeSpan.FromMilliseconds(50) }).RunAsync(TestContext.Current.CancellationToken);
        Assert.Equal(5, report.Procedures["registration"].FailedBy["timeout"]);
        Assert.Equal(0, report.Registered);
        Assert.False(report.Procedures.ContainsKey("deregistration") && report.Procedures["deregistration"].Attempted > 0);
    }

    [Fact]
    public async Task Run_Cancelled_CountsTheUesNotStarted()
    {
        var ran = new ScriptedRan();
        var ues = Ues(50);
        ues.ForEach(u => u.Radio = ran);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var report = await new SimRun(ues, 1, new SimOptions { Rate = 10 }).RunAsync(cts.Token);
        Assert.Equal(50, report.NotStarted + report.Procedures["registration"].Attempted);
        Assert.Equal(50, report.NotStarted);
    }

    [Fact]
    public void Report_SerialisesWithTheSourceGeneratedContext()
    {
        var rec = new OutcomeRecorder();
        rec.Started();
        rec.Add(new ProcedureOutcome(SimProcedure.Registration, ProcedureResult.Succeeded, "", 4.0));
        rec.Started();
        rec.Add(new ProcedureOutcome(SimProcedure.Registration, ProcedureResult.Rejected, "#7", 1.0));
        var report = new SimReport { Ues = 2, Gnbs = 1, Registered = 1, Procedures = { ["registration"] = rec.Summarise(TimeSpan.FromSeconds(1)) } };
        string json = System.Text.Json.JsonSerializer.Serialize(report, SimReportJson.Default.SimReport);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var reg = doc.RootElement.GetProperty("procedures").GetProperty("registration");
        Assert.Equal(1, reg.GetProperty("rejectedBy").GetProperty("#7").GetInt32());
        Assert.Equal(4.0, reg.GetProperty("latencyMs").GetProperty("p99").GetDouble());
    }

    [Fact]
    public void Summary_CpuPerSuccess_IsTheCpuTimeOverTheSuccessfulRuns()
    {
        var rec = new OutcomeRecorder();
        for (int i = 0; i < 4; i++)
        {
            rec.Started();
            rec.Add(new ProcedureOutcome(SimProcedure.PduSessionEstablishment, ProcedureResult.Succeeded, "", 2.0));
        }
        rec.Started();
        rec.Add(new ProcedureOutcome(SimProcedure.PduSessionEstablishment, ProcedureResult.Rejected, "#27", 1.0));
        // 10 ms of CPU over 4 successes (the reject counts for none).
        ProcedureSummary s = rec.Summarise(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10));
        Assert.Equal(2.5, s.CpuMsPerSuccess);
        string json = System.Text.Json.JsonSerializer.Serialize(new SimReport { Procedures = { ["session establishment"] = s } }, SimReportJson.Default.SimReport);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(2.5, doc.RootElement.GetProperty("procedures").GetProperty("session establishment").GetProperty("cpuMsPerSuccess").GetDouble());

        // Nothing succeeded: no figure rather than infinity; no CPU time measured: none either.
        var none = new OutcomeRecorder();
        none.Started();
        none.Add(new ProcedureOutcome(SimProcedure.PduSessionEstablishment, ProcedureResult.Failed, "timeout", 1.0));
        Assert.Null(none.Summarise(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10)).CpuMsPerSuccess);
        Assert.Null(rec.Summarise(TimeSpan.FromSeconds(1)).CpuMsPerSuccess);
    }
}
