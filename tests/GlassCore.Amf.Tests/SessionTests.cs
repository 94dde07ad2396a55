// TS 24.501 §5.4.5 (UL/DL NAS transport), TS 23.502 §4.3.2.2.1, §4.2.3.2-§4.2.3.3, §4.3.4.2, §4.2.6 and TS 38.413
// §8.2.1, §8.2.2, §8.5.1, §8.3.1: the AMF's half of PDU sessions, end to end over usrsctp with a simulated gNB and a
// fake SMF behind the Nsmf_PDUSession interface.
using GlassCore.Amf.Gmm;
using GlassCore.Amf.Sbi;
using GlassCore.Amf.Sm;
using GlassCore.Asn1;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.Ngap;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Server;
using GlassCore.Sim;

namespace GlassCore.Amf.Tests;

[Collection(N2Collection.Name)]
public sealed class SessionTests
{
    private sealed record Registered(SimGnb Gnb, SimGnbUe Link, UeNas Ue, AmfUeContext Context, TestUeNas Nas)
    {
        public long Id => Context.AmfUeNgapId;
        public string Supi => Context.Supi!;
    }

    private static async Task<Registered> RegisterAsync(N2Harness h, SimGnb gnb, int i)
    {
        var ue = h.AddUe(i);
        var run = await N2Harness.RunUeAsync(gnb, ue, ct: N2Harness.Timeout());
        Assert.Equal(UeGmmState.Registered, ue.State);
        long id = run.Link.AmfUeNgapId!.Value;
        await h.WaitForStateAsync(id, GmmState.Registered);
        var ctx = h.Amf.TryGetContext(id)!;
        return new Registered(gnb, run.Link, ue, ctx, new TestUeNas(ctx, ue));
    }

    private static byte[] EstablishmentRequest(byte psi, byte pti = 1) => new PduSessionEstablishmentRequest
    {
        PduSessionId = psi,
        ProcedureTransactionId = pti,
        IntegrityProtectionMaximumDataRate = new OctetString(new byte[] { 0xFF, 0xFF }),
        PduSessionType = new HalfOctet(1),
    }.ToArray();

    private static UlNasTransport UlNas(byte psi, byte[] n1, byte? requestType, SNssaiValue? slice = null, GlassCore.Nas.Ies.Dnn? dnn = null) => new()
    {
        PayloadContainerType = new HalfOctet(PayloadContainerTypes.N1SmInformation),
        PayloadContainer = new PayloadContainer(n1),
        PduSessionId = OctetValue.Create(psi),
        RequestType = requestType is byte t ? new HalfOctet(t) : null,
        SNssai = slice is { } s ? GlassCore.Nas.Ies.SNssai.Create(s) : null,
        Dnn = dnn,
    };

    /// <summary>A real PDU Session Resource Setup Request Transfer (§9.3.4.1), as an SMF would build it.</summary>
    private static byte[] SetupRequestTransfer() => Per.Encode(new PduSessionResourceSetupRequestTransfer
    {
        ProtocolIEs =
        [
            new() { Id = PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.UlNguUpTnlInformation.Id, Criticality = Criticality.Reject, Value = new PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.UlNguUpTnlInformation { Value = new UpTransportLayerInformation.GtpTunnel { Value = new GtpTunnel { TransportLayerAddress = new BitString([127, 0, 0, 7]), GtpTeid = [0, 0, 0, 9] } } } },
            new() { Id = PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.PduSessionType.Id, Criticality = Criticality.Reject, Value = new PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.PduSessionType { Value = GlassCore.Ngap.PduSessionType.Ipv4 } },
        ],
    });

    /// <summary>The gNB's side of PDU session procedures and paging is played by each test, not by the simulator.</summary>
    private static SimGnbConfig ScriptedGnb => N2Harness.GnbConfig() with { AnswerSessionProcedures = false };

    private static async Task<T> NextInitiatingAsync<T>(SimGnb gnb) where T : InitiatingMessageValue
    {
        var ct = N2Harness.Timeout();
        while (true)
        {
            if (await gnb.NonUeMessages.ReadAsync(ct) is NgapPdu.InitiatingMessage { Value.Value: T v })
            {
                return v;
            }
        }
    }

    private static async Task<NasMessage> NextDownlinkAsync(Registered r, SimGnbUe? link = null)
    {
        var ct = N2Harness.Timeout();
        while (true)
        {
            if (await (link ?? r.Link).Events.Reader.ReadAsync(ct) is SimDownlinkNas d)
            {
                return r.Nas.Downlink(d.Pdu);
            }
        }
    }

