// TS 29.244 §6.2-§6.3 on the UP side, handler by handler, against a forwarding plane without sockets (style anchor #15).
using System.Buffers.Binary;
using System.Net;
using GlassCore.Pfcp;
using GlassCore.Upf.DataPath;

namespace GlassCore.Upf.Tests;

public sealed class UpfPfcpHandlerTests : IDisposable
{
    private static readonly IPEndPoint SmfPeer = new(N4.Smf, 8805);
    private static readonly IPAddress Gnb = IPAddress.Parse("127.0.0.1");
    private readonly UpfOptions _options = new() { EnableDataPath = false };
    private readonly UserPlane _plane;
    private readonly UpfPfcpHandler _handler;

    public UpfPfcpHandlerTests()
    {
        _plane = new UserPlane(_options);
        _handler = new UpfPfcpHandler(_options, _plane);
    }

    public void Dispose() => _plane.Dispose();

    private T Handle<T>(PfcpMessage request) where T : PfcpMessage
    {
        // Through the codec both ways, as PfcpNode would: what the handler answers must encode and decode.
        Assert.True(PfcpMessage.TryDecodeExact(request.Encode(), out PfcpMessage decoded, out PfcpDecodeError err), err.ToString());
        PfcpMessage? rsp = _handler.HandleAsync(decoded, SmfPeer, CancellationToken.None).AsTask().Result;
        Assert.NotNull(rsp);
        Assert.True(PfcpMessage.TryDecodeExact(rsp.Encode(), out PfcpMessage back, out err), err.ToString());
        return Assert.IsType<T>(back);
    }

    private SessionEstablishmentResponse Establish(ulong cpSeid, string ue, uint gnbTeid = 0x22, FTeid? ul = null)
    {
        Handle<AssociationSetupResponse>(N4.Setup());
        return Handle<SessionEstablishmentResponse>(N4.Session(cpSeid, IPAddress.Parse(ue), gnbTeid, Gnb, ul));
    }

    private static uint Ip(string s) => BinaryPrimitives.ReadUInt32BigEndian(IPAddress.Parse(s).GetAddressBytes());

    [Fact]
    public void Heartbeat_AnsweredWithTheUpfRecoveryTimeStamp()
    {
        var rsp = Handle<HeartbeatResponse>(new HeartbeatRequest { RecoveryTimeStamp = new PfcpTimeStamp(1) });
        Assert.Equal(_handler.RecoveryTimeStamp.NtpSeconds, rsp.RecoveryTimeStamp!.NtpSeconds);
    }

