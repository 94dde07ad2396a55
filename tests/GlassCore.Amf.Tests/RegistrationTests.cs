// TS 24.501 §5.5.1.2 initial registration with §5.4.1.3 5G-AKA and §5.4.2 security mode control, UE (GlassCore.Sim)
// against the AMF core over an in-memory N1, with an AUSF fake on the real Milenage/KDF functions.
using GlassCore.Amf.Gmm;
using GlassCore.Nas.Ies;
using GlassCore.Security;
using GlassCore.Sim;

namespace GlassCore.Amf.Tests;

public sealed class RegistrationTests
{
    [Theory]
    [InlineData(ProtectionScheme.Null)]
    [InlineData(ProtectionScheme.ProfileA)]
    [InlineData(ProtectionScheme.ProfileB)]
    public async Task RegistrationRequest_Received_Suci_RegistersWithAkaAndNasSecurity(ProtectionScheme scheme)
    {
        await using var h = new N1Harness();
        var ue = h.AddUe(1, scheme);
        h.Start(ue);

        Assert.Equal(GmmState.Registered, await N1Harness.FinishAsync(ue));
        Assert.Equal(UeGmmState.Registered, ue.Nas.State);
        var ctx = h.Amf.TryGetContext(ue.AmfUeNgapId)!;
        Assert.Equal(N1Harness.Supi(1), ctx.Supi);
        Assert.True(ctx.SecurityActivated);
        Assert.Equal(NasIntegrityAlgorithm.Nia2, ctx.Nas!.Integrity);
        Assert.Equal(NasCipheringAlgorithm.Nea2, ctx.Nas.Ciphering);
        // The GUTI the UE took from the (ciphered) Registration Accept is the one the AMF allocated.
        Assert.Equal(ctx.Guti, ue.Nas.Guti);
        Assert.Equal(N1Harness.Plmn, ue.Nas.Guti!.Value.Plmn);
        // Requested NSSAI (SST 1) only reached the AMF inside the Security Mode Complete container.
        Assert.Equal([new SNssaiValue(1)], ue.Nas.AllowedNssai);
        Assert.Equal("3534900698733112", ctx.Imeisv!.Value.Digits);
        Assert.Equal(32, ctx.Kgnb.Length);
        Assert.Equal(0, ctx.DiscardedMacFailures + ctx.DiscardedReplays + ctx.DiscardedMalformed + ctx.DiscardedUnprotected);
    }

    [Fact]
    public async Task AuthenticationFailure_Received_MacFailureFromWrongK_AuthenticationReject()
    {
        await using var h = new N1Harness();
        var ue = h.AddUe(2, usimK: N1Harness.K(99));
        h.Start(ue);

        Assert.Equal(GmmState.Deregistered, await N1Harness.FinishAsync(ue));
        Assert.Equal(20, ue.Nas.LastFailureCause);
        Assert.True(ue.Nas.AuthenticationRejected);
        Assert.Equal(UeGmmState.Deregistered, ue.Nas.State);
        // The release is asked for first and the context dropped after it: once dropped, the AMF no longer knows the UE.
        await N1Harness.WaitUntilAsync(() => h.Amf.UeCount == 0, "the UE context to be dropped after the reject");
        Assert.Equal(UplinkDelivery.UnknownAmfUeNgapId, h.Amf.OnUplinkNasTransport(ue.AmfUeNgapId, ue.RanUeNgapId, new byte[] { 0x7E, 0x00, 0x43 }));
    }

    [Fact]
    public async Task AuthenticationFailure_Received_SynchFailure_ResynchronisesAndRegisters()
    {
        await using var h = new N1Harness();
        var ue = h.AddUe(3);
        // The USIM has accepted SEQ 1000 in every IND slot; the home network is at SQN 0, so its next vector is stale.
        h.Ausf.Add(N1Harness.Supi(3), N1Harness.K(3), N1Harness.Opc, sqnHe: 0);
        SimUe stale = h.ReplaceWithUsimAhead(ue, 3);
        h.Start(stale);

        Assert.Equal(GmmState.Registered, await N1Harness.FinishAsync(stale));
        Assert.Equal(1, h.Ausf.Resynchronisations);
        Assert.Contains(stale.Uplinks, p => p.Length > 3 && p[2] == 0x59 && p[3] == 21);
        Assert.Equal(UeGmmState.Registered, stale.Nas.State);
    }