    /// <summary>Registers, sends a PDU session establishment request for PDU session 1 and returns the Create the SMF got.</summary>
    /// <summary>UE <paramref name="i"/> with PDU session 1 established, then CM-IDLE after an AN release.</summary>
    private static async Task<Registered> IdleWithSessionAsync(N2Harness h, FakeSmf smf, SimGnb gnb, int i)
    {
        var (r, _, _) = await EstablishAsync(h, smf, gnb, i);
        await WaitUntilAsync(() => r.Context.PduSessions.TryGetValue(1, out var s) && s.SmContextRef is not null);
        await gnb.SendUeContextReleaseRequestAsync(r.Link, N2Harness.Timeout());
        await WaitUntilAsync(() => !h.Ngap.IsConnected(r.Id));
        return r;
    }

    /// <summary>The harness's AMF with a 200 ms T3513 and <paramref name="maxPagings"/> pagings.</summary>
    private static AmfConfiguration Paging(AmfConfiguration c, int maxPagings) => new()
    {
        Plmn = c.Plmn,
        TaiList = c.TaiList,
        SupportedNssai = c.SupportedNssai,
        T3513 = TimeSpan.FromMilliseconds(200),
        MaxPagings = maxPagings,
    };

    private static async Task<(Registered R, SmfCall Create, byte[] N1)> EstablishAsync(N2Harness h, FakeSmf smf, SimGnb gnb, int i)
    {
        var r = await RegisterAsync(h, gnb, i);
        byte[] n1 = EstablishmentRequest(1);
        await gnb.SendUplinkNasAsync(r.Link, r.Nas.Uplink(UlNas(1, n1, 1)), N2Harness.Timeout());
        return (r, await smf.NextAsync("create"), n1);
    }

    [Fact]
    public async Task UlNasTransport_EstablishmentRequest_CreateSmContextCarriesN1AndDefaultDnnAndSlice()
    {
        var smf = new FakeSmf();
        await using var h = await N2Harness.StartAsync(smf: smf);
        var gnb = await h.ConnectGnbAsync(ScriptedGnb);

        var (r, create, n1) = await EstablishAsync(h, smf, gnb, 1);

        var data = Assert.IsType<SmContextCreateData>(create.Data);
        Assert.Equal(n1, create.N1);
        Assert.Equal(r.Supi, data.Supi);
        Assert.Equal(1, data.PduSessionId);
        Assert.Equal("internet", data.Dnn);
        Assert.Equal(1, data.SNssai!.Sst);
        Assert.Null(data.SNssai.Sd);
        Assert.Equal("INITIAL_REQUEST", data.RequestType);
        Assert.Equal("3GPP_ACCESS", data.AnType);
        Assert.Equal("001", data.ServingNetwork.Mcc);
        Assert.Equal("010040", data.Guami!.AmfId);
    }

    [Fact]
    public async Task UlNasTransport_RequestedSliceAndDnn_ForwardedAsGiven()
    {
        var smf = new FakeSmf();
        await using var h = await N2Harness.StartAsync(smf: smf);
        var gnb = await h.ConnectGnbAsync(ScriptedGnb);
        var r = await RegisterAsync(h, gnb, 2);

        var dnn = new GlassCore.Nas.Ies.Dnn(new byte[] { 3, (byte)'i', (byte)'m', (byte)'s' });
        await gnb.SendUplinkNasAsync(r.Link, r.Nas.Uplink(UlNas(5, EstablishmentRequest(5), 1, new SNssaiValue(1), dnn)), N2Harness.Timeout());

        var data = Assert.IsType<SmContextCreateData>((await smf.NextAsync("create")).Data);
        Assert.Equal(5, data.PduSessionId);
        Assert.Equal("ims", data.Dnn);
    }

