// Issue 7 end to end: simulated gNBs and UEs (GlassCore.Sim) against the core in process over N2 on usrsctp, with
// real 5G-AKA through the AUSF/UDM/UDR, SUCI de-concealment with the core's home network keys, and NAS security.
using System.Collections.Concurrent;
using GlassCore.Amf.Gmm;
using GlassCore.Security;
using GlassCore.Sim;

namespace GlassCore.Sim.Tests;

[Collection(SimCoreCollection.Name)]
public sealed class EndToEndTests(SimCoreFixture core)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ProtectionScheme.Null)]
    [InlineData(ProtectionScheme.ProfileA)]
    [InlineData(ProtectionScheme.ProfileB)]
    public async Task Registration_Suci_Succeeds_WithInitialContextSetupAndAGuti(ProtectionScheme scheme)
    {
        await using var fleet = await core.FleetAsync();
        var ue = Assert.Single(core.NewUes(1, scheme));
        fleet.Place([ue]);
        var outcome = await ue.RegisterAsync(SimCoreFixture.ProcedureTimeout, Ct);
        Assert.True(outcome.Succeeded, $"{outcome.Result} {outcome.Detail}");
        Assert.Equal(UeGmmState.Registered, ue.Nas.State);
        Assert.NotNull(ue.Nas.Guti);
        Assert.Equal(1, ue.ContextSetups);
        Assert.Equal(GmmState.Registered, await AmfStateAsync(ue, GmmState.Registered));
    }

    [Fact]
    public async Task WrongK_AuthenticationReject()
    {
        await using var fleet = await core.FleetAsync();
        var ue = Assert.Single(core.NewUes(1, fault: _ => UeFault.WrongK));
        fleet.Place([ue]);
        var outcome = await ue.RegisterAsync(SimCoreFixture.ProcedureTimeout, Ct);
        Assert.Equal(ProcedureResult.Rejected, outcome.Result);
        Assert.Equal("authentication reject", outcome.Detail);
        Assert.True(ue.Nas.AuthenticationRejected);
        Assert.Equal(20, ue.Nas.LastFailureCause);
    }

    [Fact]
    public async Task StaleSqn_SynchFailure_ReSynchronises_AndRegisters()
    {
        var ladder = new ConcurrentQueue<LadderEntry>();
        await using var fleet = await core.FleetAsync(ladder: ladder.Enqueue);
        var ue = Assert.Single(core.NewUes(1, fault: _ => UeFault.StaleSqn));
        fleet.Place([ue]);
        var outcome = await ue.RegisterAsync(SimCoreFixture.ProcedureTimeout, Ct);
        Assert.True(outcome.Succeeded, $"{outcome.Result} {outcome.Detail}");
        string[] nas = [.. ladder.Where(e => e.Ue == 0 && e.Nas is not null).Select(e => e.Nas!)];
        int failure = Array.IndexOf(nas, "Authentication failure");
        Assert.True(failure > 0, string.Join(", ", nas));
        // A second challenge, answered this time, follows the synch failure.
        Assert.Contains("Authentication response", nas[failure..]);
        Assert.Equal(2, nas.Count(n => n == "Authentication request"));
    }

    [Fact]
    public async Task ReplayedUplinkNas_IsDiscardedByTheAmf_AndTheUeStaysRegistered()
    {
        await using var fleet = await core.FleetAsync();
        var ue = Assert.Single(core.NewUes(1, fault: _ => UeFault.ReplayNas));
        fleet.Place([ue]);
        var outcome = await ue.RegisterAsync(SimCoreFixture.ProcedureTimeout, Ct);
        Assert.True(outcome.Succeeded, $"{outcome.Result} {outcome.Detail}");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (core.Amf.TryGetContext(ue.AmfUeNgapId) is not { DiscardedReplays: 1 } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct);
        }
        var ctx = core.Amf.TryGetContext(ue.AmfUeNgapId);
        Assert.NotNull(ctx);
        Assert.Equal(1, ctx.DiscardedReplays);
        Assert.Equal(GmmState.Registered, ctx.State);
    }

    [Fact]
    public async Task Nia0OnlyUe_IsNotRegistered()
    {
        await using var fleet = await core.FleetAsync();
        var ue = Assert.Single(core.NewUes(1, fault: _ => UeFault.Nia0Only));
        fleet.Place([ue]);
        var outcome = await ue.RegisterAsync(SimCoreFixture.ProcedureTimeout, Ct);
        Assert.False(outcome.Succeeded);
        Assert.NotEqual("timeout", outcome.Detail);
        Assert.NotEqual(UeGmmState.Registered, ue.Nas.State);
        Assert.False(ue.Nas.HasSecurityContext);
    }

    [Fact]
    public async Task GarbageFromOneUe_DoesNotDisturb100OthersRegisteringAtTheSameTime()
    {
        await using var fleet = await core.FleetAsync();
        var ues = core.NewUes(102, fault: i => i == 17 ? UeFault.GarbageNas : i == 60 ? UeFault.GarbageNgap : UeFault.None);
        fleet.Place(ues);
        var report = await new SimRun(ues, 1, new SimOptions { Concurrency = 102, Deregister = false, ProcedureTimeout = SimCoreFixture.ProcedureTimeout }).RunAsync(Ct);
        var reg = report.Procedures["registration"];
        Assert.Equal(102, reg.Attempted);
        // The garbage-NGAP UE's own registration is sound: only the bytes before it were junk.
        Assert.Equal(101, reg.Succeeded);
        Assert.All(ues.Where(u => u.Fault != UeFault.GarbageNas), u => Assert.Equal(UeGmmState.Registered, u.Nas.State));
        Assert.NotEqual(UeGmmState.Registered, ues[17].Nas.State);
        Assert.Equal(0, fleet.Gnbs[0].UndecodableReceived);
    }

    [Fact]
    public async Task TenThousandUes_TwoGnbs_AllRegisterAndDeregister_EveryOneAccountedFor()
    {
        await using var fleet = await core.FleetAsync(gnbs: 2);
        var ues = core.NewUes(10_000, ProtectionScheme.ProfileA);
        fleet.Place(ues);
        var report = await new SimRun(ues, 2, new SimOptions { Concurrency = 256, Deregister = true, ProcedureTimeout = TimeSpan.FromSeconds(120) }).RunAsync(Ct);
        var reg = report.Procedures["registration"];
        Assert.Equal(10_000, reg.Attempted);
        Assert.Equal(reg.Attempted, reg.Succeeded + reg.Rejected + reg.Failed);
        Assert.True(reg.Succeeded == 10_000, $"rejected {string.Join(",", reg.RejectedBy)} failed {string.Join(",", reg.FailedBy)}");
        Assert.Equal(10_000, report.Registered);
        Assert.Equal(0, report.NotStarted);
        Assert.Equal(5_000, ues.Count(u => ReferenceEquals(u.Radio, ues[0].Radio)));

        // The de-registration half: every registered UE left again, and the summary says so.
        var dereg = report.Procedures["deregistration"];
        Assert.Equal(10_000, dereg.Attempted);
        Assert.True(dereg.Succeeded == 10_000, $"rejected {string.Join(",", dereg.RejectedBy)} failed {string.Join(",", dereg.FailedBy)}");
        Assert.Equal(10_000, report.Deregistered);
        Assert.All(ues, u => Assert.Equal(UeGmmState.Deregistered, u.Nas.State));
        Assert.Contains("registered 10000, de-registered again 10000", GlassCore.Cli.Sim.SimCommand.Format(report), StringComparison.Ordinal);
        // … and the AMF holds no context for any of them any more.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (ues.Any(u => core.Amf.TryGetContext(u.AmfUeNgapId) is not null))
        {
            Assert.True(DateTime.UtcNow < deadline, "AMF contexts left after de-registration");
            await Task.Delay(50, Ct);
        }
    }

    private async Task<GmmState?> AmfStateAsync(SimUe ue, GmmState wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (core.Amf.TryGetContext(ue.AmfUeNgapId) is { } ctx && ctx.State == wanted)
            {
                return ctx.State;
            }
            await Task.Delay(20, Ct);
        }
        return core.Amf.TryGetContext(ue.AmfUeNgapId)?.State;
    }
}
