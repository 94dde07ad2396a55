// Issue 7 end to end, the 5GMM procedures after the first registration: UE-initiated de-registration (§5.5.2.2),
// registration with a 5G-GUTI the AMF no longer knows (identification, §5.4.3) and one it knows (§5.5.1.2.4,
// §5.5.1.3 mobility and periodic updating), service request after UE context release (§5.6.1), network-initiated
// de-registration (§5.5.2.3) and configuration update (§5.4.4), simulated gNB and UEs against the core over usrsctp.
using System.Collections.Concurrent;
using GlassCore.Amf.Gmm;
using GlassCore.Nas.Ies;
using GlassCore.Security;
using GlassCore.Sim;

namespace GlassCore.Sim.Tests;

[Collection(SimCoreCollection.Name)]
public sealed class GmmEndToEndTests(SimCoreFixture core)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Registers the UE and waits until the AMF has its Registration Complete too (the UE finishes on sending it).</summary>
    private async Task RegisteredAsync(SimUe ue)
    {
        var outcome = await ue.RegisterAsync(SimCoreFixture.ProcedureTimeout, Ct);
        Assert.True(outcome.Succeeded, $"{outcome.Result} {outcome.Detail}");
        long id = ue.AmfUeNgapId;
        await WaitUntilAsync(() => core.Amf.TryGetContext(id) is { State: GmmState.Registered }, "REGISTERED at the AMF");
    }

    /// <summary>A gNB (disposed with this) and one fresh UE on it, registered; <see cref="Id"/> is its AMF-UE-NGAP-ID.</summary>
    private sealed record Registered(GnbFleet Fleet, SimUe Ue, long Id) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Fleet.DisposeAsync();
    }

    /// <summary>The setup most tests here share: one gNB, one fresh UE, registered (REGISTERED at the AMF too).</summary>
    private async Task<Registered> RegisteredUeAsync(ConcurrentQueue<LadderEntry>? ladder = null)
    {
        GnbFleet fleet = await core.FleetAsync(ladder: ladder is null ? null : ladder.Enqueue);
        var ue = Assert.Single(core.NewUes(1));
        fleet.Place([ue]);
        await RegisteredAsync(ue);
        return new Registered(fleet, ue, ue.AmfUeNgapId);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(20, Ct);
        }
    }

    private static string[] NasLadder(ConcurrentQueue<LadderEntry> ladder, int from = 0) =>
        [.. ladder.Where(e => e.Ue == 0 && e.Nas is not null).Skip(from).Select(e => e.Nas!)];

    [Fact]
    public async Task Deregistration_AfterRegistration_Accepted_ContextAndN2ConnectionGone()
    {
        await using var registered = await RegisteredUeAsync();
        var (ue, id) = (registered.Ue, registered.Id);

        var outcome = await ue.DeregisterAsync(SimCoreFixture.ProcedureTimeout, Ct);

        Assert.True(outcome.Succeeded, $"{outcome.Result} {outcome.Detail}");
        Assert.Equal(UeGmmState.Deregistered, ue.Nas.State);
        await WaitUntilAsync(() => core.Amf.TryGetContext(id) is null && !ue.Connected, "the AMF context and the N2 connection to go");
    }

    [Fact]
    public async Task ReRegistration_WithGutiTheAmfNoLongerKnows_IdentityProcedure_ThenRegistersWithANewGuti()
    {
        var ladder = new ConcurrentQueue<LadderEntry>();
        await using var fleet = await core.FleetAsync(ladder: ladder.Enqueue);
        var ue = Assert.Single(core.NewUes(1, ProtectionScheme.ProfileA));
        fleet.Place([ue]);
        await RegisteredAsync(ue);
        var first = ue.Nas.Guti;
        Assert.True((await ue.DeregisterAsync(SimCoreFixture.ProcedureTimeout, Ct)).Succeeded);
        await WaitUntilAsync(() => !ue.Connected, "the release");
        int mark = NasLadder(ladder).Length;

        // The UE keeps its 5G-GUTI and security context (§5.5.2.2.2); the AMF dropped both with the context.
        await RegisteredAsync(ue);

        string[] nas = NasLadder(ladder, mark);
        Assert.Equal("Registration request", nas[0]);
        Assert.Equal("Identity request", nas[1]);
        Assert.Equal("Identity response", nas[2]);
        Assert.Equal("Authentication request", nas[3]);
        Assert.Contains("Security mode command", nas);
        Assert.Equal("Registration complete", nas[^1]);
        Assert.NotEqual(first, ue.Nas.Guti);
        Assert.Equal(GmmState.Registered, core.Amf.TryGetContext(ue.AmfUeNgapId)?.State);
    }

    [Theory]
    [InlineData(FiveGsRegistrationType.InitialRegistration)]
    [InlineData(FiveGsRegistrationType.MobilityRegistrationUpdating)]
    [InlineData(FiveGsRegistrationType.PeriodicRegistrationUpdating)]
    public async Task Registration_FromIdle_WithAKnownGuti_AcceptedWithoutAuthentication_NewGuti(byte type)
    {
        var ladder = new ConcurrentQueue<LadderEntry>();
        await using var registered = await RegisteredUeAsync(ladder);
        var (ue, id) = (registered.Ue, registered.Id);
        var first = ue.Nas.Guti;
        Assert.True(await ue.ReleaseAsync(SimCoreFixture.ProcedureTimeout, Ct));
        int mark = NasLadder(ladder).Length;

        var outcome = await ue.UpdateRegistrationAsync(type, SimCoreFixture.ProcedureTimeout, Ct);

        Assert.True(outcome.Succeeded, $"{outcome.Result} {outcome.Detail}");
        Assert.Equal(id, ue.AmfUeNgapId);
        await WaitUntilAsync(() => core.Amf.TryGetContext(id) is { State: GmmState.Registered, RegistrationUpdates: 1, OldGuti: null }, "Registration Complete at the AMF");
        Assert.Equal(new[] { "Registration request", "Registration accept", "Registration complete" }, NasLadder(ladder, mark));
        Assert.NotEqual(first, ue.Nas.Guti);
        Assert.Equal(core.Amf.TryGetContext(id)!.Guti, ue.Nas.Guti);
        // From CM-IDLE the Accept came in Initial Context Setup with a fresh K_gNB.
        Assert.Equal(2, ue.ContextSetups);
    }

    [Fact]
    public async Task ServiceRequest_AfterUeContextRelease_SameContext_ServiceAccept()
    {
        await using var registered = await RegisteredUeAsync();
        var (ue, id) = (registered.Ue, registered.Id);
        Assert.True(await ue.ReleaseAsync(SimCoreFixture.ProcedureTimeout, Ct));
        await WaitUntilAsync(() => core.Amf.TryGetContext(id) is { CmConnected: false }, "CM-IDLE at the AMF");

        var outcome = await ue.ServiceRequestAsync(SimCoreFixture.ProcedureTimeout, Ct);

        Assert.True(outcome.Succeeded, $"{outcome.Result} {outcome.Detail}");
        Assert.True(ue.Nas.ServiceAccepted);
        Assert.Equal(id, ue.AmfUeNgapId);
        await WaitUntilAsync(() => core.Amf.TryGetContext(id) is { ServiceRequests: 1, RunningReachabilityTimer: null }, "the service request at the AMF");
        Assert.Equal(2, ue.ContextSetups);
    }

    [Fact]
    public async Task NetworkInitiatedDeregistration_UeAccepts_ContextGone_UeDeregistered()
    {
        var ladder = new ConcurrentQueue<LadderEntry>();
        await using var registered = await RegisteredUeAsync(ladder);
        var (ue, id) = (registered.Ue, registered.Id);
        string supi = core.Amf.TryGetContext(id)!.Supi!;

        Assert.True(core.Amf.Deregister(supi, reRegistrationRequired: true));

        await WaitUntilAsync(() => core.Amf.TryGetContext(id) is null && !ue.Connected, "the AMF context and the N2 connection to go");
        Assert.Equal(UeGmmState.Deregistered, ue.Nas.State);
        Assert.True(ue.Nas.ReRegistrationRequired);
        string[] nas = NasLadder(ladder);
        Assert.Equal("Deregistration request (UE terminated de-registration)", nas[^2]);
        Assert.Equal("Deregistration accept (UE terminated de-registration)", nas[^1]);
        // Told to register again, the UE does, and the AMF (which forgot its GUTI) identifies it.
        await RegisteredAsync(ue);
    }

    [Fact]
    public async Task ConfigurationUpdate_NewGuti_UeCompletes()
    {
        await using var registered = await RegisteredUeAsync();
        var (ue, id) = (registered.Ue, registered.Id);
        var first = ue.Nas.Guti;

        Assert.True(core.Amf.UpdateConfiguration(id));

        await WaitUntilAsync(() => core.Amf.TryGetContext(id) is { ConfigurationUpdates: 1, OldGuti: null }, "Configuration Update Complete");
        Assert.Equal(1, ue.Nas.ConfigurationUpdates);
        Assert.NotEqual(first, ue.Nas.Guti);
        Assert.Equal(core.Amf.TryGetContext(id)!.Guti, ue.Nas.Guti);
        // The configured network name and the network's time (Europe/Berlin: +1:00 or +2:00 with DST) came with it.
        Assert.Equal("GlassCore Test Network", ue.Nas.NetworkFullName);
        Assert.Equal("GlassCore", ue.Nas.NetworkShortName);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.NotNull(ue.Nas.NetworkUniversalTime);
        Assert.Equal(berlin.GetUtcOffset(ue.Nas.NetworkUniversalTime.Value), ue.Nas.NetworkTimeZone);
        Assert.Equal(berlin.IsDaylightSavingTime(ue.Nas.NetworkUniversalTime.Value) ? (byte)1 : (byte)0, ue.Nas.NetworkDaylightSavingTime);
    }

    /// <summary>`glasscore ue ...` as an operator runs it (the CLI's own parser and command), against the core's management API.</summary>
    private (int Exit, string Output) Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = GlassCore.Cli.Program.Run([.. args, "--core", core.Sbi.ToString()], new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString() + stderr);
    }

    [Fact]
    public async Task UeCli_ConfigUpdateThenDeregister_ThroughTheManagementApi()
    {
        await using var registered = await RegisteredUeAsync();
        var (ue, id) = (registered.Ue, registered.Id);
        string supi = core.Amf.TryGetContext(id)!.Supi!;

        var (exit, output) = await Task.Run(() => Cli("ue", "config-update", supi), Ct);
        Assert.True(exit == 0, output);
        Assert.Contains("\"procedure\":\"configuration-update\"", output, StringComparison.Ordinal);
        await WaitUntilAsync(() => core.Amf.TryGetContext(id) is { ConfigurationUpdates: 1, OldGuti: null }, "Configuration Update Complete");
        Assert.Equal(1, ue.Nas.ConfigurationUpdates);

        (exit, output) = await Task.Run(() => Cli("ue", "deregister", supi, "--re-register"), Ct);
        Assert.True(exit == 0, output);
        Assert.Contains("\"procedure\":\"deregistration\"", output, StringComparison.Ordinal);
        await WaitUntilAsync(() => core.Amf.TryGetContext(id) is null && !ue.Connected, "the AMF context and the N2 connection to go");
        Assert.Equal(UeGmmState.Deregistered, ue.Nas.State);
        Assert.True(ue.Nas.ReRegistrationRequired);

        // Nobody by that SUPI any more: 404 CONTEXT_NOT_FOUND, exit 2 with the error on stderr.
        (exit, output) = await Task.Run(() => Cli("ue", "deregister", supi), Ct);
        Assert.Equal(2, exit);
        Assert.Contains("CONTEXT_NOT_FOUND", output, StringComparison.Ordinal);
        (exit, output) = await Task.Run(() => Cli("ue", "deregister", supi, "--cause", "300"), Ct);
        Assert.Equal(2, exit);
        Assert.Contains("OPTIONAL_IE_INCORRECT", output, StringComparison.Ordinal);
    }
}