    [Fact]
    public async Task N1N2MessageTransfer_Connected_SetupRequestCarriesNasAndTransfer_ResponseReachesSmf()
    {
        var smf = new FakeSmf { OnUpdate = _ => new SmfAnswer(200, null, UpCnxState: UpCnxStates.Activated) };
        await using var h = await N2Harness.StartAsync(smf: smf);
        var gnb = await h.ConnectGnbAsync(ScriptedGnb);
        var (r, _, _) = await EstablishAsync(h, smf, gnb, 3);
        byte[] accept = [0x2E, 1, 1, 0xC2, 0x11, 0x00];
        byte[] transfer = SetupRequestTransfer();

        var outcome = await h.Amf.N1N2MessageTransferAsync(r.Supi, new N1N2Request(1, accept, transfer, N2SmInfoTypes.PduResSetupReq, null), N2Harness.Timeout());

        Assert.Equal(200, outcome.Status);
        Assert.Equal("N1_N2_TRANSFER_INITIATED", outcome.Cause);
        var setup = (await NextInitiatingAsync<InitiatingMessageValue.PduSessionResourceSetup>(gnb)).Value;
        Assert.Equal(r.Id, setup.AmfUeNgapId);
        Assert.Equal(r.Link.RanUeNgapId, setup.RanUeNgapId);
        var item = Assert.Single(setup.PduSessionResourceSetupListSuReq!);
        Assert.Equal(1, item.PduSessionId);
        Assert.Equal(new SNssaiValue(1), Ngap.NgapValues.SNssai(item.SNssai));
        Assert.Equal(transfer, item.PduSessionResourceSetupRequestTransfer);
        Assert.True(Per.TryDecode<PduSessionResourceSetupRequestTransfer>(item.PduSessionResourceSetupRequestTransfer, out var decoded, out var error), error.ToString());
        Assert.Equal(2, decoded.ProtocolIEs.Length);
        var dl = Assert.IsType<DlNasTransport>(r.Nas.Downlink(item.PduSessionNasPdu!));
        Assert.Equal(PayloadContainerTypes.N1SmInformation, dl.PayloadContainerType.Value);
        Assert.Equal(1, dl.PduSessionId!.Value.Octet);
        Assert.Equal(accept, dl.PayloadContainer.Value.ToArray());
        Assert.Null(dl.Cause);

        byte[] responseTransfer = [0x00, 0x03, 0x40, 0x7F, 0x00, 0x00, 0x01];
        await gnb.SendNonUeAsync(SetupResponse(r, 1, responseTransfer), N2Harness.Timeout());

        var update = await smf.NextAsync("update");
        Assert.Equal(N2SmInfoTypes.PduResSetupRsp, Assert.IsType<SmContextUpdateData>(update.Data).N2SmInfoType);
        Assert.Equal(responseTransfer, update.N2);
        Assert.EndsWith("/sm-contexts/1", update.SmContextRef, StringComparison.Ordinal);
    }

    private static NgapPdu.SuccessfulOutcome SetupResponse(Registered r, long psi, byte[] transfer) =>
        NgapPdus.Successful(new SuccessfulOutcomeValue.PduSessionResourceSetup
        {
            Value = new PduSessionResourceSetupResponse
            {
                ProtocolIEs =
                [
                    new() { Id = PduSessionResourceSetupResponseIEsProtocolIeFieldValue.AmfUeNgapId.Id, Criticality = Criticality.Ignore, Value = new PduSessionResourceSetupResponseIEsProtocolIeFieldValue.AmfUeNgapId { Value = r.Id } },
                    new() { Id = PduSessionResourceSetupResponseIEsProtocolIeFieldValue.RanUeNgapId.Id, Criticality = Criticality.Ignore, Value = new PduSessionResourceSetupResponseIEsProtocolIeFieldValue.RanUeNgapId { Value = r.Link.RanUeNgapId } },
                    new() { Id = PduSessionResourceSetupResponseIEsProtocolIeFieldValue.PduSessionResourceSetupListSuRes.Id, Criticality = Criticality.Ignore, Value = new PduSessionResourceSetupResponseIEsProtocolIeFieldValue.PduSessionResourceSetupListSuRes { Value = [new PduSessionResourceSetupItemSuRes { PduSessionId = psi, PduSessionResourceSetupResponseTransfer = transfer }] } },
                ],
            },
        }, Criticality.Reject);

