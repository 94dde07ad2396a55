// TS 38.413 §8.7.1 (NG Setup), §8.6 (NAS transport), §8.3.1 (Initial Context Setup), §8.3.2-§8.3.3 (UE Context
// Release), §8.7.3 + §10 (Error Indication, erroneous data), end to end over usrsctp with simulated gNBs and UEs.
using GlassCore.Amf.Gmm;
using GlassCore.Amf.Ngap;
using GlassCore.Asn1;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Ngap;
using GlassCore.Sctp;
using GlassCore.Sctp.N2;
using GlassCore.Security;
using GlassCore.Sim;

namespace GlassCore.Amf.Tests;

[Collection(N2Collection.Name)]
public sealed class N2Tests
{
    private static async Task<ErrorIndication> NextErrorIndicationAsync(SimGnb gnb)
    {
        var ct = N2Harness.Timeout();
        while (true)
        {
            var pdu = await gnb.NonUeMessages.ReadAsync(ct);
            if (pdu is NgapPdu.InitiatingMessage { Value.Value: InitiatingMessageValue.ErrorIndication ei })
            {
                return ei.Value;
            }
        }
    }

    private static async Task<NgapPdu> ReceiveAsync(SctpAssociation sctp)
    {
        var m = await sctp.ReceiveAsync(N2Harness.Timeout());
        Assert.Equal(N2Constants.NgapPpid, m.Ppid);
        Assert.True(Per.TryDecode<NgapPdu>(m.Payload.Span, out var pdu, out var error), error.ToString());
        return pdu;
    }

    [Fact]
    public async Task NgSetupRequest_Received_ServedTa_ResponseWithGuamiPlmnAndSlices()
    {
        await using var h = await N2Harness.StartAsync();
        var (_, outcome) = await h.TryConnectGnbAsync();

        Assert.True(outcome.Accepted);
        var r = outcome.Response!;
        Assert.Equal("glasscore-amf", r.AmfName);
        Assert.Equal(255, r.RelativeAmfCapacity);
        var guami = Assert.Single(r.ServedGuamiList!).Guami;
        Assert.Equal(NgapValues.Plmn(N1Harness.Plmn), guami.PlmnIdentity);
        Assert.Equal(1UL, guami.AmfRegionId.ToUInt64());
        Assert.Equal(10, guami.AmfSetId.Length);
        Assert.Equal(1UL, guami.AmfSetId.ToUInt64());
        var plmn = Assert.Single(r.PlmnSupportList!);
        Assert.Equal([new SNssaiValue(1), new SNssaiValue(1, 1)], plmn.SliceSupportList.Select(s => NgapValues.SNssai(s.SNssai)!.Value));
        Assert.Single(h.Ngap.Gnbs, g => g.SetupDone && g.RanNodeName == "gnb-1");
    }

    [Fact]
    public async Task NgSetupRequest_Received_UnknownPlmn_FailureUnknownPlmnWithTimeToWait()
    {
        await using var h = await N2Harness.StartAsync();
        var (_, outcome) = await h.TryConnectGnbAsync(N2Harness.GnbConfig() with { Plmn = new PlmnId(208, 93, false) });

        var f = Assert.IsType<NgSetupFailure>(outcome.Failure);
        Assert.Equal(CauseMisc.UnknownPlmnOrSnpn, Assert.IsType<Cause.Misc>(f.Cause).Value);
        Assert.Equal(TimeToWait.V10s, f.TimeToWait);
    }

    [Fact]
    public async Task NgSetupRequest_Received_UnservedTac_FailureUnknownPlmn()
    {
        await using var h = await N2Harness.StartAsync();
        var (_, outcome) = await h.TryConnectGnbAsync(N2Harness.GnbConfig() with { Tac = 7 });

        Assert.Equal(CauseMisc.UnknownPlmnOrSnpn, Assert.IsType<Cause.Misc>(outcome.Failure!.Cause).Value);
    }

    [Fact]
    public async Task NgSetupRequest_Received_NoCommonSlice_FailureSliceNotSupported_ThenSetupWithSliceAccepted()
    {
        await using var h = await N2Harness.StartAsync(c => new AmfConfiguration
        {
            Plmn = c.Plmn,
            TaiList = c.TaiList,
            SupportedNssai = c.SupportedNssai,
            NgSetupTimeToWait = TimeSpan.FromSeconds(2),
        });
        var (gnb, outcome) = await h.TryConnectGnbAsync(N2Harness.GnbConfig() with { Slices = [new SNssaiValue(2)] });

        Assert.Equal(CauseRadioNetwork.SliceNotSupported, Assert.IsType<Cause.RadioNetwork>(outcome.Failure!.Cause).Value);
        Assert.Equal(TimeToWait.V2s, outcome.Failure.TimeToWait);
        Assert.DoesNotContain(h.Ngap.Gnbs, g => g.SetupDone);
    }

