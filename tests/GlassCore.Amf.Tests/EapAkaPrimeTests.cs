// TS 24.501 §5.4.1.2 (EAP-based primary authentication) with TS 33.501 §6.1.3.1 (EAP-AKA'): the AMF relays the
// AUSF's EAP-Request in Authentication Request, the UE's EAP-Response to the AUSF, and the EAP-Success in Security
// Mode Command (or the EAP-Failure in Authentication Reject); UE (GlassCore.Sim) against the AMF over an in-memory N1.
using GlassCore.Amf.Gmm;
using GlassCore.Nas;
using GlassCore.Nas.Messages;
using GlassCore.Security;
using GlassCore.Sim;

namespace GlassCore.Amf.Tests;

public sealed class EapAkaPrimeTests
{
    [Fact]
    public async Task AuthenticationRequest_EapAkaPrimeSubscriber_EapChallengeRelayedAndRegisters()
    {
        await using var h = new N1Harness();
        var ue = h.AddUe(60, eapAkaPrime: true);
        h.Start(ue);

        Assert.Equal(GmmState.Registered, await N1Harness.FinishAsync(ue));
        Assert.Equal(UeGmmState.Registered, ue.Nas.State);
        Assert.True(ue.Nas.EapAuthenticated);
        var ctx = h.Amf.TryGetContext(ue.AmfUeNgapId)!;
        Assert.Equal(N1Harness.Supi(60), ctx.Supi);
        Assert.True(ctx.SecurityActivated);
        Assert.Equal(ctx.Guti, ue.Nas.Guti);

        // The Authentication Request carries the EAP-Request/AKA'-Challenge, ngKSI and ABBA, and no 5G-AKA RAND/AUTN.
        var request = Assert.IsType<AuthenticationRequest>(Plain(ue.Downlinks[0]));
        Assert.Null(request.Rand);
        Assert.Null(request.Autn);
        Assert.Equal([0, 0], request.Abba.Value.ToArray());
        Assert.True(EapAkaPrimePacket.TryParse(request.EapMessage!.Value.Value.Span, out var challenge, out _));
        Assert.Equal(EapAkaPrimePacket.CodeRequest, challenge.Code);
        Assert.Equal(EapAkaPrimePacket.SubtypeChallenge, challenge.Subtype);
        Assert.Equal([EapAkaPrimePacket.KdfCkIkPrimeSha256], challenge.Kdfs);
        Assert.Equal(new UeConfig { Plmn = N1Harness.Plmn }.ServingNetworkName, challenge.KdfInput);

        // The UE answered in Authentication Response with AT_RES and AT_MAC (RFC 9048).
        var response = Assert.IsType<AuthenticationResponse>(Plain(ue.Uplinks[1]));
        Assert.Null(response.ResponseParameter);
        Assert.True(EapAkaPrimePacket.TryParse(response.EapMessage!.Value.Value.Span, out var answer, out _));
        Assert.Equal(EapAkaPrimePacket.CodeResponse, answer.Code);
        Assert.Equal(challenge.Identifier, answer.Identifier);
        Assert.Equal(64, answer.ResBits);
        Assert.True(answer.MacOffset > 0);

        // The Security Mode Command (the second downlink) carries the EAP-Success for that identifier, with the ABBA.
        Assert.True(SecurityProtectedNasMessage.TryDecode(ue.Downlinks[1], out var smcEnvelope, out _));
        var smc = Assert.IsType<SecurityModeCommand>(Plain(smcEnvelope.Payload.ToArray()));
        Assert.Equal([EapAkaPrimePacket.CodeSuccess, challenge.Identifier, 0, 4], smc.EapMessage!.Value.Value.ToArray());
        Assert.Equal([0, 0], smc.Abba!.Value.Value.ToArray());
    }

    [Fact]
    public async Task AuthenticationResponse_EapAkaPrimeWrongK_AkaPrimeAuthenticationRejectThenEapFailure()
    {
        await using var h = new N1Harness();
        var ue = h.AddUe(61, usimK: N1Harness.K(98), eapAkaPrime: true);
        h.Start(ue);

        Assert.Equal(GmmState.Deregistered, await N1Harness.FinishAsync(ue));
        Assert.True(ue.Nas.AuthenticationRejected);
        Assert.False(ue.Nas.EapAuthenticated);
        Assert.Equal(UeGmmState.Deregistered, ue.Nas.State);
        // AUTN does not verify with the wrong K: EAP-Response/AKA'-Authentication-Reject (RFC 4187 §9.5).
        Assert.Equal(EapAkaPrimePacket.SubtypeAuthenticationReject, ue.Nas.LastEapSubtype);
        var response = Assert.IsType<AuthenticationResponse>(Plain(ue.Uplinks[1]));
        Assert.Equal(EapAkaPrimePacket.SubtypeAuthenticationReject, response.EapMessage!.Value.Value.Span[5]);
        // The AUSF's EAP-Failure comes back in the Authentication Reject (§5.4.1.2.2.5).
        var reject = Assert.IsType<AuthenticationReject>(Plain(ue.Downlinks[^1]));
        Assert.Equal(EapAkaPrimePacket.CodeFailure, reject.EapMessage!.Value.Value.Span[0]);
    }

    [Fact]
    public async Task AuthenticationResponse_EapAkaPrimeSynchronizationFailure_NewChallengeAndRegisters()
    {
        await using var h = new N1Harness();
        var ue = h.AddUe(62, eapAkaPrime: true);
        // The USIM has accepted SEQ 1000 in every IND slot; the home network is at SQN 0, so its first vector is stale.
        SimUe stale = h.ReplaceWithUsimAhead(ue, 62);
        h.Start(stale);

        Assert.Equal(GmmState.Registered, await N1Harness.FinishAsync(stale));
        Assert.Equal(1, h.Ausf.Resynchronisations);
        Assert.True(stale.Nas.EapAuthenticated);
        // First answer: AKA'-Synchronization-Failure with AT_AUTS inside an Authentication Response; then a second challenge.
        var first = Assert.IsType<AuthenticationResponse>(Plain(stale.Uplinks[1]));
        Assert.True(EapAkaPrimePacket.TryParse(first.EapMessage!.Value.Value.Span, out var sync, out _));
        Assert.Equal(EapAkaPrimePacket.SubtypeSynchronizationFailure, sync.Subtype);
        Assert.Equal(14, sync.Auts!.Length);
        Assert.IsType<AuthenticationRequest>(Plain(stale.Downlinks[1]));
    }

    [Fact]
    public async Task AuthenticationResponse_NoEapMessageToEapChallenge_AuthenticationReject()
    {
        await using var h = new N1Harness();
        var ue = h.AddUe(63, eapAkaPrime: true);
        // A UE that answers the EAP challenge with a bare (5G-AKA style) RES* gets no further than Authentication Reject.
        ue.Tamper = pdu => Plain(pdu) is AuthenticationResponse
            ? [new AuthenticationResponse { ResponseParameter = new Nas.Ies.OctetString(new byte[16]) }.ToArray()]
            : [pdu];
        h.Start(ue);

        Assert.Equal(GmmState.Deregistered, await N1Harness.FinishAsync(ue));
        Assert.True(ue.Nas.AuthenticationRejected);
        Assert.Equal(0, h.Ausf.Resynchronisations);
    }

    private static FiveGmmMessage? Plain(byte[] pdu) => NasMessage.TryDecode(pdu, out var m, out _) ? m as FiveGmmMessage : null;
}
