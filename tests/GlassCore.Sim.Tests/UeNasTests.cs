// TS 24.501 §5.4-§5.6 from the UE's side: each procedure of the simulated UE checked against an independently
// derived network side (NetworkPeer) and the Security library's SUCI de-concealment.
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.Security;
using GlassCore.Sim;

namespace GlassCore.Sim.Tests;

public sealed class UeNasTests
{
    private const string Supi = "imsi-001010000000001";

    private static (UeNas Ue, Usim Usim, NetworkPeer Net) Make(ProtectionScheme scheme = ProtectionScheme.Null, byte[]? usimK = null, byte ia = 0x70, byte ea = 0xF0)
    {
        var usim = new Usim(Supi, usimK ?? NetworkPeer.K1, NetworkPeer.Opc1);
        return (new UeNas(NetworkPeer.Config(scheme, ia, ea), usim), usim, new NetworkPeer(Supi, NetworkPeer.K1, NetworkPeer.Opc1));
    }

    [Theory]
    [InlineData(ProtectionScheme.Null)]
    [InlineData(ProtectionScheme.ProfileA)]
    [InlineData(ProtectionScheme.ProfileB)]
    public void StartRegistration_Suci_DeconcealsToTheSupi_AndCarriesOnlyCleartextIes(ProtectionScheme scheme)
    {
        var (ue, _, _) = Make(scheme);
        var rr = NetworkPeer.Plain<RegistrationRequest>(ue.StartRegistration());
        Assert.Equal(FiveGsRegistrationType.InitialRegistration, rr.RegistrationType.Value & 0x07);
        Assert.Equal(NasKeySetIdentifier.NoKeyAvailable, rr.NgKsi.Ksi);
        Assert.Equal(MobileIdentityType.Suci, rr.MobileIdentity.Type);
        Assert.Null(rr.RequestedNssai);
        var s = rr.MobileIdentity.Suci!.Value;
        Assert.Equal((ProtectionSchemeId)scheme, s.SchemeId);
        using var sidf = new SuciDeconcealer(allowNullScheme: true);
        sidf.AddKey(ProtectionScheme.ProfileA, 1, NetworkPeer.ProfileAPrivateKey);
        sidf.AddKey(ProtectionScheme.ProfileB, 2, NetworkPeer.ProfileBPrivateKey);
        var suci = new Suci(SupiType.Imsi, "001", "01", s.RoutingIndicator, scheme, s.HomeNetworkPublicKeyId, s.SchemeOutput.Span);
        Assert.True(sidf.TryDeconceal(suci, out string supi, out var error), error.ToString());
        Assert.Equal(Supi, supi);
    }

    [Fact]
    public void Registration_FullRun_ResStarMatches_SmcCompleteCarriesImeisvAndFullRequest_CompleteIsProtected()
    {
        var (ue, _, net) = Make(ProtectionScheme.ProfileA);
        var rr = NetworkPeer.Plain<RegistrationRequest>(ue.StartRegistration());
        var answer = Assert.Single(ue.OnDownlink(net.AuthenticationRequest(0x40)));
        Assert.Equal(net.XresStar, NetworkPeer.Plain<AuthenticationResponse>(answer).ResponseParameter!.Value.Value.ToArray());

        var complete = Assert.Single(ue.OnDownlink(net.SecurityModeCommand(rr.UeSecurityCapability!.Value)));
        var smcComplete = net.Open<SecurityModeComplete>(complete, out var header);
        Assert.Equal(SecurityHeaderType.IntegrityProtectedAndCipheredWithNewSecurityContext, header);
        Assert.Equal(MobileIdentityType.Imeisv, smcComplete.Imeisv!.Value.Type);
        var full = NetworkPeer.Plain<RegistrationRequest>(smcComplete.NasMessageContainer!.Value.Value);
        Assert.NotNull(full.RequestedNssai);
        Assert.Equal(rr.MobileIdentity.Value.ToArray(), full.MobileIdentity.Value.ToArray());

        var guti = NetworkPeer.NewGuti(0x01020304);
        var rc = Assert.Single(ue.OnDownlink(net.Protect(new RegistrationAccept
        {
            RegistrationResult = FiveGsRegistrationResult.Create(FiveGsRegistrationResult.ThreeGppAccess),
            Guti = FiveGsMobileIdentity.FromGuti(guti),
        })));
        net.Open<RegistrationComplete>(rc, out header);
        Assert.Equal(SecurityHeaderType.IntegrityProtectedAndCiphered, header);
        Assert.Equal(UeGmmState.Registered, ue.State);
        Assert.Equal(guti, ue.Guti);
    }

