// TS 24.501 §5.5.1.3 (mobility and periodic registration updating), §5.5.1.2.4 (registration of a UE the AMF holds a
// context for), §5.3.7 (mobile reachable timer, implicit de-registration), §5.5.2.3 (network-initiated
// de-registration, T3522), §5.4.4 (generic UE configuration update, T3555), and the AMF's report of SBI problems.
using GlassCore.Amf.Gmm;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.Sim;

namespace GlassCore.Amf.Tests;

public sealed class GmmProcedureTests
{
    private static async Task WaitDownlinkAsync(SimUe ue) =>
        Assert.True(await ue.DownlinkSignal.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken), "no downlink came");

    private static async Task<AmfUeContext> RegisterAsync(N1Harness h, SimUe ue)
    {
        h.Start(ue);
        Assert.Equal(GmmState.Registered, await N1Harness.FinishAsync(ue));
        var ctx = h.Amf.TryGetContext(ue.AmfUeNgapId)!;
        await N1Harness.WaitUntilAsync(() => ue.Nas.State == UeGmmState.Registered, "the UE to be registered");
        // The registration's downlinks are counted already: the next wait is for the next downlink.
        while (ue.DownlinkSignal.Wait(0))
        {
        }
        return ctx;
    }

    [Fact]
    public async Task RegistrationRequest_UnknownSubscriber_AusfProblemLoggedWithStatusAndCause_BeforeReject()
    {
        var log = new ListLogger<AmfContext>();
        await using var h = new N1Harness(log: log);
        var ue = h.AddUe(40);
        var rr = new RegistrationRequest
        {
            RegistrationType = new FiveGsRegistrationType(FiveGsRegistrationType.InitialRegistration, false),
            NgKsi = new NasKeySetIdentifier(NasKeySetIdentifier.NoKeyAvailable),
            MobileIdentity = FiveGsMobileIdentity.FromNullSchemeSuci(N1Harness.Plmn, "0000", "0999999940"),
            UeSecurityCapability = UeSecurityCapability.Create(0xF0, 0x70),
        };
        h.Start(ue, rr.ToArray());

        Assert.Equal(GmmState.Deregistered, await N1Harness.FinishAsync(ue));
        Assert.Equal(GmmCauses.FiveGsServicesNotAllowed, ue.Nas.RejectCause);
        var line = Assert.Single(log.Lines, l => l.Contains("Nausf_UEAuthentication_Authenticate", StringComparison.Ordinal));
        Assert.StartsWith("Warning:", line, StringComparison.Ordinal);
        Assert.Contains("HTTP 404", line, StringComparison.Ordinal);
        Assert.Contains("USER_NOT_FOUND", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FiveGsRegistrationType.PeriodicRegistrationUpdating)]
    [InlineData(FiveGsRegistrationType.MobilityRegistrationUpdating)]
    [InlineData(FiveGsRegistrationType.InitialRegistration)]
    public async Task RegistrationRequest_FromIdle_KnownGutiVerifies_AcceptWithNewGutiAndT3512_NoNewAuthentication(byte type)
    {
        await using var h = new N1Harness(c => new AmfConfiguration
        {
            Plmn = c.Plmn,
            TaiList = c.TaiList,
            SupportedNssai = c.SupportedNssai,
            T3512 = TimeSpan.FromMinutes(30),
        });
        var ue = h.AddUe(41);
        var ctx = await RegisterAsync(h, ue);
        long id = ue.AmfUeNgapId;
        var firstGuti = ue.Nas.Guti!.Value;
        h.Amf.OnN2ConnectionReleased(id);
        await N1Harness.WaitUntilAsync(() => ctx.RunningReachabilityTimer == ReachabilityTimer.MobileReachable, "the mobile reachable timer");
        int downlinksBefore = ue.Downlinks.Count;
        int authenticationsBefore = h.Ausf.Authentications;

        h.Reconnect(ue, ue.Nas.StartRegistration(type));

        Assert.Equal(id, ue.AmfUeNgapId);
        await N1Harness.WaitUntilAsync(() => ctx.RegistrationUpdates == 1 && ctx.State == GmmState.Registered && ctx.OldGuti is null, "registration updating to complete");
        await N1Harness.WaitUntilAsync(() => ue.Nas.State == UeGmmState.Registered, "the UE to take the accept");
        // One downlink only: the Registration Accept (no Identity, Authentication or Security Mode Command).
        Assert.Equal(downlinksBefore + 1, ue.Downlinks.Count);
        Assert.Equal(authenticationsBefore, h.Ausf.Authentications);
        Assert.NotEqual(firstGuti, ue.Nas.Guti);
        Assert.Equal(ctx.Guti, ue.Nas.Guti);
        Assert.Null(ctx.RunningReachabilityTimer);
        // The Accept (verified by the UE with the kept context) carries T3512: 30 min = 3 × 10 min, GPRS timer 3.
        Assert.Equal((byte)SecurityHeaderType.IntegrityProtectedAndCiphered, ue.Downlinks[^1][1]);
        var accept = Assert.IsType<RegistrationAccept>(ue.LastDownlinkMessage);
        Assert.Equal(0, accept.T3512Value!.Value.Unit);
        Assert.Equal(3, accept.T3512Value!.Value.TimerValue);
    }

    [Fact]
    public async Task RegistrationRequest_FromIdle_OldGutiAfterUpdate_NoLongerRoutesToTheContext()
    {
        await using var h = new N1Harness();
        var ue = h.AddUe(42);
        var ctx = await RegisterAsync(h, ue);
        long id = ue.AmfUeNgapId;
        var oldGuti = ue.Nas.Guti!.Value;
        h.Amf.OnN2ConnectionReleased(id);
        h.Reconnect(ue, ue.Nas.StartRegistration(FiveGsRegistrationType.PeriodicRegistrationUpdating));
        await N1Harness.WaitUntilAsync(() => ctx.RegistrationUpdates == 1 && ctx.State == GmmState.Registered && ctx.OldGuti is null, "registration updating to complete");

        // A second UE presenting the replaced GUTI gets a context of its own and is asked who it is (§5.4.3).
        var other = h.AddUe(43);
        var rr = new RegistrationRequest
        {
            RegistrationType = new FiveGsRegistrationType(FiveGsRegistrationType.InitialRegistration, false),
            NgKsi = new NasKeySetIdentifier(NasKeySetIdentifier.NoKeyAvailable),
            MobileIdentity = FiveGsMobileIdentity.FromGuti(oldGuti),
            UeSecurityCapability = UeSecurityCapability.Create(0xF0, 0x70),
        };
        other.Nas.StartRegistration();
        h.Start(other, rr.ToArray());
        Assert.NotEqual(id, other.AmfUeNgapId);
        await WaitDownlinkAsync(other);
        Assert.Equal(NasMessageTypes.IdentityRequest, other.Downlinks[0][2]);
    }

    [Fact]
    public async Task MobileReachableTimer_Expires_ThenImplicitDeregistrationTimer_UeDeregisteredLocally()
    {
        var time = new ManualTime();
        await using var h = new N1Harness(c => new AmfConfiguration
        {
            Plmn = c.Plmn,
            TaiList = c.TaiList,
            SupportedNssai = c.SupportedNssai,
            MobileReachableTimer = TimeSpan.FromMinutes(1),
            ImplicitDeregistrationTimer = TimeSpan.FromMinutes(2),
        }, time);
        var ue = h.AddUe(44);
        var ctx = await RegisterAsync(h, ue);
        int downlinks = ue.Downlinks.Count;
        h.Amf.OnN2ConnectionReleased(ue.AmfUeNgapId);
        await N1Harness.WaitUntilAsync(() => ctx.RunningReachabilityTimer == ReachabilityTimer.MobileReachable, "the mobile reachable timer");

        time.Advance(TimeSpan.FromMinutes(1));
        await N1Harness.WaitUntilAsync(() => ctx.RunningReachabilityTimer == ReachabilityTimer.ImplicitDeregistration, "the implicit de-registration timer");
        Assert.Equal(GmmState.Registered, ctx.State);
        time.Advance(TimeSpan.FromMinutes(2));

        await N1Harness.WaitUntilAsync(() => h.Amf.TryGetContext(ue.AmfUeNgapId) is null, "the context to go");
        Assert.True(ctx.ImplicitlyDeregistered);
        Assert.Equal(GmmState.Deregistered, ctx.State);
        Assert.Equal(downlinks, ue.Downlinks.Count);
    }

    [Fact]
    public async Task ServiceRequest_BeforeMobileReachableExpiry_StopsTheTimer()
    {
        var time = new ManualTime();
        await using var h = new N1Harness(time: time);
        var ue = h.AddUe(45);
        var ctx = await RegisterAsync(h, ue);
        h.Amf.OnN2ConnectionReleased(ue.AmfUeNgapId);
        await N1Harness.WaitUntilAsync(() => ctx.RunningReachabilityTimer == ReachabilityTimer.MobileReachable, "the mobile reachable timer");

        h.Reconnect(ue, ue.Nas.StartServiceRequest());
        await N1Harness.WaitUntilAsync(() => ctx.ServiceRequests == 1 && ue.Nas.ServiceAccepted, "the service request");
        Assert.Null(ctx.RunningReachabilityTimer);
        Assert.Equal(GmmState.Registered, ctx.State);
    }

    [Fact]
    public async Task NetworkDeregistration_Connected_DeregistrationRequestAccepted_ContextGone()
    {
        await using var h = new N1Harness();
        var ue = h.AddUe(46);
        var ctx = await RegisterAsync(h, ue);

        Assert.True(h.Amf.Deregister(N1Harness.Supi(46), reRegistrationRequired: true));

        await N1Harness.WaitUntilAsync(() => h.Amf.TryGetContext(ue.AmfUeNgapId) is null, "the context to go");
        Assert.True(ctx.Deregistered);
        Assert.False(ctx.ImplicitlyDeregistered);
        Assert.Equal(UeGmmState.Deregistered, ue.Nas.State);
        Assert.True(ue.Nas.ReRegistrationRequired);
        Assert.IsType<DeregistrationAcceptUeTerminated>(ue.LastUplinkMessage);
        Assert.False(h.Amf.Deregister(N1Harness.Supi(46)));
    }

    [Fact]
    public async Task NetworkDeregistration_NoAnswer_T3522RetransmittedFourTimes_ThenDeregisteredLocally()
    {
        var time = new ManualTime();
        await using var h = new N1Harness(time: time);
        var ue = h.AddUe(47);
        var ctx = await RegisterAsync(h, ue);
        int before = ue.Downlinks.Count;
        ue.Tamper = _ => [];

        Assert.True(h.Amf.Deregister(ue.AmfUeNgapId, cause: GmmCauses.IllegalUe));
        await WaitDownlinkAsync(ue);
        for (int i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromSeconds(6));
            await WaitDownlinkAsync(ue);
        }
        await N1Harness.WaitUntilAsync(() => ctx.State == GmmState.DeregisteredInitiated, "DEREGISTERED-INITIATED");
        time.Advance(TimeSpan.FromSeconds(6));

        await N1Harness.WaitUntilAsync(() => h.Amf.TryGetContext(ue.AmfUeNgapId) is null, "the context to go");
        Assert.Equal(before + 5, ue.Downlinks.Count);
        Assert.True(ctx.Deregistered);
        // Every copy is a Deregistration Request with the cause, each under its own downlink NAS COUNT.
        Assert.Equal(5, ue.Downlinks.Skip(before).Select(d => d[6]).Distinct().Count());
        Assert.Equal(GmmCauses.IllegalUe, ue.Nas.RejectCause);
    }

    [Fact]
    public async Task NetworkDeregistration_Idle_DeregisteredLocallyWithoutSignalling()
    {
        await using var h = new N1Harness();
        var ue = h.AddUe(48);
        var ctx = await RegisterAsync(h, ue);
        int before = ue.Downlinks.Count;
        h.Amf.OnN2ConnectionReleased(ue.AmfUeNgapId);
        await N1Harness.WaitUntilAsync(() => !ctx.CmConnected, "5GMM-IDLE");

        Assert.True(h.Amf.Deregister(N1Harness.Supi(48)));

        await N1Harness.WaitUntilAsync(() => h.Amf.TryGetContext(ue.AmfUeNgapId) is null, "the context to go");
        Assert.True(ctx.Deregistered);
        Assert.Equal(before, ue.Downlinks.Count);
    }

    [Fact]
    public async Task ConfigurationUpdateCommand_NewGuti_CompleteReleasesTheOldGuti()
    {
        await using var h = new N1Harness();
        var ue = h.AddUe(49);
        var ctx = await RegisterAsync(h, ue);
        var old = ue.Nas.Guti;

        Assert.True(h.Amf.UpdateConfiguration(N1Harness.Supi(49)));

        await N1Harness.WaitUntilAsync(() => ctx.ConfigurationUpdates == 1, "Configuration Update Complete");
        Assert.Equal(1, ue.Nas.ConfigurationUpdates);
        Assert.NotEqual(old, ue.Nas.Guti);
        Assert.Equal(ctx.Guti, ue.Nas.Guti);
        Assert.Null(ctx.OldGuti);
        var command = Assert.IsType<ConfigurationUpdateCommand>(ue.LastDownlinkMessage);
        Assert.Equal(GmmBuild.AcknowledgementRequested, command.ConfigurationUpdateIndication!.Value.Value);
        Assert.Equal([new SNssaiValue(1)], command.AllowedNssai!.Value.ToArray());
        Assert.IsType<ConfigurationUpdateComplete>(ue.LastUplinkMessage);
    }

    [Fact]
    public async Task ConfigurationUpdateCommand_NoComplete_T3555RetransmittedThenAborted_UeStaysRegistered()
    {
        var time = new ManualTime();
        await using var h = new N1Harness(time: time);
        var ue = h.AddUe(50);
        var ctx = await RegisterAsync(h, ue);
        int before = ue.Downlinks.Count;
        ue.Tamper = _ => [];

        Assert.True(h.Amf.UpdateConfiguration(ue.AmfUeNgapId));
        await WaitDownlinkAsync(ue);
        for (int i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromSeconds(6));
            await WaitDownlinkAsync(ue);
        }
        time.Advance(TimeSpan.FromSeconds(6));
        time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(before + 5, ue.Downlinks.Count);
        Assert.Equal(GmmState.Registered, ctx.State);
        Assert.Equal(0, ctx.ConfigurationUpdates);
    }
}