    [Fact]
    public async Task CreateSmContext_Refused_UeGetsSmfRejectOrCause91WithItsOwnMessage()
    {
        byte[] reject = [0x2E, 1, 1, 0xC3, 27];
        var smf = new FakeSmf
        {
            OnCreate = d => d.PduSessionId == 1
                ? SmfAnswer.Failed(GlassCore.Sbi.Problems.Make(403, "DNN_NOT_SUPPORTED", "no such DNN"), reject)
                : SmfAnswer.Failed(GlassCore.Sbi.Problems.Make(403, "DNN_DENIED", "not subscribed")),
        };
        await using var h = await N2Harness.StartAsync(smf: smf);
        var gnb = await h.ConnectGnbAsync(ScriptedGnb);
        var (r, _, _) = await EstablishAsync(h, smf, gnb, 4);

        var first = Assert.IsType<DlNasTransport>(await NextDownlinkAsync(r));
        Assert.Equal(reject, first.PayloadContainer.Value.ToArray());
        Assert.Null(first.Cause);

        byte[] second = EstablishmentRequest(2, 2);
        await gnb.SendUplinkNasAsync(r.Link, r.Nas.Uplink(UlNas(2, second, 1)), N2Harness.Timeout());
        var back = Assert.IsType<DlNasTransport>(await NextDownlinkAsync(r));
        Assert.Equal(GmmCauses.DnnNotSupportedOrNotSubscribedInTheSlice, back.Cause!.Value.Octet);
        Assert.Equal(second, back.PayloadContainer.Value.ToArray());
        Assert.Equal(2, back.PduSessionId!.Value.Octet);
        Assert.Empty(r.Context.PduSessions);
    }

    [Fact]
    public async Task UlNasTransport_NoRoutingContextOrSliceNotAllowed_PayloadNotForwarded90()
    {
        var smf = new FakeSmf();
        await using var h = await N2Harness.StartAsync(smf: smf);
        var gnb = await h.ConnectGnbAsync(ScriptedGnb);
        var r = await RegisterAsync(h, gnb, 5);

        byte[] release = [0x2E, 7, 3, 0xD1];
        await gnb.SendUplinkNasAsync(r.Link, r.Nas.Uplink(UlNas(7, release, 2)), N2Harness.Timeout());
        var back = Assert.IsType<DlNasTransport>(await NextDownlinkAsync(r));
        Assert.Equal(GmmCauses.PayloadWasNotForwarded, back.Cause!.Value.Octet);
        Assert.Equal(release, back.PayloadContainer.Value.ToArray());

        byte[] est = EstablishmentRequest(3);
        await gnb.SendUplinkNasAsync(r.Link, r.Nas.Uplink(UlNas(3, est, 1, new SNssaiValue(9))), N2Harness.Timeout());
        back = Assert.IsType<DlNasTransport>(await NextDownlinkAsync(r));
        Assert.Equal(GmmCauses.PayloadWasNotForwarded, back.Cause!.Value.Octet);
        Assert.Equal(est, back.PayloadContainer.Value.ToArray());
        Assert.False(smf.Calls.Reader.TryRead(out _));
    }

    [Fact]
    public async Task UeRequestedRelease_SmfCommands_ReleaseCommandWithNas_ResponseReachesSmf()
    {
        byte[] command = [0x2E, 1, 4, 0xD3, 36];
        byte[] relTransfer = Per.Encode(new PduSessionResourceReleaseCommandTransfer { Cause = new Cause.Nas { Value = CauseNas.NormalRelease } });
        var smf = new FakeSmf
        {
            OnUpdate = d => d.N2SmInfoType is null ? new SmfAnswer(200, null, N1SmMsg: command, N2SmInfo: relTransfer, N2SmInfoType: N2SmInfoTypes.PduResRelCmd) : new SmfAnswer(204, null),
        };
        await using var h = await N2Harness.StartAsync(smf: smf);
        var gnb = await h.ConnectGnbAsync(ScriptedGnb);
        var (r, _, _) = await EstablishAsync(h, smf, gnb, 6);
        await WaitUntilAsync(() => r.Context.PduSessions.TryGetValue(1, out var s) && s.SmContextRef is not null);

        byte[] request = [0x2E, 1, 4, 0xD1];
        await gnb.SendUplinkNasAsync(r.Link, r.Nas.Uplink(UlNas(1, request, null)), N2Harness.Timeout());
        var update = await smf.NextAsync("update");
        Assert.Equal(request, update.N1);

        var cmd = (await NextInitiatingAsync<InitiatingMessageValue.PduSessionResourceRelease>(gnb)).Value;
        var item = Assert.Single(cmd.PduSessionResourceToReleaseListRelCmd!);
        Assert.Equal(1, item.PduSessionId);
        Assert.Equal(relTransfer, item.PduSessionResourceReleaseCommandTransfer);
        var dl = Assert.IsType<DlNasTransport>(r.Nas.Downlink(cmd.NasPdu!));
        Assert.Equal(command, dl.PayloadContainer.Value.ToArray());

        byte[] relRsp = [0x00, 0x00];
        await gnb.SendNonUeAsync(NgapPdus.Successful(new SuccessfulOutcomeValue.PduSessionResourceRelease
        {
            Value = new PduSessionResourceReleaseResponse
            {
                ProtocolIEs =
                [
                    new() { Id = PduSessionResourceReleaseResponseIEsProtocolIeFieldValue.AmfUeNgapId.Id, Criticality = Criticality.Ignore, Value = new PduSessionResourceReleaseResponseIEsProtocolIeFieldValue.AmfUeNgapId { Value = r.Id } },
                    new() { Id = PduSessionResourceReleaseResponseIEsProtocolIeFieldValue.RanUeNgapId.Id, Criticality = Criticality.Ignore, Value = new PduSessionResourceReleaseResponseIEsProtocolIeFieldValue.RanUeNgapId { Value = r.Link.RanUeNgapId } },
                    new() { Id = PduSessionResourceReleaseResponseIEsProtocolIeFieldValue.PduSessionResourceReleasedListRelRes.Id, Criticality = Criticality.Ignore, Value = new PduSessionResourceReleaseResponseIEsProtocolIeFieldValue.PduSessionResourceReleasedListRelRes { Value = [new PduSessionResourceReleasedItemRelRes { PduSessionId = 1, PduSessionResourceReleaseResponseTransfer = relRsp }] } },
                ],
            },
        }, Criticality.Reject), N2Harness.Timeout());
        var rsp = await smf.NextAsync("update");
        Assert.Equal(N2SmInfoTypes.PduResRelRsp, Assert.IsType<SmContextUpdateData>(rsp.Data).N2SmInfoType);
        Assert.Equal(relRsp, rsp.N2);
    }