    [Fact]
    public void AuthenticationRequest_WrongK_MacFailure20()
    {
        var (ue, _, net) = Make(usimK: Convert.FromHexString("00000000000000000000000000000001"));
        ue.StartRegistration();
        var failure = NetworkPeer.Plain<AuthenticationFailure>(Assert.Single(ue.OnDownlink(net.AuthenticationRequest(0x40))));
        Assert.Equal(20, failure.Cause.Octet);
        Assert.Null(failure.FailureParameter);
    }

    [Fact]
    public void AuthenticationRequest_StaleSqn_SynchFailure21_AutsGivesTheUsimsSqn()
    {
        var (ue, usim, net) = Make();
        usim.AcceptSqn(0x1000);
        ue.StartRegistration();
        var failure = NetworkPeer.Plain<AuthenticationFailure>(Assert.Single(ue.OnDownlink(net.AuthenticationRequest(0x40))));
        Assert.Equal(21, failure.Cause.Octet);
        Assert.True(Resynchronisation.TryRecoverSqnMs(NetworkPeer.K1, NetworkPeer.Opc1, net.Rand, failure.FailureParameter!.Value.Value.Span, out ulong sqnMs));
        Assert.Equal(0x1000UL, sqnMs);
        // The home network re-synchronises past SQN_MS (next SEQ, any IND) and the UE accepts.
        var answer = Assert.Single(ue.OnDownlink(net.AuthenticationRequest(sqnMs + 0x20)));
        Assert.Equal(net.XresStar, NetworkPeer.Plain<AuthenticationResponse>(answer).ResponseParameter!.Value.Value.ToArray());
    }

    [Fact]
    public void AuthenticationRequest_SeparationBitClear_NonFiveGAuthenticationUnacceptable26()
    {
        var (ue, _, net) = Make();
        ue.StartRegistration();
        var failure = NetworkPeer.Plain<AuthenticationFailure>(Assert.Single(ue.OnDownlink(net.AuthenticationRequest(0x40, amfField: 0x0000))));
        Assert.Equal(26, failure.Cause.Octet);
    }

    [Fact]
    public void AuthenticationReject_UeDeregistersAndForgetsTheGuti()
    {
        var (ue, _, net) = Make();
        net.Register(ue, NetworkPeer.NewGuti(7));
        Assert.Empty(ue.OnDownlink(new AuthenticationReject().ToArray()));
        Assert.True(ue.AuthenticationRejected);
        Assert.Equal(UeGmmState.Deregistered, ue.State);
        Assert.Null(ue.Guti);
        Assert.False(ue.HasSecurityContext);
    }

    [Fact]
    public void IdentityRequest_BeforeSecurity_AnswersWithTheSuciInTheClear()
    {
        var (ue, _, _) = Make(ProtectionScheme.ProfileB);
        ue.StartRegistration();
        var response = NetworkPeer.Plain<IdentityResponse>(Assert.Single(ue.OnDownlink(new IdentityRequest { IdentityType = new HalfOctet(1) }.ToArray())));
        Assert.Equal(MobileIdentityType.Suci, response.MobileIdentity.Type);
        Assert.Equal(ProtectionSchemeId.ProfileB, response.MobileIdentity.Suci!.Value.SchemeId);
    }

    [Fact]
    public void SecurityModeCommand_ReplayedCapabilitiesDiffer_Reject23()
    {
        var (ue, _, net) = Make();
        ue.StartRegistration();
        ue.OnDownlink(net.AuthenticationRequest(0x40));
        var reject = NetworkPeer.Plain<SecurityModeReject>(Assert.Single(ue.OnDownlink(net.SecurityModeCommand(UeSecurityCapability.Create(0xF0, 0xF0)))));
        Assert.Equal(23, reject.Cause.Octet);
        Assert.False(ue.HasSecurityContext);
    }

    [Fact]
    public void Nia0OnlyUe_OffersOnlyIa0AndEa0()
    {
        var (ue, _, _) = Make(ia: 0x80, ea: 0x80);
        var rr = NetworkPeer.Plain<RegistrationRequest>(ue.StartRegistration());
        var caps = rr.UeSecurityCapability!.Value.Value.Span;
        Assert.Equal(0x80, caps[0]);
        Assert.Equal(0x80, caps[1]);
    }