    [Fact]
    public async Task NgSetupRequest_Received_MissingSupportedTaList_FailureWithDiagnostics()
    {
        await using var h = await N2Harness.StartAsync();
        await using var sctp = await h.Transport.ConnectAsync(h.Address, cancellationToken: N2Harness.Timeout());
        var request = (NgapPdu.InitiatingMessage)SimGnbBuild.NgSetupRequest(N2Harness.GnbConfig());
        var setup = ((InitiatingMessageValue.NgSetup)request.Value.Value).Value;
        setup.ProtocolIEs = [.. setup.ProtocolIEs.Where(ie => ie.Id != NgSetupRequestIEsProtocolIeFieldValue.SupportedTaList.Id)];
        await sctp.SendAsync(Per.Encode(request), 0, N2Constants.NgapPpid, N2Harness.Timeout());

        var failure = Assert.IsType<UnsuccessfulOutcomeValue.NgSetup>(Assert.IsType<NgapPdu.UnsuccessfulOutcome>(await ReceiveAsync(sctp)).Value.Value).Value;
        Assert.Equal(CauseProtocol.AbstractSyntaxErrorReject, Assert.IsType<Cause.Protocol>(failure.Cause).Value);
        var item = Assert.Single(failure.CriticalityDiagnostics!.IEsCriticalityDiagnostics!);
        Assert.Equal(102, item.IeId);
        Assert.Equal(TypeOfError.Missing, item.TypeOfError);
    }

    [Fact]
    public async Task InitialUeMessage_BeforeNgSetup_ErrorIndicationNotCompatibleWithState()
    {
        await using var h = await N2Harness.StartAsync();
        await using var sctp = await h.Transport.ConnectAsync(h.Address, cancellationToken: N2Harness.Timeout());
        var ue = h.AddUe(1);
        await sctp.SendAsync(Per.Encode(SimGnbBuild.InitialUeMessage(N2Harness.GnbConfig(), 1, ue.StartRegistration())), 1, N2Constants.NgapPpid, N2Harness.Timeout());

        var ei = Assert.IsType<InitiatingMessageValue.ErrorIndication>(Assert.IsType<NgapPdu.InitiatingMessage>(await ReceiveAsync(sctp)).Value.Value).Value;
        Assert.Equal(CauseProtocol.MessageNotCompatibleWithReceiverState, Assert.IsType<Cause.Protocol>(ei.Cause).Value);
        Assert.Equal(15, ei.CriticalityDiagnostics!.ProcedureCode);
        Assert.Equal(0, h.Amf.UeCount);
    }

    [Theory]
    [InlineData(ProtectionScheme.Null)]
    [InlineData(ProtectionScheme.ProfileA)]
    [InlineData(ProtectionScheme.ProfileB)]
    public async Task InitialUeMessage_Received_Suci_RegistersOverN2_InitialContextSetupCarriesKgnbAndAccept(ProtectionScheme scheme)
    {
        await using var h = await N2Harness.StartAsync();
        var gnb = await h.ConnectGnbAsync();
        var ue = h.AddUe(1, scheme);

        var run = await N2Harness.RunUeAsync(gnb, ue, ct: N2Harness.Timeout());

        Assert.Null(run.Released);
        Assert.Equal(UeGmmState.Registered, ue.State);
        long amfId = run.Link.AmfUeNgapId!.Value;
        await h.WaitForStateAsync(amfId, GmmState.Registered);
        var ctx = h.Amf.TryGetContext(amfId)!;
        Assert.Equal(N1Harness.Supi(1), ctx.Supi);
        Assert.Equal(ctx.Guti, ue.Guti);
        // Authentication Request, Security Mode Command in Downlink NAS Transport; the Accept in Initial Context Setup.
        Assert.Equal([false, false, true], run.Downlinks.Select(d => d.InInitialContextSetup));
        var ics = run.Link.ContextSetup!;
        Assert.Equal(ctx.Kgnb.ToArray(), ics.SecurityKey!.Bytes);
        Assert.Equal(256, ics.SecurityKey.Length);
        // NAS 5G-EA 0xF0 / 5G-IA 0x70 (EA0-3, IA1-3) → NGAP NEA1-3 / NIA1-3 (0xE0), the null algorithms implicit.
        Assert.Equal([0xE0, 0x00], ics.UeSecurityCapabilities!.NRencryptionAlgorithms.Bytes);
        Assert.Equal([0xE0, 0x00], ics.UeSecurityCapabilities.NRintegrityProtectionAlgorithms.Bytes);
        Assert.Equal([new SNssaiValue(1)], ics.AllowedNssai!.Select(a => NgapValues.SNssai(a.SNssai)!.Value));
        Assert.Equal(NgapValues.Plmn(N1Harness.Plmn), ics.Guami!.PlmnIdentity);
        Assert.Equal(run.Downlinks[^1].Pdu, ics.NasPdu);
        Assert.Equal(1, h.Ngap.UeConnectionCount);
        Assert.Equal(0, gnb.UndecodableReceived);
    }