    [Fact]
    public async Task CmIdle_N1N2MessageTransfer_PagingAnd202_ServiceRequestSetsUserPlaneUpInInitialContextSetup()
    {
        var smf = new FakeSmf { OnUpdate = d => new SmfAnswer(200, null, UpCnxState: d.UpCnxState ?? UpCnxStates.Activated) };
        await using var h = await N2Harness.StartAsync(smf: smf);
        var gnb = await h.ConnectGnbAsync(ScriptedGnb);
        var (r, _, _) = await EstablishAsync(h, smf, gnb, 7);
        await WaitUntilAsync(() => r.Context.PduSessions.TryGetValue(1, out var s) && s.SmContextRef is not null);
        Assert.Equal(200, (await h.Amf.N1N2MessageTransferAsync(r.Supi, new N1N2Request(1, null, SetupRequestTransfer(), N2SmInfoTypes.PduResSetupReq, null), N2Harness.Timeout())).Status);
        await NextInitiatingAsync<InitiatingMessageValue.PduSessionResourceSetup>(gnb);
        await gnb.SendNonUeAsync(SetupResponse(r, 1, [1, 2, 3]), N2Harness.Timeout());
        await smf.NextAsync("update");
        await WaitUntilAsync(() => r.Context.PduSessions[1].UserPlaneActive);

        // AN release (TS 23.502 §4.2.6): the session's user plane is deactivated at the SMF.
        await gnb.SendUeContextReleaseRequestAsync(r.Link, N2Harness.Timeout());
        var deactivate = await smf.NextAsync("update");
        Assert.Equal(UpCnxStates.Deactivated, Assert.IsType<SmContextUpdateData>(deactivate.Data).UpCnxState);
        await WaitUntilAsync(() => !h.Ngap.IsConnected(r.Id));

        // Downlink data: the SMF's N2 setup request for an idle UE → Paging, 202.
        byte[] transfer = SetupRequestTransfer();
        var outcome = await h.Amf.N1N2MessageTransferAsync(r.Supi, new N1N2Request(1, null, transfer, N2SmInfoTypes.PduResSetupReq, null), N2Harness.Timeout());
        Assert.Equal(202, outcome.Status);
        Assert.Equal("ATTEMPTING_TO_REACH_UE", outcome.Cause);
        var paging = (await NextInitiatingAsync<InitiatingMessageValue.Paging>(gnb)).Value;
        var stmsi = Assert.IsType<UePagingIdentity.FiveGSTmsi>(paging.UePagingIdentity).Value;
        var guti = r.Context.Guti!.Value;
        Assert.Equal((ulong)guti.AmfSetId, stmsi.AmfSetId.ToUInt64());
        Assert.Equal((ulong)guti.AmfPointer, stmsi.AmfPointer.ToUInt64());
        Assert.Equal(guti.Tmsi, (uint)stmsi.FiveGTmsi.ToUInt64());
        var tai = Assert.Single(paging.TaiListForPaging!).Tai;
        Assert.Equal(1u, Ngap.NgapValues.Tac(tai.Tac));

        // The UE answers with a Service Request: the pending N2 SM information rides in Initial Context Setup.
        var link = gnb.NewUe();
        var sr = r.Nas.Initial(new ServiceRequest
        {
            NgKsi = new NasKeySetIdentifier(r.Context.NgKsi),
            ServiceType = new HalfOctet(0),
            STmsi = FiveGsMobileIdentity.FromSTmsi(new GlassCore.Nas.Ies.FiveGSTmsi(guti.AmfSetId, guti.AmfPointer, guti.Tmsi)),
        });
        await gnb.SendInitialUeMessageAsync(link, sr, N2Harness.Timeout());
        var accept = Assert.IsType<ServiceAccept>(await NextDownlinkAsync(r, link));
        Assert.NotNull(accept);
        var ics = link.ContextSetup!;
        var item = Assert.Single(ics.PduSessionResourceSetupListCxtReq!);
        Assert.Equal(1, item.PduSessionId);
        Assert.Equal(transfer, item.PduSessionResourceSetupRequestTransfer);
        Assert.NotNull(ics.UeAggregateMaximumBitRate);
    }