    [Fact]
    public void Downlink_ReplayedProtectedMessage_IsDiscarded()
    {
        var (ue, _, net) = Make();
        net.Register(ue, NetworkPeer.NewGuti(1));
        byte[] cuc = net.Protect(new ConfigurationUpdateCommand
        {
            ConfigurationUpdateIndication = new HalfOctet(1),
            Guti = FiveGsMobileIdentity.FromGuti(NetworkPeer.NewGuti(2)),
        });
        Assert.Single(ue.OnDownlink(cuc));
        int discarded = ue.DiscardedDownlinks;
        Assert.Empty(ue.OnDownlink(cuc));
        Assert.Equal(discarded + 1, ue.DiscardedDownlinks);
        Assert.Equal(1, ue.ConfigurationUpdates);
    }

    [Fact]
    public void Downlink_UnprotectedAcceptAfterSecurity_IsDiscarded()
    {
        var (ue, _, net) = Make();
        net.Register(ue, NetworkPeer.NewGuti(1));
        int discarded = ue.DiscardedDownlinks;
        Assert.Empty(ue.OnDownlink(new DeregistrationRequestUeTerminated { DeregistrationType = new HalfOctet(1) }.ToArray()));
        Assert.Equal(discarded + 1, ue.DiscardedDownlinks);
        Assert.Equal(UeGmmState.Registered, ue.State);
    }

    [Fact]
    public void ConfigurationUpdateCommand_NewGutiWithAck_CompleteAndGutiTaken()
    {
        var (ue, _, net) = Make();
        net.Register(ue, NetworkPeer.NewGuti(1));
        var done = Assert.Single(ue.OnDownlink(net.Protect(new ConfigurationUpdateCommand
        {
            ConfigurationUpdateIndication = new HalfOctet(1),
            Guti = FiveGsMobileIdentity.FromGuti(NetworkPeer.NewGuti(0xABCDEF)),
        })));
        net.Open<ConfigurationUpdateComplete>(done, out _);
        Assert.Equal(NetworkPeer.NewGuti(0xABCDEF), ue.Guti);
        // Without the acknowledgement bit the UE answers nothing.
        Assert.Empty(ue.OnDownlink(net.Protect(new ConfigurationUpdateCommand { Guti = FiveGsMobileIdentity.FromGuti(NetworkPeer.NewGuti(5)) })));
        Assert.Equal(NetworkPeer.NewGuti(5), ue.Guti);
    }

    [Fact]
    public void Deregistration_ThenReRegistrationWithGuti_IntegrityProtectedWithTheKeptContext()
    {
        var (ue, _, net) = Make();
        var guti = NetworkPeer.NewGuti(0x42);
        net.Register(ue, guti);
        var dr = net.Open<DeregistrationRequestUeOriginating>(ue.StartDeregistration(switchOff: false, connected: true), out var header);
        Assert.Equal(SecurityHeaderType.IntegrityProtectedAndCiphered, header);
        Assert.Equal(guti, dr.MobileIdentity.Guti);
        Assert.Equal(1, dr.DeregistrationType.Value);
        Assert.Equal(UeGmmState.DeregisteredInitiated, ue.State);
        Assert.Empty(ue.OnDownlink(net.Protect(new DeregistrationAcceptUeOriginating())));
        Assert.Equal(UeGmmState.Deregistered, ue.State);

        byte[] again = ue.StartRegistration();
        var rr = net.Open<RegistrationRequest>(again, out header);
        Assert.Equal(SecurityHeaderType.IntegrityProtected, header);
        Assert.Equal(guti, rr.MobileIdentity.Guti);
        Assert.Equal(1, rr.NgKsi.Ksi);
        // Accepted without a new GUTI: nothing to acknowledge.
        Assert.Empty(ue.OnDownlink(net.Protect(new RegistrationAccept { RegistrationResult = FiveGsRegistrationResult.Create(1) })));
        Assert.Equal(UeGmmState.Registered, ue.State);
        Assert.Equal(guti, ue.Guti);
    }