    [Fact]
    public async Task AuthenticationFailure_WrongK_AuthenticationRejectThenReleaseWithAuthenticationFailureCause()
    {
        await using var h = await N2Harness.StartAsync();
        var gnb = await h.ConnectGnbAsync();
        var ue = h.AddUe(2, usimK: N1Harness.K(99));

        var run = await N2Harness.RunUeAsync(gnb, ue, ct: N2Harness.Timeout());

        Assert.True(ue.AuthenticationRejected);
        Assert.Equal(CauseNas.AuthenticationFailure, Assert.IsType<Cause.Nas>(run.Released!.Cause).Value);
        // The Release Complete from the gNB removes the connection; the UE context is gone too.
        await WaitAsync(() => h.Ngap.UeConnectionCount == 0 && h.Amf.UeCount == 0);
    }

    [Fact]
    public async Task UeContextReleaseRequest_Received_ReleaseCommandWithGnbCause_UeStaysRegistered()
    {
        await using var h = await N2Harness.StartAsync();
        var gnb = await h.ConnectGnbAsync();
        var ue = h.AddUe(3);
        var run = await N2Harness.RunUeAsync(gnb, ue, ct: N2Harness.Timeout());
        long amfId = run.Link.AmfUeNgapId!.Value;
        await h.WaitForStateAsync(amfId, GmmState.Registered);

        await gnb.SendUeContextReleaseRequestAsync(run.Link, N2Harness.Timeout());
        var released = Assert.IsType<SimUeReleased>(await run.Link.Events.Reader.ReadAsync(N2Harness.Timeout()));

        Assert.Equal(CauseRadioNetwork.UserInactivity, Assert.IsType<Cause.RadioNetwork>(released.Cause).Value);
        await WaitAsync(() => h.Ngap.UeConnectionCount == 0);
        // CM-IDLE: the 5GMM context stays registered.
        Assert.Equal(GmmState.Registered, h.StateOf(amfId));
        Assert.Equal(1, h.Amf.UeCount);
    }

    [Fact]
    public async Task UplinkNasTransport_UnknownAmfUeNgapId_ErrorIndicationUnknownLocalUeNgapId()
    {
        await using var h = await N2Harness.StartAsync();
        var gnb = await h.ConnectGnbAsync();
        await gnb.SendRawAsync(Per.Encode(SimGnbBuild.UplinkNasTransport(gnb.Config, 4242, 7, new byte[] { 0x7E, 0x00, 0x43 })), 1, N2Harness.Timeout());

        var ei = await NextErrorIndicationAsync(gnb);
        Assert.Equal(CauseRadioNetwork.UnknownLocalUeNgapId, Assert.IsType<Cause.RadioNetwork>(ei.Cause).Value);
        Assert.Equal(4242, ei.AmfUeNgapId);
        Assert.Equal(7, ei.RanUeNgapId);
    }

    [Fact]
    public async Task UplinkNasTransport_WrongRanUeNgapId_ErrorIndicationInconsistentRemoteUeNgapId()
    {
        await using var h = await N2Harness.StartAsync();
        var gnb = await h.ConnectGnbAsync();
        var ue = h.AddUe(4);
        var run = await N2Harness.RunUeAsync(gnb, ue, ct: N2Harness.Timeout());
        long amfId = run.Link.AmfUeNgapId!.Value;

        await gnb.SendRawAsync(Per.Encode(SimGnbBuild.UplinkNasTransport(gnb.Config, amfId, 999, new byte[] { 0x7E, 0x00, 0x43 })), 1, N2Harness.Timeout());

        var ei = await NextErrorIndicationAsync(gnb);
        Assert.Equal(CauseRadioNetwork.InconsistentRemoteUeNgapId, Assert.IsType<Cause.RadioNetwork>(ei.Cause).Value);
    }

