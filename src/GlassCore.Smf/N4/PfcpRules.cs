// TS 29.244 §7.5.2 / §7.5.4 and TS 23.501 §5.8.2: the N4 rules of one PDU session (style anchor #7: pure builders).
// PDR 1 uplink (N3, CHOOSE F-TEID, UE address as source, QFI) → FAR 1 to the core; PDR 2 downlink (N6, UE address as
// destination) → FAR 2, which buffers until the gNB's DL tunnel is known and then adds the GTP-U header. Both PDRs share
// QER 1 (gates, session AMBR as MBR, QFI) and URR 1 (volume and duration, periodic reports for charging).
using System.Net;
using GlassCore.Pfcp;
using GlassCore.Smf.N2;

namespace GlassCore.Smf.N4;

/// <summary>What the N4 rules of one session are made of.</summary>
public sealed record SessionRulesInput(
    ulong CpSeid,
    IPAddress CpAddress,
    NodeId CpNodeId,
    string Dnn,
    byte PduSessionType,
    IPAddress? UeIpv4,
    IPAddress? UeIpv6Prefix,
    byte Qfi,
    ulong AmbrUplinkBps,
    ulong AmbrDownlinkBps,
    uint UsagePeriodSeconds);

public static class PfcpRules
{
    public const ushort UplinkPdr = 1;
    public const ushort DownlinkPdr = 2;
    public const uint UplinkFar = 1;
    public const uint DownlinkFar = 2;
    public const uint SessionQer = 1;
    public const uint SessionUrr = 1;
    public const byte SessionBar = 1;

    /// <summary>§6.4.3.6 Outer Header Removal description 0: GTP-U/UDP/IPv4 (6 for IPv6, 8 for either, as the access is).</summary>
    private const byte RemoveGtpUUdpIp = 0;

    public static SessionEstablishmentRequest Establishment(SessionRulesInput s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var m = new SessionEstablishmentRequest { Seid = 0 };
        m.NodeId = s.CpNodeId;
        m.CpFSeid = new FSeid(s.CpSeid, s.CpAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? s.CpAddress : null,
            s.CpAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? s.CpAddress : null);

        var ulPdi = new Pdi();
        ulPdi.Add(PfcpIeType.SourceInterface, new SourceInterface(InterfaceValue.Access));
        ulPdi.Add(PfcpIeType.FTeid, FTeid.ChooseOf(v4: true, v6: false));
        ulPdi.Add(PfcpIeType.NetworkInstance, PfcpOctetString.Labels(s.Dnn));
        ulPdi.Add(PfcpIeType.UeIpAddress, UeAddress(s, destination: false));
        ulPdi.Add(PfcpIeType.Qfi, new Qfi(s.Qfi));
        ulPdi.Add(PfcpIeType.ThreeGppInterfaceType, new ThreeGppInterfaceType(ThreeGppInterfaceTypeValue.N3ThreeGppAccess));
        var ulPdr = new CreatePdr();
        ulPdr.Add(PfcpIeType.PdrId, new PdrId(UplinkPdr));
        ulPdr.Add(PfcpIeType.Precedence, new Precedence(255));
        ulPdr.Add(PfcpIeType.Pdi, ulPdi);
        ulPdr.Add(PfcpIeType.OuterHeaderRemoval, new OuterHeaderRemoval(RemoveGtpUUdpIp));
        ulPdr.Add(PfcpIeType.FarId, new FarId(UplinkFar));
        ulPdr.Add(PfcpIeType.UrrId, new UrrId(SessionUrr));
        ulPdr.Add(PfcpIeType.QerId, new QerId(SessionQer));
        m.Add(PfcpIeType.CreatePdr, ulPdr);

        var dlPdi = new Pdi();
        dlPdi.Add(PfcpIeType.SourceInterface, new SourceInterface(InterfaceValue.Core));
        dlPdi.Add(PfcpIeType.NetworkInstance, PfcpOctetString.Labels(s.Dnn));
        dlPdi.Add(PfcpIeType.UeIpAddress, UeAddress(s, destination: true));
        dlPdi.Add(PfcpIeType.ThreeGppInterfaceType, new ThreeGppInterfaceType(ThreeGppInterfaceTypeValue.N6));
        var dlPdr = new CreatePdr();
        dlPdr.Add(PfcpIeType.PdrId, new PdrId(DownlinkPdr));
        dlPdr.Add(PfcpIeType.Precedence, new Precedence(255));
        dlPdr.Add(PfcpIeType.Pdi, dlPdi);
        dlPdr.Add(PfcpIeType.FarId, new FarId(DownlinkFar));
        dlPdr.Add(PfcpIeType.UrrId, new UrrId(SessionUrr));
        dlPdr.Add(PfcpIeType.QerId, new QerId(SessionQer));
        m.Add(PfcpIeType.CreatePdr, dlPdr);

        var ulFwd = new ForwardingParameters();
        ulFwd.Add(PfcpIeType.DestinationInterface, new DestinationInterface(InterfaceValue.Core));
        ulFwd.Add(PfcpIeType.NetworkInstance, PfcpOctetString.Labels(s.Dnn));
        var ulFar = new CreateFar();
        ulFar.Add(PfcpIeType.FarId, new FarId(UplinkFar));
        ulFar.Add(PfcpIeType.ApplyAction, ApplyAction.Of(forward: true));
        ulFar.Add(PfcpIeType.ForwardingParameters, ulFwd);
        m.Add(PfcpIeType.CreateFar, ulFar);

        var dlFar = new CreateFar();
        dlFar.Add(PfcpIeType.FarId, new FarId(DownlinkFar));
        dlFar.Add(PfcpIeType.ApplyAction, ApplyAction.Of(buffer: true));
        dlFar.Add(PfcpIeType.BarId, new BarId(SessionBar));
        m.Add(PfcpIeType.CreateFar, dlFar);

        var qer = new CreateQer();
        qer.Add(PfcpIeType.QerId, new QerId(SessionQer));
        qer.Add(PfcpIeType.GateStatus, new GateStatus(ulOpen: true, dlOpen: true));
        qer.Add(PfcpIeType.Mbr, new BitRate(Kbps(s.AmbrUplinkBps), Kbps(s.AmbrDownlinkBps)));
        qer.Add(PfcpIeType.Qfi, new Qfi(s.Qfi));
        m.Add(PfcpIeType.CreateQer, qer);

        var urr = new CreateUrr();
        urr.Add(PfcpIeType.UrrId, new UrrId(SessionUrr));
        // §8.2.40 Measurement Method: DURAT (bit 1) and VOLUM (bit 2); §8.2.19 Reporting Triggers: PERIO (octet 5 bit 1).
        urr.Add(PfcpIeType.MeasurementMethod, new MeasurementMethod([0x03]));
        urr.Add(PfcpIeType.ReportingTriggers, new ReportingTriggers([0x01, 0x00]));
        urr.Add(PfcpIeType.MeasurementPeriod, new PfcpUInt32Ie(s.UsagePeriodSeconds));
        m.Add(PfcpIeType.CreateUrr, urr);

        var bar = new CreateBar();
        bar.Add(PfcpIeType.BarId, new BarId(SessionBar));
        m.CreateBar = bar;

        // §8.2.79 PDN Type: 1 IPv4, 2 IPv6, 3 IPv4v6 (the 5GSM values for IP types).
        m.PdnType = new PdnType(s.PduSessionType);
        m.ApnDnn = PfcpOctetString.Labels(s.Dnn);
        return m;
    }