    [Fact]
    public void SwitchOffDeregistration_IsDeregisteredAtOnce()
    {
        var (ue, _, net) = Make();
        net.Register(ue, NetworkPeer.NewGuti(3));
        var dr = net.Open<DeregistrationRequestUeOriginating>(ue.StartDeregistration(switchOff: true, connected: false), out var header);
        Assert.Equal(SecurityHeaderType.IntegrityProtected, header);
        Assert.Equal(0x09, dr.DeregistrationType.Value);
        Assert.Equal(UeGmmState.Deregistered, ue.State);
    }

    [Fact]
    public void NetworkInitiatedDeregistration_AcceptedAndReRegistrationFlagged()
    {
        var (ue, _, net) = Make();
        net.Register(ue, NetworkPeer.NewGuti(3));
        var accept = Assert.Single(ue.OnDownlink(net.Protect(new DeregistrationRequestUeTerminated { DeregistrationType = new HalfOctet(0x05) })));
        net.Open<DeregistrationAcceptUeTerminated>(accept, out _);
        Assert.Equal(UeGmmState.Deregistered, ue.State);
        Assert.True(ue.ReRegistrationRequired);
    }

    [Fact]
    public void ServiceRequest_CarriesTheSTmsi_AcceptReturnsToRegistered()
    {
        var (ue, _, net) = Make();
        var guti = NetworkPeer.NewGuti(0x7777);
        net.Register(ue, guti);
        var sr = net.Open<ServiceRequest>(ue.StartServiceRequest(), out var header);
        Assert.Equal(SecurityHeaderType.IntegrityProtected, header);
        Assert.Equal(new FiveGSTmsi(guti.AmfSetId, guti.AmfPointer, guti.Tmsi), sr.STmsi.STmsi);
        Assert.Equal(UeGmmState.ServiceRequestInitiated, ue.State);
        Assert.Empty(ue.OnDownlink(net.Protect(new ServiceAccept())));
        Assert.Equal(UeGmmState.Registered, ue.State);
    }

    [Fact]
    public void ServiceReject_Cause9_SendsTheUeToRegisterAgain()
    {
        var (ue, _, net) = Make();
        net.Register(ue, NetworkPeer.NewGuti(8));
        ue.StartServiceRequest();
        Assert.Empty(ue.OnDownlink(net.Protect(new ServiceReject { Cause = OctetValue.Create(9) })));
        Assert.Equal(9, ue.ServiceRejectCause);
        Assert.Equal(UeGmmState.Deregistered, ue.State);
    }

    [Fact]
    public void LastProtectedUplink_IsWhatAReplayWouldResend()
    {
        var (ue, _, net) = Make();
        net.Register(ue, NetworkPeer.NewGuti(1));
        byte[] sr = ue.StartServiceRequest();
        Assert.Equal(sr, ue.LastProtectedUplink);
        // The network's NAS COUNT check rejects the copy (TS 33.501 §6.4.3.2).
        net.Open<ServiceRequest>(sr, out _);
        Assert.Equal(NasSecurityStatus.Replay, net.Nas!.Unprotect(sr, out _, out _));
    }

    [Fact]
    public void Downlink_Garbage_NeverThrowsAndIsCounted()
    {
        var (ue, _, net) = Make();
        net.Register(ue, NetworkPeer.NewGuti(1));
        var rng = new Random(20261129);
        int before = ue.DiscardedDownlinks;
        int handled = 0;
        for (int i = 0; i < 20_000; i++)
        {
            byte[] junk = new byte[rng.Next(0, 64)];
            rng.NextBytes(junk);
            // Half look like protected 5GMM (they must fail the MAC); the rest are not 5GMM at all. Plain 5GMM
            // garbage is left out: an unprotected Identity or Authentication Request is answered by design (§4.4.4.2).
            if (junk.Length > 1 && (i & 1) == 0)
            {
                junk[0] = NasPdu.FiveGmmDiscriminator;
                junk[1] = (byte)rng.Next(1, 5);
            }
            else if (junk.Length > 0 && junk[0] == NasPdu.FiveGmmDiscriminator)
            {
                junk[0] = 0;
            }
            handled += ue.OnDownlink(junk).Count;
        }
        Assert.Equal(0, handled);
        Assert.True(ue.DiscardedDownlinks > before);
        Assert.Equal(UeGmmState.Registered, ue.State);
        // The UE still talks to the real network afterwards.
        Assert.Single(ue.OnDownlink(net.Protect(new ConfigurationUpdateCommand { ConfigurationUpdateIndication = new HalfOctet(1) })));
    }
}