    [Fact]
    public void AssociationSetup_Accepted_WithNodeIdAndFtupFeature()
    {
        var rsp = Handle<AssociationSetupResponse>(N4.Setup());
        Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(rsp));
        Assert.Equal(_options.Pfcp.Address, rsp.NodeId!.Address);
        Assert.True(rsp.UpFunctionFeatures!.Ftup);
        Assert.NotNull(rsp.RecoveryTimeStamp);
    }

    [Fact]
    public void AssociationUpdate_UnknownNode_NoEstablishedAssociation()
    {
        var rsp = Handle<AssociationUpdateResponse>(new AssociationUpdateRequest { NodeId = NodeId.FromAddress(IPAddress.Parse("127.0.0.99")) });
        Assert.Equal(PfcpCause.NoEstablishedPfcpAssociation, N4.CauseOf(rsp));
    }

    [Fact]
    public void SessionEstablishment_WithoutAssociation_Rejected72()
    {
        var rsp = Handle<SessionEstablishmentResponse>(N4.Session(7, IPAddress.Parse("10.45.0.2"), 0x22, Gnb));
        Assert.Equal(PfcpCause.NoEstablishedPfcpAssociation, N4.CauseOf(rsp));
        Assert.Equal(7UL, rsp.Seid);
        Assert.Null(rsp.UpFSeid);
    }

    [Fact]
    public void SessionEstablishment_Choose_AllocatesTeid_AndPublishesBothDirections()
    {
        var rsp = Establish(0x1234, "10.45.0.2");
        Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(rsp));
        Assert.Equal(0x1234UL, rsp.Seid); // header SEID = the CP's SEID
        Assert.Equal(_options.Pfcp.Address, rsp.UpFSeid!.IPv4);
        FTeid ul = rsp.CreatedPdrs.Single().LocalFTeid!;
        Assert.Equal(_options.N3Address, ul.IPv4);
        Assert.NotEqual(0u, ul.Teid);

        ForwardingTables t = _plane.Tables;
        CompiledPdr up = Assert.Single(t.Uplink[ul.Teid]);
        Assert.Equal(1, up.Id);
        Assert.True(up.RemovesGtpU);
        Assert.Equal(InterfaceValue.Core, up.Far.Destination);
        CompiledPdr down = Assert.Single(t.Downlink[Ip("10.45.0.2")]);
        Assert.Equal(2, down.Id);
        Assert.Equal(0x22u, down.Far.OuterTeid);
        Assert.Equal(9, down.Qfi);
    }

    [Fact]
    public void SessionEstablishment_ChooseId_TwoPdrsShareOneTeid()
    {
        Handle<AssociationSetupResponse>(N4.Setup());
        var r = N4.Session(5, IPAddress.Parse("10.45.0.3"), 0x22, Gnb, FTeid.ChooseOf(true, false, chooseId: 1));
        r.Add(PfcpIeType.CreatePdr, N4.Pdr(3, 100, N4.UplinkPdi(FTeid.ChooseOf(true, false, chooseId: 1), IPAddress.Parse("10.45.0.3"), qfi: 5), 1, removeGtp: true));
        var rsp = Handle<SessionEstablishmentResponse>(r);
        Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(rsp));
        Assert.Equal(N4.TeidOf(rsp, 1), N4.TeidOf(rsp, 3));
        CompiledPdr[] pdrs = _plane.Tables.Uplink[N4.TeidOf(rsp, 1)];
        Assert.Equal([3, 1], pdrs.Select(p => (int)p.Id)); // precedence 100 before 200
    }

    [Fact]
    public void SessionEstablishment_PdrWithUnknownFar_RuleCreationFailure_OtherSessionsUntouched()
    {
        var first = Establish(1, "10.45.0.2");
        uint teid = N4.TeidOf(first, 1);
        var bad = N4.Session(2, IPAddress.Parse("10.45.0.9"), 0x23, Gnb);
        bad.Add(PfcpIeType.CreatePdr, N4.Pdr(7, 10, N4.DownlinkPdi(IPAddress.Parse("10.45.0.9")), 99, removeGtp: false));
        var rsp = Handle<SessionEstablishmentResponse>(bad);
        Assert.Equal(PfcpCause.RuleCreationModificationFailure, N4.CauseOf(rsp));
        RawIe failed = Assert.IsType<RawIe>(rsp.Get<RawIe>(PfcpIeType.FailedRuleId));
        Assert.Equal([0, 0, 7], failed.Octets); // PDR 7
        Assert.Equal(1, _handler.SessionCount);
        Assert.True(_plane.Tables.Uplink.ContainsKey(teid));
        Assert.False(_plane.Tables.Downlink.ContainsKey(Ip("10.45.0.9")));
        // The TEID the failed request took (teid + 1) was given back: another session may name it explicitly.
        var next = Establish(3, "10.45.0.4", ul: FTeid.Of(teid + 1, IPAddress.Parse("127.0.0.7")));
        Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(next));
    }

    [Fact]
    public void SessionEstablishment_UnparsableSdfFilter_RuleCreationFailure()
    {
        Handle<AssociationSetupResponse>(N4.Setup());
        var r = N4.Session(4, IPAddress.Parse("10.45.0.5"), 0x22, Gnb);
        r.Add(PfcpIeType.CreatePdr, N4.Pdr(5, 10, N4.DownlinkPdi(IPAddress.Parse("10.45.0.5"), "deny in ip from any to assigned"), 2, removeGtp: false));
        var rsp = Handle<SessionEstablishmentResponse>(r);
        Assert.Equal(PfcpCause.RuleCreationModificationFailure, N4.CauseOf(rsp));
        Assert.Equal(PfcpIeType.SdfFilter, (ushort)rsp.Get<OffendingIe>(PfcpIeType.OffendingIe)!.RawValue);
    }

    [Fact]
    public void SessionEstablishment_ExplicitTeidOfAnotherSession_Rejected()
    {
        var fteid = FTeid.Of(0x77, IPAddress.Parse("127.0.0.7"));
        Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(Establish(1, "10.45.0.2", ul: fteid)));
        var rsp = Handle<SessionEstablishmentResponse>(N4.Session(2, IPAddress.Parse("10.45.0.3"), 0x22, Gnb, fteid));
        Assert.Equal(PfcpCause.RuleCreationModificationFailure, N4.CauseOf(rsp));
        Assert.Equal(1, _handler.SessionCount);
    }

    [Fact]
    public void SessionModification_UnknownSeid_SessionContextNotFound_WithSeidZero()
    {
        var rsp = Handle<SessionModificationResponse>(new SessionModificationRequest { Seid = 0xdead });
        Assert.Equal(PfcpCause.SessionContextNotFound, N4.CauseOf(rsp));
        Assert.Equal(0UL, rsp.Seid);
    }

    [Fact]
    public void SessionModification_UpdateFarToBuffer_ThenBackWithNewTunnel()
    {
        var est = Establish(9, "10.45.0.2");
        ulong up = est.UpFSeid!.Seid;
        var m = new SessionModificationRequest { Seid = up };
        m.Add(PfcpIeType.UpdateFar, N4.UpdateFarAction(2, ApplyAction.Of(buffer: true, notifyCp: true)));
        var rsp = Handle<SessionModificationResponse>(m);
        Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(rsp));
        Assert.Equal(9UL, rsp.Seid);
        FarRule far = _plane.Tables.Downlink[Ip("10.45.0.2")][0].Far;
        Assert.True(far.Buffer && far.NotifyCp && !far.Forward);

        var m2 = new SessionModificationRequest { Seid = up };
        m2.Add(PfcpIeType.UpdateFar, N4.UpdateFarAction(2, ApplyAction.Of(forward: true), OuterHeaderCreation.GtpU(0x99, IPAddress.Parse("127.0.0.2"))));
        Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(Handle<SessionModificationResponse>(m2)));
        far = _plane.Tables.Downlink[Ip("10.45.0.2")][0].Far;
        Assert.True(far.Forward);
        Assert.Equal(0x99u, far.OuterTeid);
        Assert.Equal(IPAddress.Parse("127.0.0.2"), far.OuterAddress);
    }

    [Fact]
    public void SessionModification_RemoveFarStillUsed_Rejected_AndSessionKeepsItsRules()
    {
        var est = Establish(9, "10.45.0.2");
        var m = new SessionModificationRequest { Seid = est.UpFSeid!.Seid };
        var remove = new RemoveRule(PfcpIeType.FarId);
        remove.Add(PfcpIeType.FarId, new FarId(2));
        m.Add(PfcpIeType.RemoveFar, remove);
        var rsp = Handle<SessionModificationResponse>(m);
        Assert.Equal(PfcpCause.RuleCreationModificationFailure, N4.CauseOf(rsp));
        Assert.Equal(0x22u, _plane.Tables.Downlink[Ip("10.45.0.2")][0].Far.OuterTeid);
    }

    [Fact]
    public void SessionModification_UpdateQer_ClosesGateAndSetsMbr()
    {
        var est = Establish(9, "10.45.0.2");
        var m = new SessionModificationRequest { Seid = est.UpFSeid!.Seid };
        m.Add(PfcpIeType.UpdateQer, new UpdateQer { QerId = new QerId(1), GateStatus = new GateStatus(false, true), Mbr = new BitRate(8, 16) });
        Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(Handle<SessionModificationResponse>(m)));
        QerRule q = _plane.Tables.Downlink[Ip("10.45.0.2")][0].Qers[0];
        Assert.False(q.UplinkOpen);
        Assert.True(q.DownlinkOpen);
        Assert.Equal(1000, q.UplinkMbr.BytesPerSecond);
        Assert.Equal(2000, q.DownlinkMbr.BytesPerSecond);
        Assert.Equal(9, q.Qfi); // kept from the Create QER
    }

    [Fact]
    public void SessionDeletion_RemovesRules_AndReturnsUsageReports()
    {
        Handle<AssociationSetupResponse>(N4.Setup());
        var r = N4.Session(11, IPAddress.Parse("10.45.0.2"), 0x22, Gnb);
        r.Add(PfcpIeType.CreateUrr, new CreateUrr { UrrId = new UrrId(1), MeasurementMethod = new MeasurementMethod([0x02]), ReportingTriggers = new ReportingTriggers([0x02, 0]), VolumeThreshold = Volume.Of(total: 1_000_000) });
        var est = Handle<SessionEstablishmentResponse>(r);
        Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(est));
        var rsp = Handle<SessionDeletionResponse>(new SessionDeletionRequest { Seid = est.UpFSeid!.Seid });
        Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(rsp));
        Assert.Equal(11UL, rsp.Seid);
        UsageReport ur = Assert.Single(rsp.UsageReports);
        Assert.Equal(1u, ur.UrrId!.Value);
        Assert.True(ur.UsageReportTrigger!.TerminationReport);
        Assert.Empty(_plane.Tables.Uplink);
        Assert.Empty(_plane.Tables.Downlink);
        Assert.Equal(PfcpCause.SessionContextNotFound, N4.CauseOf(Handle<SessionDeletionResponse>(new SessionDeletionRequest { Seid = est.UpFSeid!.Seid })));
    }

    [Fact]
    public void AssociationSetup_NewRecoveryTimeStamp_DeletesTheRestartedCpSessions()
    {
        var est = Establish(1, "10.45.0.2");
        Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(Handle<AssociationSetupResponse>(N4.Setup(recovery: 3_900_000_500))));
        Assert.Equal(0, _handler.SessionCount);
        Assert.Null(_handler.FindSession(est.UpFSeid!.Seid));
        Assert.Empty(_plane.Tables.Uplink);
    }

    [Fact]
    public void AssociationRelease_DeletesSessions()
    {
        Establish(1, "10.45.0.2");
        var rsp = Handle<AssociationReleaseResponse>(new AssociationReleaseRequest { NodeId = NodeId.FromAddress(N4.Smf) });
        Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(rsp));
        Assert.Equal(0, _handler.SessionCount);
    }

    [Fact]
    public void DownlinkDataEvent_BecomesSessionReportWithPdrAndQfi()
    {
        var est = Establish(0x55, "10.45.0.2");
        UpfSession s = _handler.FindSession(est.UpFSeid!.Seid)!;
        SessionReportRequest req = _handler.BuildReport(new UpfEvent(UpfEventKind.DownlinkData, s, 2, 9))!;
        Assert.Equal(0x55UL, req.Seid);
        Assert.True(req.ReportType!.DownlinkDataReport);
        Assert.Equal(2, req.DownlinkDataReport!.PdrId!.RuleId);
        Assert.Equal(9, req.DownlinkDataReport.ServiceInformation.Single().QfiOctet & 0x3F);
        Assert.True(PfcpMessage.TryDecodeExact(req.Encode(), out _, out PfcpDecodeError err), err.ToString());
    }

    [Fact]
    public async Task PfcpNode_CreatePdrWithoutPdrId_MandatoryIeMissing_AndTheNextRequestIsServed()
    {
        await using var node = new GlassCore.Pfcp.Transport.PfcpNode(
            new GlassCore.Pfcp.Transport.PfcpNodeOptions { LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 0), NodeId = _handler.NodeId }, _handler);
        node.Start();
        using var smf = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp) { ReceiveTimeout = 10_000 };
        smf.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        PfcpMessage Exchange(PfcpMessage m)
        {
            smf.SendTo(m.Encode(), node.LocalEndPoint);
            var buf = new byte[4096];
            int n = smf.Receive(buf);
            Assert.True(PfcpMessage.TryDecodeExact(buf.AsSpan(0, n), out PfcpMessage rsp, out PfcpDecodeError e), e.ToString());
            return rsp;
        }
        var setup = N4.Setup();
        setup.SequenceNumber = 1;
        Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(Exchange(setup)));
        SessionEstablishmentRequest bad = N4.Session(3, IPAddress.Parse("10.45.0.2"), 0x22, Gnb);
        bad.CreatePdrs.First().Set(PfcpIeType.PdrId, null);
        bad.SequenceNumber = 2;
        PfcpMessage rsp = Exchange(bad);
        Assert.Equal(PfcpMessageType.SessionEstablishmentResponse, rsp.MessageType);
        Assert.Equal(PfcpCause.MandatoryIeMissing, N4.CauseOf(rsp));
        Assert.Equal(PfcpIeType.PdrId, (ushort)rsp.Get<OffendingIe>(PfcpIeType.OffendingIe)!.RawValue);
        Assert.Equal(0, _handler.SessionCount);
        SessionEstablishmentRequest good = N4.Session(4, IPAddress.Parse("10.45.0.2"), 0x22, Gnb);
        good.SequenceNumber = 3;
        Assert.Equal(PfcpCause.RequestAccepted, N4.CauseOf(Exchange(good)));
    }
}