    private static UeIpAddress UeAddress(SessionRulesInput s, bool destination) => UeIpAddress.Of(s.UeIpv4, s.UeIpv6Prefix, destination);

    private static ulong Kbps(ulong bps) => (bps + 999) / 1000;

    /// <summary>§7.5.4: the gNB's DL tunnel is known (or changed): FAR 2 forwards to the access with a GTP-U header.</summary>
    public static SessionModificationRequest ActivateDownlink(ulong upSeid, string dnn, GtpTunnelEndpoint gnb)
    {
        var m = new SessionModificationRequest { Seid = upSeid };
        var fwd = new UpdateForwardingParameters();
        fwd.Add(PfcpIeType.DestinationInterface, new DestinationInterface(InterfaceValue.Access));
        fwd.Add(PfcpIeType.NetworkInstance, PfcpOctetString.Labels(dnn));
        fwd.Add(PfcpIeType.OuterHeaderCreation, OuterHeaderCreation.GtpU(gnb.Teid, gnb.Address));
        fwd.Add(PfcpIeType.ThreeGppInterfaceType, new ThreeGppInterfaceType(ThreeGppInterfaceTypeValue.N3ThreeGppAccess));
        var far = new UpdateFar();
        far.Add(PfcpIeType.FarId, new FarId(DownlinkFar));
        far.Add(PfcpIeType.ApplyAction, ApplyAction.Of(forward: true));
        far.Add(PfcpIeType.UpdateForwardingParameters, fwd);
        m.Add(PfcpIeType.UpdateFar, far);
        return m;
    }

    /// <summary>The AN released the user plane (UE idle): FAR 2 buffers and notifies the CP of the first DL packet (paging).</summary>
    public static SessionModificationRequest DeactivateDownlink(ulong upSeid)
    {
        var m = new SessionModificationRequest { Seid = upSeid };
        var far = new UpdateFar();
        far.Add(PfcpIeType.FarId, new FarId(DownlinkFar));
        far.Add(PfcpIeType.ApplyAction, ApplyAction.Of(buffer: true, notifyCp: true));
        m.Add(PfcpIeType.UpdateFar, far);
        return m;
    }

    /// <summary>A new session AMBR (network-requested modification): QER 1's MBR.</summary>
    public static SessionModificationRequest UpdateAmbr(ulong upSeid, ulong ambrUplinkBps, ulong ambrDownlinkBps)
    {
        var m = new SessionModificationRequest { Seid = upSeid };
        var qer = new UpdateQer();
        qer.Add(PfcpIeType.QerId, new QerId(SessionQer));
        qer.Add(PfcpIeType.Mbr, new BitRate(Kbps(ambrUplinkBps), Kbps(ambrDownlinkBps)));
        m.Add(PfcpIeType.UpdateQer, qer);
        return m;
    }

    public static SessionDeletionRequest Deletion(ulong upSeid) => new() { Seid = upSeid };
}
