// TS 24.501 §5.4.1.3.7 / §10.2 (T3560 retransmission and abort), §5.4.3 (identification), §5.5.1.2.5 (reject causes).
using GlassCore.Amf.Gmm;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.Security;
using GlassCore.Sim;

namespace GlassCore.Amf.Tests;

public sealed class ProcedureTests
{
    private static async Task WaitDownlinkAsync(SimUe ue) =>
        Assert.True(await ue.DownlinkSignal.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken), "no downlink came");

    [Fact]
    public async Task AuthenticationRequest_NoAnswer_RetransmittedFourTimesThenReleased()
    {
        var time = new ManualTime();
        await using var h = new N1Harness(time: time);
        var ue = h.AddUe(20);
        ue.Tamper = _ => [];
        h.Start(ue);

        await WaitDownlinkAsync(ue);
        for (int i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromSeconds(6));
            await WaitDownlinkAsync(ue);
        }
        time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(GmmState.Deregistered, await N1Harness.FinishAsync(ue));
        Assert.Equal(5, ue.Downlinks.Count);
        Assert.All(ue.Downlinks, d => Assert.Equal(NasMessageTypes.AuthenticationRequest, d[2]));
        Assert.All(ue.Downlinks, d => Assert.Equal(ue.Downlinks[0], d));
    }

    [Fact]
    public async Task RegistrationAccept_Retransmitted_NewNasCountAndUeCompletes()
    {
        var time = new ManualTime();
        await using var h = new N1Harness(time: time);
        var ue = h.AddUe(21);
        bool dropFirstComplete = true;
        ue.Tamper = pdu =>
        {
            // Lose the first Registration Complete (the UE's third protected uplink has NAS COUNT 1).
            if (dropFirstComplete && (pdu[1] & 0x0F) == 2 && pdu[6] == 1)
            {
                dropFirstComplete = false;
                return [];
            }
            return [pdu];
        };
        h.Start(ue);
        // Authentication Request, Security Mode Command, Registration Accept.
        for (int i = 0; i < 3; i++)
        {
            await WaitDownlinkAsync(ue);
        }
        time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(GmmState.Registered, await N1Harness.FinishAsync(ue));
        Assert.Equal(4, ue.Downlinks.Count);
        // The retransmitted Registration Accept is protected again, with the next downlink NAS COUNT (SQN octet).
        Assert.Equal(1, ue.Downlinks[2][6]);
        Assert.Equal(2, ue.Downlinks[3][6]);
    }

    [Fact]
    public async Task RegistrationRequest_Received_UnknownGuti_IdentityRequestThenRegisters()
    {
        await using var h = new N1Harness();
        var ue = h.AddUe(22);
        ue.Nas.StartRegistration();
        var rr = new RegistrationRequest
        {
            RegistrationType = new FiveGsRegistrationType(FiveGsRegistrationType.InitialRegistration, false),
            NgKsi = new NasKeySetIdentifier(NasKeySetIdentifier.NoKeyAvailable),
            MobileIdentity = FiveGsMobileIdentity.FromGuti(new FiveGGuti(N1Harness.Plmn, 9, 9, 9, 0xDEADBEEF)),
            UeSecurityCapability = UeSecurityCapability.Create(0xF0, 0x70),
        };
        h.Start(ue, rr.ToArray());

        Assert.Equal(GmmState.Registered, await N1Harness.FinishAsync(ue));
        Assert.Equal(NasMessageTypes.IdentityRequest, ue.Downlinks[0][2]);
        Assert.Equal(N1Harness.Supi(22), h.Amf.TryGetContext(ue.AmfUeNgapId)!.Supi);
    }

    [Fact]
    public async Task RegistrationRequest_Received_NoUeSecurityCapability_RegistrationRejectConditionalIeError()
    {
        await using var h = new N1Harness();
        var ue = h.AddUe(23);
        var rr = new RegistrationRequest
        {
            RegistrationType = new FiveGsRegistrationType(FiveGsRegistrationType.InitialRegistration, false),
            NgKsi = new NasKeySetIdentifier(NasKeySetIdentifier.NoKeyAvailable),
            MobileIdentity = FiveGsMobileIdentity.FromNullSchemeSuci(N1Harness.Plmn, "0000", "0000000023"),
        };
        h.Start(ue, rr.ToArray());

        Assert.Equal(GmmState.Deregistered, await N1Harness.FinishAsync(ue));
        Assert.Equal(GmmCauses.ConditionalIeError, ue.Nas.RejectCause);
    }

    [Fact]
    public async Task RegistrationRequest_Received_UnknownSubscriber_RegistrationReject5gsServicesNotAllowed()
    {
        await using var h = new N1Harness();
        var ue = h.AddUe(24);
        var rr = new RegistrationRequest
        {
            RegistrationType = new FiveGsRegistrationType(FiveGsRegistrationType.InitialRegistration, false),
            NgKsi = new NasKeySetIdentifier(NasKeySetIdentifier.NoKeyAvailable),
            MobileIdentity = FiveGsMobileIdentity.FromNullSchemeSuci(N1Harness.Plmn, "0000", "0999999999"),
            UeSecurityCapability = UeSecurityCapability.Create(0xF0, 0x70),
        };
        h.Start(ue, rr.ToArray());

        Assert.Equal(GmmState.Deregistered, await N1Harness.FinishAsync(ue));
        Assert.Equal(GmmCauses.FiveGsServicesNotAllowed, ue.Nas.RejectCause);
    }

    [Fact]
    public async Task SecurityModeCommand_Nia0AllowedByConfiguration_UeOfferingOnlyNia0Registers()
    {
        await using var h = new N1Harness(c => new AmfConfiguration
        {
            Plmn = c.Plmn,
            TaiList = c.TaiList,
            SupportedNssai = c.SupportedNssai,
            AllowNia0 = true,
        });
        var ue = h.AddUe(25, fiveGIa: 0x80, fiveGEa: 0x80);
        h.Start(ue);

        Assert.Equal(GmmState.Registered, await N1Harness.FinishAsync(ue));
        Assert.Equal(NasIntegrityAlgorithm.Nia0, h.Amf.TryGetContext(ue.AmfUeNgapId)!.Nas!.Integrity);
    }

    [Fact]
    public async Task SecurityModeCommand_Sent_ReplaysUeCapabilitiesAndRequestsImeisvAndInitialMessage()
    {
        await using var h = new N1Harness();
        var ue = h.AddUe(26, fiveGIa: 0x30, fiveGEa: 0xB0);
        h.Start(ue);
        Assert.Equal(GmmState.Registered, await N1Harness.FinishAsync(ue));

        var smcPdu = ue.Downlinks[1];
        Assert.Equal((byte)SecurityHeaderType.IntegrityProtectedWithNewSecurityContext, smcPdu[1]);
        Assert.True(NasMessage.TryDecode(smcPdu.AsMemory(7), out var m, out _));
        var smc = Assert.IsType<SecurityModeCommand>(m);
        Assert.Equal(new byte[] { 0xB0, 0x30 }, smc.ReplayedUeSecurityCapabilities.Value.ToArray());
        // UE supports NIA2/NIA3 and NEA0/NEA2/NEA3: the configured preference picks NIA2 and NEA2.
        Assert.Equal(2, smc.SelectedNasSecurityAlgorithms.Integrity);
        Assert.Equal(2, smc.SelectedNasSecurityAlgorithms.Ciphering);
        Assert.Equal(1, smc.ImeisvRequest!.Value.Value);
        Assert.Equal(0x02, smc.AdditionalSecurityInformation!.Value.Value.Span[0]);
    }

    [Theory]
    [InlineData(54 * 60, 0, 5)]
    [InlineData(3600, 1, 1)]
    [InlineData(60, 5, 1)]
    [InlineData(30 * 60, 0, 3)]
    [InlineData(2 * 3600 + 1, 0, 12)]
    [InlineData(10, 3, 5)]
    public void GprsTimer3_Built_UnitAndValuePerTs24008(int seconds, byte unit, byte value)
    {
        var t = GmmBuild.GprsTimer3(TimeSpan.FromSeconds(seconds));
        Assert.Equal(unit, t.Unit);
        Assert.Equal(value, t.TimerValue);
    }
}