    [Fact]
    public async Task ServiceRequest_UplinkDataStatus_SmfActivates_InitialContextSetupCarriesItsTransfer()
    {
        byte[] transfer = SetupRequestTransfer();
        var smf = new FakeSmf
        {
            OnUpdate = d => d.UpCnxState == UpCnxStates.Activating
                ? new SmfAnswer(200, null, UpCnxState: UpCnxStates.Activating, N2SmInfo: transfer, N2SmInfoType: N2SmInfoTypes.PduResSetupReq)
                : new SmfAnswer(200, null, UpCnxState: d.UpCnxState ?? UpCnxStates.Activated),
        };
        await using var h = await N2Harness.StartAsync(smf: smf);
        var gnb = await h.ConnectGnbAsync(ScriptedGnb);
        Registered r = await IdleWithSessionAsync(h, smf, gnb, 10);

        var guti = r.Context.Guti!.Value;
        var link = gnb.NewUe();
        await gnb.SendInitialUeMessageAsync(link, r.Nas.Initial(new ServiceRequest
        {
            NgKsi = new NasKeySetIdentifier(r.Context.NgKsi),
            ServiceType = new HalfOctet(1),
            STmsi = FiveGsMobileIdentity.FromSTmsi(new GlassCore.Nas.Ies.FiveGSTmsi(guti.AmfSetId, guti.AmfPointer, guti.Tmsi)),
            UplinkDataStatus = PduSessionStatus.Create(1 << 1),
            PduSessionStatus = PduSessionStatus.Create(1 << 1),
        }), N2Harness.Timeout());

        var activate = await smf.NextAsync("update");
        Assert.Equal(UpCnxStates.Activating, Assert.IsType<SmContextUpdateData>(activate.Data).UpCnxState);
        var accept = Assert.IsType<ServiceAccept>(await NextDownlinkAsync(r, link));
        Assert.Equal(1 << 1, accept.PduSessionStatus!.Value.Mask);
        Assert.Equal(0, accept.PduSessionReactivationResult!.Value.Mask);
        var item = Assert.Single(link.ContextSetup!.PduSessionResourceSetupListCxtReq!);
        Assert.Equal(transfer, item.PduSessionResourceSetupRequestTransfer);
    }

    [Fact]
    public async Task Deregistration_EverySessionReleasedAtItsSmf()
    {
        var smf = new FakeSmf();
        await using var h = await N2Harness.StartAsync(smf: smf);
        var gnb = await h.ConnectGnbAsync(ScriptedGnb);
        var (r, _, _) = await EstablishAsync(h, smf, gnb, 8);
        await WaitUntilAsync(() => r.Context.PduSessions.TryGetValue(1, out var s) && s.SmContextRef is not null);
        string reference = r.Context.PduSessions[1].SmContextRef!;

        await gnb.SendUplinkNasAsync(r.Link, r.Nas.Uplink(new DeregistrationRequestUeOriginating
        {
            DeregistrationType = new HalfOctet(0x09),
            NgKsi = new NasKeySetIdentifier(r.Context.NgKsi),
            MobileIdentity = FiveGsMobileIdentity.FromGuti(r.Context.Guti!.Value),
        }), N2Harness.Timeout());

        Assert.Equal(reference, (await smf.NextAsync("release")).SmContextRef);
    }

