// Messages built with our encoder for the tests: a 5GC session with every IE the SMF sends (TS 29.244 §7.5, TS 23.501 §5.8).
using System.Net;
using GlassCore.Pfcp;

namespace GlassCore.Pfcp.Tests;

internal static class Build
{
    public static readonly IPAddress Smf = IPAddress.Parse("10.0.0.1");
    public static readonly IPAddress Upf = IPAddress.Parse("10.0.0.2");
    public static readonly IPAddress Gnb = IPAddress.Parse("10.0.1.5");
    public static readonly IPAddress Ue = IPAddress.Parse("10.45.0.7");

    public static T With<T>(this T container, ushort type, IPfcpIeValue value) where T : PfcpIeContainer
    {
        container.Add(type, value);
        return container;
    }

    public static SessionEstablishmentRequest EstablishmentRequest()
    {
        var m = new SessionEstablishmentRequest { Seid = 0, SequenceNumber = 7 };
        m.NodeId = NodeId.FromAddress(Smf);
        m.CpFSeid = new FSeid(0x1122334455667788, Smf);
        // Uplink PDR: N3 3GPP access, CHOOSE F-TEID with CHOOSE ID, UE address as source, SDF filter, QFI.
        m.Add(PfcpIeType.CreatePdr, new CreatePdr()
            .With(PfcpIeType.PdrId, new PdrId(1))
            .With(PfcpIeType.Precedence, new Precedence(255))
            .With(PfcpIeType.Pdi, new Pdi()
                .With(PfcpIeType.SourceInterface, new SourceInterface(InterfaceValue.Access))
                .With(PfcpIeType.FTeid, FTeid.ChooseOf(v4: true, v6: false, chooseId: 5))
                .With(PfcpIeType.NetworkInstance, PfcpOctetString.Labels("internet"))
                .With(PfcpIeType.UeIpAddress, UeIpAddress.Of(Ue, null, destination: false))
                .With(PfcpIeType.SdfFilter, SdfFilter.Of("permit out ip from any to assigned", 1))
                .With(PfcpIeType.Qfi, new Qfi(9))
                .With(PfcpIeType.ThreeGppInterfaceType, new ThreeGppInterfaceType(ThreeGppInterfaceTypeValue.N3ThreeGppAccess)))
            .With(PfcpIeType.OuterHeaderRemoval, new OuterHeaderRemoval(0))
            .With(PfcpIeType.FarId, new FarId(1))
            .With(PfcpIeType.UrrId, new UrrId(1))
            .With(PfcpIeType.QerId, new QerId(1)));
        // Downlink PDR: N6, UE address as destination, application ID.
        m.Add(PfcpIeType.CreatePdr, new CreatePdr()
            .With(PfcpIeType.PdrId, new PdrId(2))
            .With(PfcpIeType.Precedence, new Precedence(255))
            .With(PfcpIeType.Pdi, new Pdi()
                .With(PfcpIeType.SourceInterface, new SourceInterface(InterfaceValue.Core))
                .With(PfcpIeType.NetworkInstance, PfcpOctetString.Labels("internet"))
                .With(PfcpIeType.UeIpAddress, UeIpAddress.Of(Ue, null, destination: true))
                .With(PfcpIeType.ApplicationId, new PfcpOctetString("app1"u8.ToArray()))
                .With(PfcpIeType.ThreeGppInterfaceType, new ThreeGppInterfaceType(ThreeGppInterfaceTypeValue.N6)))
            .With(PfcpIeType.FarId, new FarId(2))
            .With(PfcpIeType.UrrId, new UrrId(1))
            .With(PfcpIeType.QerId, new QerId(1)));
        m.Add(PfcpIeType.CreateFar, new CreateFar()
            .With(PfcpIeType.FarId, new FarId(1))
            .With(PfcpIeType.ApplyAction, ApplyAction.Of(forward: true))
            .With(PfcpIeType.ForwardingParameters, new ForwardingParameters()
                .With(PfcpIeType.DestinationInterface, new DestinationInterface(InterfaceValue.Core))
                .With(PfcpIeType.NetworkInstance, PfcpOctetString.Labels("internet"))
                .With(PfcpIeType.ThreeGppInterfaceType, new ThreeGppInterfaceType(ThreeGppInterfaceTypeValue.N6))));
        m.Add(PfcpIeType.CreateFar, new CreateFar()
            .With(PfcpIeType.FarId, new FarId(2))
            .With(PfcpIeType.ApplyAction, ApplyAction.Of(forward: true))
            .With(PfcpIeType.ForwardingParameters, new ForwardingParameters()
                .With(PfcpIeType.DestinationInterface, new DestinationInterface(InterfaceValue.Access))
                .With(PfcpIeType.NetworkInstance, PfcpOctetString.Labels("internet"))
                .With(PfcpIeType.OuterHeaderCreation, OuterHeaderCreation.GtpU(0x00000abc, Gnb))
                .With(PfcpIeType.ThreeGppInterfaceType, new ThreeGppInterfaceType(ThreeGppInterfaceTypeValue.N3ThreeGppAccess)))
            .With(PfcpIeType.BarId, new BarId(1)));
        m.Add(PfcpIeType.CreateUrr, new CreateUrr()
            .With(PfcpIeType.UrrId, new UrrId(1))
            .With(PfcpIeType.MeasurementMethod, new MeasurementMethod([0x03]))
            .With(PfcpIeType.ReportingTriggers, new ReportingTriggers([0x07, 0x03, 0x00]))
            .With(PfcpIeType.MeasurementPeriod, new PfcpUInt32Ie(60))
            .With(PfcpIeType.VolumeThreshold, Volume.Of(total: 1_000_000, uplink: 500_000, downlink: 500_000))
            .With(PfcpIeType.TimeThreshold, new PfcpUInt32Ie(3600))
            .With(PfcpIeType.VolumeQuota, Volume.Of(total: 10_000_000))
            .With(PfcpIeType.TimeQuota, new PfcpUInt32Ie(7200)));
        m.Add(PfcpIeType.CreateQer, new CreateQer()
            .With(PfcpIeType.QerId, new QerId(1))
            .With(PfcpIeType.GateStatus, new GateStatus(ulOpen: true, dlOpen: true))
            .With(PfcpIeType.Mbr, new BitRate(100_000, 200_000))
            .With(PfcpIeType.Gbr, new BitRate(10_000, 20_000))
            .With(PfcpIeType.Qfi, new Qfi(9))
            .With(PfcpIeType.Rqi, new Rqi(1)));
        m.Add(PfcpIeType.CreateBar, new CreateBar()
            .With(PfcpIeType.BarId, new BarId(1))
            .With(PfcpIeType.SuggestedBufferingPacketsCount, new PfcpUInt8Ie(10)));
        m.PdnType = new PdnType(1);
        m.ApnDnn = PfcpOctetString.Labels("internet");
        return m;
    }