    [Fact]
    public async Task GarbageNgap_Received_ErrorIndicationTransferSyntaxError_AssociationKeepsWorking()
    {
        await using var h = await N2Harness.StartAsync();
        var gnb = await h.ConnectGnbAsync();
        await gnb.SendRawAsync(new byte[] { 0x00, 0x0F, 0x40, 0xFF, 0xFF, 0x01 }, 0, N2Harness.Timeout());

        var ei = await NextErrorIndicationAsync(gnb);
        Assert.Equal(CauseProtocol.TransferSyntaxError, Assert.IsType<Cause.Protocol>(ei.Cause).Value);

        var ue = h.AddUe(5);
        var run = await N2Harness.RunUeAsync(gnb, ue, ct: N2Harness.Timeout());
        Assert.Equal(UeGmmState.Registered, ue.State);
        Assert.Null(run.Released);
    }

    [Fact]
    public async Task AssociationLost_UeConnectionsReleased_RegisteredUeStays()
    {
        await using var h = await N2Harness.StartAsync();
        var gnb = await h.ConnectGnbAsync();
        var ue = h.AddUe(6);
        var run = await N2Harness.RunUeAsync(gnb, ue, ct: N2Harness.Timeout());
        long amfId = run.Link.AmfUeNgapId!.Value;
        await h.WaitForStateAsync(amfId, GmmState.Registered);
        Assert.Equal(1, h.Ngap.UeConnectionCount);

        await gnb.DisposeAsync();

        await WaitAsync(() => h.Ngap.UeConnectionCount == 0 && h.Ngap.Gnbs.Count == 0);
        Assert.Equal(GmmState.Registered, h.StateOf(amfId));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DeregistrationRequest_Received_AcceptUnlessSwitchOff_ReleaseWithDeregisterCause_ContextGone(bool switchOff)
    {
        await using var h = await N2Harness.StartAsync();
        var gnb = await h.ConnectGnbAsync();
        var ue = h.AddUe(7);
        var run = await N2Harness.RunUeAsync(gnb, ue, ct: N2Harness.Timeout());
        long amfId = run.Link.AmfUeNgapId!.Value;
        await h.WaitForStateAsync(amfId, GmmState.Registered);

        await gnb.SendUplinkNasAsync(run.Link, ue.StartDeregistration(switchOff), N2Harness.Timeout());
        var downlinks = new List<SimDownlinkNas>();
        SimUeReleased? released = null;
        await foreach (var e in run.Link.Events.Reader.ReadAllAsync(N2Harness.Timeout()))
        {
            if (e is SimDownlinkNas d)
            {
                downlinks.Add(d);
                Assert.Empty(ue.OnDownlink(d.Pdu));
            }
            else if (e is SimUeReleased r)
            {
                released = r;
                break;
            }
        }

        // §5.5.2.2.2: a Deregistration Accept (ciphered, so only the UE can tell) unless it was a switch-off.
        Assert.Equal(switchOff ? 0 : 1, downlinks.Count);
        Assert.Equal(UeGmmState.Deregistered, ue.State);
        Assert.Equal(CauseNas.Deregister, Assert.IsType<Cause.Nas>(released!.Cause).Value);
        await WaitAsync(() => h.Amf.UeCount == 0 && h.Ngap.UeConnectionCount == 0);
        Assert.Equal(GmmState.Deregistered, h.StateOf(amfId));
    }

    [Fact]
    public async Task DeregistrationRequest_NotIntegrityProtected_AfterSecurityOn_Ignored()
    {
        await using var h = await N2Harness.StartAsync();
        var gnb = await h.ConnectGnbAsync();
        var ue = h.AddUe(8);
        var run = await N2Harness.RunUeAsync(gnb, ue, ct: N2Harness.Timeout());
        long amfId = run.Link.AmfUeNgapId!.Value;
        await h.WaitForStateAsync(amfId, GmmState.Registered);

        // A plain (unprotected) switch-off deregistration for this UE, as an attacker on the radio could send it.
        var spoofed = new GlassCore.Nas.Messages.DeregistrationRequestUeOriginating
        {
            DeregistrationType = new HalfOctet(0x09),
            NgKsi = new NasKeySetIdentifier(1, false),
            MobileIdentity = FiveGsMobileIdentity.FromGuti(ue.Guti!.Value),
        };
        await gnb.SendUplinkNasAsync(run.Link, spoofed.ToArray(), N2Harness.Timeout());
        // Then a genuine one: it is handled after the spoofed one (same mailbox), so the spoofed one was ignored.
        await gnb.SendUplinkNasAsync(run.Link, ue.StartDeregistration(switchOff: false), N2Harness.Timeout());
        var first = await run.Link.Events.Reader.ReadAsync(N2Harness.Timeout());
        Assert.Empty(ue.OnDownlink(Assert.IsType<SimDownlinkNas>(first).Pdu));
        Assert.Equal(UeGmmState.Deregistered, ue.State);
    }

    [Fact]
    public async Task ServiceRequest_FromCmIdle_SameContext_NewKgnb_ServiceAcceptInInitialContextSetup()
    {
        await using var h = await N2Harness.StartAsync();
        var gnb = await h.ConnectGnbAsync();
        var ue = h.AddUe(9);
        var run = await N2Harness.RunUeAsync(gnb, ue, ct: N2Harness.Timeout());
        long amfId = run.Link.AmfUeNgapId!.Value;
        await h.WaitForStateAsync(amfId, GmmState.Registered);
        byte[] firstKgnb = run.Link.ContextSetup!.SecurityKey!.Bytes;
        await gnb.SendUeContextReleaseRequestAsync(run.Link, N2Harness.Timeout());
        Assert.IsType<SimUeReleased>(await run.Link.Events.Reader.ReadAsync(N2Harness.Timeout()));
        await WaitAsync(() => h.Ngap.UeConnectionCount == 0);

        var link = gnb.NewUe();
        await gnb.SendInitialUeMessageAsync(link, ue.StartServiceRequest(), N2Harness.Timeout());
        var accept = Assert.IsType<SimDownlinkNas>(await link.Events.Reader.ReadAsync(N2Harness.Timeout()));

        Assert.True(accept.InInitialContextSetup);
        Assert.Empty(ue.OnDownlink(accept.Pdu));
        Assert.True(ue.ServiceAccepted);
        // The UE's existing context took it (same AMF-UE-NGAP-ID) and derived K_gNB from the new uplink NAS COUNT.
        Assert.Equal(amfId, link.AmfUeNgapId);
        var ctx = h.Amf.TryGetContext(amfId)!;
        Assert.Equal(1, ctx.ServiceRequests);
        Assert.Equal(ctx.Kgnb.ToArray(), link.ContextSetup!.SecurityKey!.Bytes);
        Assert.NotEqual(firstKgnb, link.ContextSetup.SecurityKey.Bytes);
        Assert.Equal(1, h.Amf.UeCount);
    }

    [Fact]
    public async Task ServiceRequest_UnknownTmsi_ServiceRejectUeIdentityCannotBeDerived()
    {
        await using var h = await N2Harness.StartAsync();
        var gnb = await h.ConnectGnbAsync();
        var ue = h.AddUe(10);
        var run = await N2Harness.RunUeAsync(gnb, ue, ct: N2Harness.Timeout());
        await h.WaitForStateAsync(run.Link.AmfUeNgapId!.Value, GmmState.Registered);
        byte[] serviceRequest = ue.StartServiceRequest();
        // The AMF forgets the UE (switch-off deregistration frees its 5G-GUTI); the Service Request then names nobody.
        await gnb.SendUplinkNasAsync(run.Link, ue.StartDeregistration(switchOff: true), N2Harness.Timeout());
        Assert.IsType<SimUeReleased>(await run.Link.Events.Reader.ReadAsync(N2Harness.Timeout()));
        await WaitAsync(() => h.Amf.UeCount == 0);

        var link = gnb.NewUe();
        await gnb.SendInitialUeMessageAsync(link, serviceRequest, N2Harness.Timeout());
        var reject = Assert.IsType<SimDownlinkNas>(await link.Events.Reader.ReadAsync(N2Harness.Timeout()));
        Assert.True(NasMessageOf(reject.Pdu) is GlassCore.Nas.Messages.ServiceReject { Cause.Octet: 9 });
        Assert.IsType<SimUeReleased>(await link.Events.Reader.ReadAsync(N2Harness.Timeout()));
    }

    private static GlassCore.Nas.Messages.NasMessage? NasMessageOf(byte[] pdu) =>
        GlassCore.Nas.Messages.NasMessage.TryDecode(pdu, out var m, out _) ? m : null;

    private static async Task WaitAsync(Func<bool> condition)
    {
        var ct = N2Harness.Timeout();
        while (!condition())
        {
            await Task.Delay(10, ct);
        }
    }
}