    [Fact]
    public async Task SecurityModeCommand_UeOffersOnlyNia0_RegistrationRejectUeSecurityCapabilitiesMismatch()
    {
        await using var h = new N1Harness();
        var ue = h.AddUe(4, fiveGIa: 0x80, fiveGEa: 0x80);
        h.Start(ue);

        Assert.Equal(GmmState.Deregistered, await N1Harness.FinishAsync(ue));
        Assert.Equal(GmmCauses.UeSecurityCapabilitiesMismatch, ue.Nas.RejectCause);
        Assert.Equal(UeGmmState.Deregistered, ue.Nas.State);
    }

    [Fact]
    public async Task SecurityModeComplete_Replayed_DiscardedAndRegistrationCompletes()
    {
        await using var h = new N1Harness();
        var ue = h.AddUe(5);
        byte[]? smcComplete = null;
        ue.Tamper = pdu =>
        {
            // Security header type 4 is only used by Security Mode Complete; replay it just before Registration Complete.
            if ((pdu[1] & 0x0F) == 4)
            {
                smcComplete = pdu;
                return [pdu];
            }
            return smcComplete is null ? [pdu] : [smcComplete, pdu];
        };
        h.Start(ue);

        Assert.Equal(GmmState.Registered, await N1Harness.FinishAsync(ue));
        var ctx = h.Amf.TryGetContext(ue.AmfUeNgapId)!;
        Assert.Equal(1, ctx.DiscardedReplays);
        Assert.Equal(GmmState.Registered, ctx.State);
    }

    [Fact]
    public async Task UplinkNasTransport_Received_GarbageFromOneUe_OthersRegister()
    {
        await using var h = new N1Harness();
        var ues = Enumerable.Range(10, 40).Select(i => h.AddUe(i, (ProtectionScheme)(i % 3))).ToList();
        var noisy = h.AddUe(60);
        var rng = new Random(7);
        noisy.Tamper = pdu =>
        {
            var junk = new byte[rng.Next(0, 64)];
            rng.NextBytes(junk);
            return [junk, pdu, [0x7E, 0x04, 1, 2, 3, 4, 5, 6, 7], [0x7E]];
        };
        var garbageOnly = h.AddUe(61);
        h.Start(garbageOnly, [0x7E, 0x00, 0x41, 0xFF, 0xFF, 0xFF]);
        foreach (var ue in ues)
        {
            h.Start(ue);
        }
        h.Start(noisy);

        var states = await Task.WhenAll(ues.Select(N1Harness.FinishAsync));
        Assert.All(states, s => Assert.Equal(GmmState.Registered, s));
        Assert.All(ues, u => Assert.Equal(UeGmmState.Registered, u.Nas.State));
        Assert.Equal(GmmState.Registered, await N1Harness.FinishAsync(noisy));
        var noisyCtx = h.Amf.TryGetContext(noisy.AmfUeNgapId)!;
        Assert.True(noisyCtx.DiscardedMalformed + noisyCtx.DiscardedMacFailures >= 4);
        // Distinct GUTIs for every registered UE.
        Assert.Equal(ues.Count, ues.Select(u => u.Nas.Guti!.Value.Tmsi).Distinct().Count());
    }

    [Fact]
    public async Task UplinkNasTransport_Received_UnknownAmfUeNgapId_ReportsUnknown()
    {
        await using var h = new N1Harness();
        Assert.Equal(UplinkDelivery.UnknownAmfUeNgapId, h.Amf.OnUplinkNasTransport(12345, 1, new byte[] { 0x7E, 0x00, 0x43 }));
    }
}