    public static SessionEstablishmentResponse EstablishmentResponse()
    {
        var m = new SessionEstablishmentResponse { Seid = 0x1122334455667788, SequenceNumber = 7 };
        m.NodeId = NodeId.FromAddress(Upf);
        m.Cause = new Cause(PfcpCause.RequestAccepted);
        m.UpFSeid = new FSeid(0x99, Upf);
        m.Add(PfcpIeType.CreatedPdr, new CreatedPdr()
            .With(PfcpIeType.PdrId, new PdrId(1))
            .With(PfcpIeType.FTeid, FTeid.Of(0x1234, Upf)));
        m.LoadControlInformation = new LoadControlInformation()
            .With(PfcpIeType.SequenceNumber, new SequenceNumber(1))
            .With(PfcpIeType.Metric, new Metric(20));
        m.OverloadControlInformation = new OverloadControlInformation()
            .With(PfcpIeType.SequenceNumber, new SequenceNumber(1))
            .With(PfcpIeType.Metric, new Metric(50))
            .With(PfcpIeType.Timer, new PfcpTimer(0x21))
            .With(PfcpIeType.OciFlags, new PfcpFlagsIe(PfcpIeType.OciFlags, [1]));
        return m;
    }

    public static SessionModificationRequest ModificationRequest()
    {
        var m = new SessionModificationRequest { Seid = 0x99, SequenceNumber = 8 };
        m.Add(PfcpIeType.RemovePdr, RemoveRule.Pdr(3));
        m.Add(PfcpIeType.RemoveFar, RemoveRule.Far(3));
        m.Add(PfcpIeType.RemoveQer, RemoveRule.Qer(3));
        m.Add(PfcpIeType.RemoveUrr, RemoveRule.Urr(3));
        m.Add(PfcpIeType.UpdatePdr, new UpdatePdr()
            .With(PfcpIeType.PdrId, new PdrId(1))
            .With(PfcpIeType.Precedence, new Precedence(100))
            .With(PfcpIeType.FarId, new FarId(1)));
        m.Add(PfcpIeType.UpdateFar, new UpdateFar()
            .With(PfcpIeType.FarId, new FarId(2))
            .With(PfcpIeType.ApplyAction, ApplyAction.Of(forward: true))
            .With(PfcpIeType.UpdateForwardingParameters, new UpdateForwardingParameters()
                .With(PfcpIeType.DestinationInterface, new DestinationInterface(InterfaceValue.Access))
                .With(PfcpIeType.OuterHeaderCreation, OuterHeaderCreation.GtpU(0x00000def, IPAddress.Parse("10.0.1.6")))
                .With(PfcpIeType.ThreeGppInterfaceType, new ThreeGppInterfaceType(ThreeGppInterfaceTypeValue.N3ThreeGppAccess))));
        m.Add(PfcpIeType.UpdateQer, new UpdateQer()
            .With(PfcpIeType.QerId, new QerId(1))
            .With(PfcpIeType.GateStatus, new GateStatus(true, false))
            .With(PfcpIeType.Mbr, new BitRate(50_000, 60_000)));
        m.Add(PfcpIeType.UpdateUrr, new UpdateUrr()
            .With(PfcpIeType.UrrId, new UrrId(1))
            .With(PfcpIeType.VolumeThreshold, Volume.Of(total: 2_000_000)));
        m.Add(PfcpIeType.CreateQer, new CreateQer()
            .With(PfcpIeType.QerId, new QerId(4))
            .With(PfcpIeType.GateStatus, new GateStatus(true, true))
            .With(PfcpIeType.Qfi, new Qfi(5)));
        m.UpdateBar = new UpdateBar().With(PfcpIeType.BarId, new BarId(1));
        m.Flags = new PfcpFlagsIe(PfcpIeType.PfcpsmReqFlags, [0x02]);
        return m;
    }

