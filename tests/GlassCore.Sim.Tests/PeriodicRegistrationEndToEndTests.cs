// Issue 7, TS 24.501 §5.3.7 and §5.5.1.3 end to end: `glasscore sim --periodic`: each registered UE takes T3512 from
// its Registration Accept (GPRS timer 3, here the fixture's short AMF setting), goes to 5GMM-IDLE and on expiry does
// periodic registration updating, which the AMF accepts from its context (Registration Accept in Initial Context Setup).
using GlassCore.Amf.Gmm;

namespace GlassCore.Sim.Tests;

[Collection(SimCoreCollection.Name)]
public sealed class PeriodicRegistrationEndToEndTests(SimCoreFixture core)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SimRun_Periodic_T3512FromAccept_PeriodicRegistrationUpdatingAccepted()
    {
        await using var fleet = await core.FleetAsync();
        var ues = core.NewUes(2);
        fleet.Place(ues);
        var run = new SimRun(ues, 1, new SimOptions { PeriodicRegistration = true, Deregister = false, ProcedureTimeout = SimCoreFixture.ProcedureTimeout });

        var report = await run.RunAsync(Ct);

        Assert.Equal(2, report.Registered);
        var periodic = report.Procedures["periodic registration"];
        Assert.Equal(2, periodic.Succeeded);
        foreach (var ue in ues)
        {
            Assert.Equal(TimeSpan.FromSeconds(SimCoreFixture.T3512Seconds), ue.Nas.T3512);
            Assert.Equal(UeGmmState.Registered, ue.Nas.State);
            var ctx = core.Amf.TryGetContext(ue.AmfUeNgapId)!;
            Assert.Equal(1, ctx.RegistrationUpdates);
            Assert.Equal(ctx.Guti, ue.Nas.Guti);
            await N1Wait(() => core.Amf.TryGetContext(ue.AmfUeNgapId) is { State: GmmState.Registered }, "REGISTERED after the update");
            Assert.True((await ue.DeregisterAsync(SimCoreFixture.ProcedureTimeout, Ct)).Succeeded);
        }
    }

    private static async Task N1Wait(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(20, Ct);
        }
    }
}