    [Fact]
    public async Task N1N2MessageTransfer_UnknownUeOrSession_404ContextNotFound()
    {
        var smf = new FakeSmf();
        await using var h = await N2Harness.StartAsync(smf: smf);
        var gnb = await h.ConnectGnbAsync(ScriptedGnb);
        var r = await RegisterAsync(h, gnb, 9);

        var unknownUe = await h.Amf.N1N2MessageTransferAsync("imsi-001019999999999", new N1N2Request(1, [1], null, null, null), N2Harness.Timeout());
        var unknownSession = await h.Amf.N1N2MessageTransferAsync(r.Supi, new N1N2Request(4, [1], null, null, null), N2Harness.Timeout());

        Assert.Equal(404, unknownUe.Status);
        Assert.Equal("CONTEXT_NOT_FOUND", unknownUe.Problem!.Cause);
        Assert.Equal(404, unknownSession.Status);
        Assert.Equal("CONTEXT_NOT_FOUND", unknownSession.Problem!.Cause);
    }

    [Theory]
    [InlineData("{}", "MANDATORY_IE_MISSING")]
    [InlineData("""{"n1MessageContainer":{"n1MessageClass":"SM","n1MessageContent":{"contentId":"nowhere"}},"pduSessionId":1}""", "MANDATORY_IE_INCORRECT")]
    [InlineData("""{"n1MessageContainer":{"n1MessageClass":"LPP","n1MessageContent":{"contentId":"n1"}},"pduSessionId":1}""", "MANDATORY_IE_INCORRECT")]
    [InlineData("""{"n1MessageContainer":{"n1MessageClass":"SM","n1MessageContent":{"contentId":"n1"}},"pduSessionId":16}""", "MANDATORY_IE_INCORRECT")]
    [InlineData("""{"n2InfoContainer":{"n2InformationClass":"SM","smInfo":{"pduSessionId":1}}}""", "MANDATORY_IE_INCORRECT")]
    public void N1N2MessageTransfer_Malformed_400WithTheCause(string json, string cause)
    {
        var data = System.Text.Json.JsonSerializer.Deserialize(json, GlassCore.Sbi.SessionJsonContext.Default.N1N2MessageTransferReqData)!;
        var r = NamfCommEndpoints.Validate(new SbiMessage<N1N2MessageTransferReqData>(data, [new BinaryPart("n1", SbiMultipart.NasMediaType, [1, 2])]));

        Assert.False(r.IsOk);
        Assert.Equal(400, r.Problem!.Status);
        Assert.Equal(cause, r.Problem.Cause);
    }

    [Fact]
    public async Task CmIdle_NoAnswerToPaging_T3513PagesAgainUpToTheLimit_ThenAnotherTransferStartsOver()
    {
        var smf = new FakeSmf { OnUpdate = d => new SmfAnswer(200, null, UpCnxState: d.UpCnxState ?? UpCnxStates.Activated) };
        await using var h = await N2Harness.StartAsync(c => Paging(c, maxPagings: 3), smf);
        var gnb = await h.ConnectGnbAsync(ScriptedGnb);
        Registered r = await IdleWithSessionAsync(h, smf, gnb, 9);

        var first = await h.Amf.N1N2MessageTransferAsync(r.Supi, new N1N2Request(1, null, SetupRequestTransfer(), N2SmInfoTypes.PduResSetupReq, null), N2Harness.Timeout());
        Assert.Equal(202, first.Status);
        // A second request while paging is under way waits with the first one: no paging of its own (TS 23.502 §4.2.3.3 step 3b).
        var second = await h.Amf.N1N2MessageTransferAsync(r.Supi, new N1N2Request(1, [0x2E, 0x01, 0x00, 0xD6, 0x1A], null, null, null), N2Harness.Timeout());
        Assert.Equal((202, "ATTEMPTING_TO_REACH_UE"), (second.Status, second.Cause));
        for (int i = 0; i < 3; i++)
        {
            await NextInitiatingAsync<InitiatingMessageValue.Paging>(gnb);
        }
        await WaitUntilAsync(() => !r.Context.PagingInProgress);
        Assert.Equal(3, r.Context.PagingsSent);
        Assert.Null(r.Context.PduSessions[1].PendingN2Setup);
        Assert.Empty(r.Context.PduSessions[1].PendingN1);

        // After giving up, the next mobile-terminated request pages again from the start.
        var again = await h.Amf.N1N2MessageTransferAsync(r.Supi, new N1N2Request(1, null, SetupRequestTransfer(), N2SmInfoTypes.PduResSetupReq, null), N2Harness.Timeout());
        Assert.Equal(202, again.Status);
        await NextInitiatingAsync<InitiatingMessageValue.Paging>(gnb);
        Assert.True(r.Context.PagingsSent >= 4);
    }