    public static UsageReport Usage(ushort type)
    {
        _ = type;
        return new UsageReport()
            .With(PfcpIeType.UrrId, new UrrId(1))
            .With(PfcpIeType.UrSeqn, new UrSeqn(3))
            .With(PfcpIeType.UsageReportTrigger, new UsageReportTrigger([0x00, 0x08, 0x00]))
            .With(PfcpIeType.StartTime, PfcpTimeStamp.FromTime(new DateTime(2026, 11, 29, 3, 0, 0, DateTimeKind.Utc)))
            .With(PfcpIeType.EndTime, PfcpTimeStamp.FromTime(new DateTime(2026, 11, 29, 3, 5, 0, DateTimeKind.Utc)))
            .With(PfcpIeType.VolumeMeasurement, new Volume(0x3F, 3000, 1000, 2000, 30, 10, 20))
            .With(PfcpIeType.DurationMeasurement, new PfcpUInt32Ie(300));
    }

    public static SessionModificationResponse ModificationResponse()
    {
        var m = new SessionModificationResponse { Seid = 0x1122334455667788, SequenceNumber = 8 };
        m.Cause = new Cause(PfcpCause.RequestAccepted);
        m.Add(PfcpIeType.UsageReportSessionModificationResponse, Usage(PfcpIeType.UsageReportSessionModificationResponse));
        return m;
    }

    public static SessionDeletionRequest DeletionRequest() => new() { Seid = 0x99, SequenceNumber = 9 };

    public static SessionDeletionResponse DeletionResponse()
    {
        var m = new SessionDeletionResponse { Seid = 0x1122334455667788, SequenceNumber = 9 };
        m.Cause = new Cause(PfcpCause.RequestAccepted);
        m.Add(PfcpIeType.UsageReportSessionDeletionResponse, Usage(PfcpIeType.UsageReportSessionDeletionResponse));
        return m;
    }

