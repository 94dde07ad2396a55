// Issue 7, TS 24.501 §5.4.1.2 and TS 33.501 §6.1.3.1 end to end: a subscriber provisioned with authenticationMethod
// EAP_AKA_PRIME registers over N2 through the real AUSF and UDM (EAP-AKA' challenge relayed by the AMF, EAP-Success
// in the Security Mode Command); a USIM with the wrong K ends in Authentication Reject; a stale SQN re-synchronises
// inside EAP (AKA'-Synchronization-Failure) and registers.
using System.Collections.Concurrent;
using GlassCore.Amf.Gmm;
using GlassCore.Security;
using GlassCore.Udr.Storage;

namespace GlassCore.Sim.Tests;

[Collection(SimCoreCollection.Name)]
public sealed class EapAkaPrimeEndToEndTests(SimCoreFixture core)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Switches the UE's subscriber to EAP-AKA' in the UDR, as `glasscore subscriber add --auth-method EAP_AKA_PRIME` stores it.</summary>
    private async Task<SimUe> EapUeAsync(UeFault fault = UeFault.None)
    {
        var ue = Assert.Single(core.NewUes(1, fault: _ => fault));
        Assert.True(await core.Store.UpdateAsync(new SubscriberRecord
        {
            Supi = ue.Nas.Supi,
            K = SimCoreFixture.Defaults.K,
            Opc = SimCoreFixture.Defaults.Opc,
            Amf = "8000",
            Sqn = "000000000020",
            AuthMethod = "EAP_AKA_PRIME",
            Slices = [new SubscribedSlice { Sst = 1, Dnns = ["internet"] }],
        }, Ct));
        return ue;
    }

    [Fact]
    public async Task EapAkaPrimeSubscriber_RegistersOverN2()
    {
        var ladder = new ConcurrentQueue<LadderEntry>();
        await using var fleet = await core.FleetAsync(ladder: ladder.Enqueue);
        var ue = await EapUeAsync();
        fleet.Place([ue]);
        var outcome = await ue.RegisterAsync(SimCoreFixture.ProcedureTimeout, Ct);
        Assert.True(outcome.Succeeded, $"{outcome.Result} {outcome.Detail}");
        Assert.True(ue.Nas.EapAuthenticated);
        Assert.Equal(EapAkaPrimePacket.SubtypeChallenge, ue.Nas.LastEapSubtype);
        var ctx = core.Amf.TryGetContext(ue.AmfUeNgapId)!;
        Assert.Equal(ue.Nas.Supi, ctx.Supi);
        Assert.Equal(ctx.Guti, ue.Nas.Guti);
        string[] nas = [.. ladder.Where(e => e.Nas is not null).Select(e => e.Nas!)];
        Assert.Equal(1, nas.Count(n => n == "Authentication request"));
        Assert.Contains("Security mode complete", nas);
        Assert.Contains("Registration complete", nas);
        Assert.True((await ue.DeregisterAsync(SimCoreFixture.ProcedureTimeout, Ct)).Succeeded);
    }

    [Fact]
    public async Task EapAkaPrimeSubscriber_WrongK_AuthenticationReject()
    {
        await using var fleet = await core.FleetAsync();
        var ue = await EapUeAsync(UeFault.WrongK);
        fleet.Place([ue]);
        var outcome = await ue.RegisterAsync(SimCoreFixture.ProcedureTimeout, Ct);
        Assert.Equal(ProcedureResult.Rejected, outcome.Result);
        Assert.True(ue.Nas.AuthenticationRejected);
        Assert.Equal(EapAkaPrimePacket.SubtypeAuthenticationReject, ue.Nas.LastEapSubtype);
        Assert.False(ue.Nas.EapAuthenticated);
    }

    [Fact]
    public async Task EapAkaPrimeSubscriber_StaleSqn_ResynchronisesInsideEap_AndRegisters()
    {
        var ladder = new ConcurrentQueue<LadderEntry>();
        await using var fleet = await core.FleetAsync(ladder: ladder.Enqueue);
        var ue = await EapUeAsync(UeFault.StaleSqn);
        fleet.Place([ue]);
        var outcome = await ue.RegisterAsync(SimCoreFixture.ProcedureTimeout, Ct);
        Assert.True(outcome.Succeeded, $"{outcome.Result} {outcome.Detail}");
        Assert.True(ue.Nas.EapAuthenticated);
        string[] nas = [.. ladder.Where(e => e.Nas is not null).Select(e => e.Nas!)];
        // The synchronisation failure travels inside EAP in an Authentication response; a second challenge follows.
        Assert.DoesNotContain("Authentication failure", nas);
        Assert.Equal(2, nas.Count(n => n == "Authentication request"));
        Assert.Equal(2, nas.Count(n => n == "Authentication response"));
    }
}