    [Fact]
    public async Task CmIdle_PagingFails_TheSmfThatAskedIsToldUeNotResponding()
    {
        var smf = new FakeSmf { OnUpdate = d => new SmfAnswer(200, null, UpCnxState: d.UpCnxState ?? UpCnxStates.Activated) };
        await using var h = await N2Harness.StartAsync(c => Paging(c, maxPagings: 2), smf);
        var gnb = await h.ConnectGnbAsync(ScriptedGnb);
        Registered r = await IdleWithSessionAsync(h, smf, gnb, 10);

        // Two transfers wait for the UE; one asks to hear about a failure, the other does not.
        const string notify = "http://smf.test/nsmf-callback/v1/n1n2-failure/1";
        const string message = "http://amf.test/namf-comm/v1/ue-contexts/x/n1-n2-messages/a";
        var first = await h.Amf.N1N2MessageTransferAsync(r.Supi, new N1N2Request(1, null, SetupRequestTransfer(), N2SmInfoTypes.PduResSetupReq, null, notify, message), N2Harness.Timeout());
        var second = await h.Amf.N1N2MessageTransferAsync(r.Supi, new N1N2Request(1, [0x2E, 0x01, 0x00, 0xD6, 0x1A], null, null, null), N2Harness.Timeout());
        Assert.Equal((202, 202), (first.Status, second.Status));
        for (int i = 0; i < 2; i++)
        {
            await NextInitiatingAsync<InitiatingMessageValue.Paging>(gnb);
        }
        // TS 23.502 §4.2.3.3 step 4c / TS 29.518 §5.2.2.3.1: after the last paging's T3513, UE_NOT_RESPONDING to the callback.
        SmfCall failure = await smf.NextAsync("n1n2-failure");
        Assert.Equal(notify, failure.SmContextRef);
        var n = Assert.IsType<N1N2MsgTxfrFailureNotification>(failure.Data);
        Assert.Equal(("UE_NOT_RESPONDING", message), (n.Cause, n.N1n2MsgDataUri));
        await WaitUntilAsync(() => !r.Context.PagingInProgress);
        Assert.Equal(2, r.Context.PagingsSent);
    }

    [Fact]
    public async Task SmContextStatusNotify_Released_RoutingContextDropped_UnknownSessionIsFalse()
    {
        var smf = new FakeSmf();
        await using var h = await N2Harness.StartAsync(smf: smf);
        var gnb = await h.ConnectGnbAsync(ScriptedGnb);
        var (r, _, _) = await EstablishAsync(h, smf, gnb, 10);
        await WaitUntilAsync(() => r.Context.PduSessions.TryGetValue(1, out var s) && s.SmContextRef is not null);

        var released = new StatusInfo { ResourceStatus = "RELEASED", Cause = "REL_DUE_TO_REACTIVATION" };
        Assert.True(await h.Amf.SmContextStatusNotifyAsync(r.Supi, 1, released, N2Harness.Timeout()));
        await WaitUntilAsync(() => !r.Context.PduSessions.ContainsKey(1));
        Assert.False(await h.Amf.SmContextStatusNotifyAsync(r.Supi, 1, released, N2Harness.Timeout()));
        Assert.False(await h.Amf.SmContextStatusNotifyAsync("imsi-001010000000999", 1, released, N2Harness.Timeout()));
        // The session is gone from the AMF: a new UL 5GSM message for it is not forwarded (#90).
        Assert.Equal(404, (await h.Amf.N1N2MessageTransferAsync(r.Supi, new N1N2Request(1, [0x2E, 0x01, 0x00, 0xD6, 0x1A], null, null, null), N2Harness.Timeout())).Status);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var ct = N2Harness.Timeout();
        while (!condition())
        {
            await Task.Delay(10, ct);
        }
    }
}