    public static SessionReportRequest ReportRequest()
    {
        var m = new SessionReportRequest { Seid = 0x1122334455667788, SequenceNumber = 10 };
        m.ReportType = new ReportType([0x03]);
        m.DownlinkDataReport = new DownlinkDataReport()
            .With(PfcpIeType.PdrId, new PdrId(2))
            .With(PfcpIeType.DownlinkDataServiceInformation, new DownlinkDataServiceInformation(0x02, 0, 9));
        m.Add(PfcpIeType.UsageReportSessionReportRequest, Usage(PfcpIeType.UsageReportSessionReportRequest));
        return m;
    }

    public static SessionReportResponse ReportResponse()
    {
        var m = new SessionReportResponse { Seid = 0x99, SequenceNumber = 10 };
        m.Cause = new Cause(PfcpCause.RequestAccepted);
        m.UpdateBar = new UpdateBar()
            .With(PfcpIeType.BarId, new BarId(1))
            .With(PfcpIeType.DownlinkDataNotificationDelay, new PfcpUInt8Ie(2));
        m.Flags = new PfcpFlagsIe(PfcpIeType.PfcpsrRspFlags, [0x01]);
        return m;
    }

    public static AssociationSetupRequest AssociationSetupRequest()
    {
        var m = new AssociationSetupRequest { SequenceNumber = 1 };
        m.NodeId = NodeId.FromAddress(Smf);
        m.RecoveryTimeStamp = PfcpTimeStamp.FromTime(new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc));
        m.CpFunctionFeatures = new CpFunctionFeatures([0x03]);
        return m;
    }

    public static AssociationSetupResponse AssociationSetupResponse()
    {
        var m = new AssociationSetupResponse { SequenceNumber = 1 };
        m.NodeId = NodeId.FromFqdn("upf.glasscore.test");
        m.Cause = new Cause(PfcpCause.RequestAccepted);
        m.RecoveryTimeStamp = PfcpTimeStamp.FromTime(new DateTime(2026, 11, 28, 23, 0, 0, DateTimeKind.Utc));
        m.UpFunctionFeatures = new UpFunctionFeatures([0x10, 0x00, 0x04, 0x00]);
        m.Add(PfcpIeType.UserPlaneIpResourceInformation, new UserPlaneIpResourceInformation(0x21, 0, Upf, null, DnsLabels.Encode("internet"), 0));
        return m;
    }

    public static IEnumerable<PfcpMessage> NodeMessages()
    {
        var hb = new HeartbeatRequest { SequenceNumber = 2 };
        hb.RecoveryTimeStamp = PfcpTimeStamp.FromTime(new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc));
        yield return hb;
        var hbr = new HeartbeatResponse { SequenceNumber = 2 };
        hbr.RecoveryTimeStamp = PfcpTimeStamp.FromTime(new DateTime(2026, 11, 28, 23, 0, 0, DateTimeKind.Utc));
        yield return hbr;
        yield return AssociationSetupRequest();
        yield return AssociationSetupResponse();
        var upd = new AssociationUpdateRequest { SequenceNumber = 3 };
        upd.NodeId = NodeId.FromAddress(Smf);
        upd.CpFunctionFeatures = new CpFunctionFeatures([0x01]);
        yield return upd;
        var updr = new AssociationUpdateResponse { SequenceNumber = 3 };
        updr.NodeId = NodeId.FromAddress(Upf);
        updr.Cause = new Cause(PfcpCause.RequestAccepted);
        yield return updr;
        var rel = new AssociationReleaseRequest { SequenceNumber = 4 };
        rel.NodeId = NodeId.FromAddress(Smf);
        yield return rel;
        var relr = new AssociationReleaseResponse { SequenceNumber = 4 };
        relr.NodeId = NodeId.FromAddress(Upf);
        relr.Cause = new Cause(PfcpCause.RequestAccepted);
        yield return relr;
    }

    public static IEnumerable<PfcpMessage> SessionMessages()
    {
        yield return EstablishmentRequest();
        yield return EstablishmentResponse();
        yield return ModificationRequest();
        yield return ModificationResponse();
        yield return DeletionRequest();
        yield return DeletionResponse();
        yield return ReportRequest();
        yield return ReportResponse();
    }
}
