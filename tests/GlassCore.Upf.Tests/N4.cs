// TS 29.244 §7.5.2 / §7.5.4: the SMF side of the test sessions — the Create/Update IEs an SMF sends for one PDU session.
using System.Net;
using GlassCore.Pfcp;

namespace GlassCore.Upf.Tests;

internal static class N4
{
    public static readonly IPAddress Smf = IPAddress.Parse("127.0.0.1");

    public static AssociationSetupRequest Setup(uint recovery = 3_900_000_000) =>
        new() { NodeId = NodeId.FromAddress(Smf), RecoveryTimeStamp = new PfcpTimeStamp(recovery) };

    /// <summary>The UE IP Address IE for an IPv4 address or an IPv6 prefix.</summary>
    public static UeIpAddress UeIp(IPAddress ue, bool destination) => ue.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
        ? UeIpAddress.Of(null, ue, destination)
        : UeIpAddress.Of(ue, null, destination);

    public static Pdi UplinkPdi(FTeid fteid, IPAddress ue, byte? qfi = null, string? sdf = null)
    {
        var pdi = new Pdi { SourceInterface = new SourceInterface(InterfaceValue.Access), LocalFTeid = fteid };
        pdi.Add(PfcpIeType.UeIpAddress, UeIp(ue, destination: false));
        if (sdf is not null)
        {
            pdi.Add(PfcpIeType.SdfFilter, SdfFilter.Of(sdf));
        }
        if (qfi is byte q)
        {
            pdi.Add(PfcpIeType.Qfi, new Qfi(q));
        }
        pdi.SourceInterfaceType = new ThreeGppInterfaceType(ThreeGppInterfaceTypeValue.N3ThreeGppAccess);
        return pdi;
    }

    public static Pdi DownlinkPdi(IPAddress ue, string? sdf = null)
    {
        var pdi = new Pdi { SourceInterface = new SourceInterface(InterfaceValue.Core) };
        pdi.Add(PfcpIeType.UeIpAddress, UeIp(ue, destination: true));
        if (sdf is not null)
        {
            pdi.Add(PfcpIeType.SdfFilter, SdfFilter.Of(sdf));
        }
        pdi.SourceInterfaceType = new ThreeGppInterfaceType(ThreeGppInterfaceTypeValue.N6);
        return pdi;
    }

    public static CreatePdr Pdr(ushort id, uint precedence, Pdi pdi, uint farId, bool removeGtp, uint? qerId = 1, uint? urrId = null)
    {
        var p = new CreatePdr { PdrId = new PdrId(id), Precedence = new Precedence(precedence), Pdi = pdi, FarId = new FarId(farId) };
        if (removeGtp)
        {
            p.OuterHeaderRemoval = new OuterHeaderRemoval(0);
        }
        if (qerId is uint q)
        {
            p.Add(PfcpIeType.QerId, new QerId(q));
        }
        if (urrId is uint u)
        {
            p.Add(PfcpIeType.UrrId, new UrrId(u));
        }
        return p;
    }

    public static CreateFar UplinkFar(uint id) => new()
    {
        FarId = new FarId(id),
        ApplyAction = ApplyAction.Of(forward: true),
        ForwardingParameters = new ForwardingParameters { DestinationInterface = new DestinationInterface(InterfaceValue.Core) },
    };

    public static CreateFar DownlinkFar(uint id, uint gnbTeid, IPAddress gnb) => new()
    {
        FarId = new FarId(id),
        ApplyAction = ApplyAction.Of(forward: true),
        ForwardingParameters = new ForwardingParameters
        {
            DestinationInterface = new DestinationInterface(InterfaceValue.Access),
            OuterHeaderCreation = OuterHeaderCreation.GtpU(gnbTeid, gnb),
        },
    };

    public static CreateQer Qer(uint id, byte qfi, BitRate? mbr = null) =>
        new() { QerId = new QerId(id), GateStatus = new GateStatus(true, true), Qfi = new Qfi(qfi), Mbr = mbr };

    /// <summary>One IPv4 PDU session: UL PDR 1 (F-TEID) → FAR 1 to the core, DL PDR 2 (UE IP) → FAR 2 to the gNB, QER 1 with QFI 9.</summary>
    public static SessionEstablishmentRequest Session(ulong cpSeid, IPAddress ue, uint gnbTeid, IPAddress gnb, FTeid? ulFteid = null)
    {
        var r = new SessionEstablishmentRequest { Seid = 0, NodeId = NodeId.FromAddress(Smf), CpFSeid = new FSeid(cpSeid, Smf) };
        r.Add(PfcpIeType.CreatePdr, Pdr(1, 200, UplinkPdi(ulFteid ?? FTeid.ChooseOf(v4: true, v6: false), ue), 1, removeGtp: true));
        r.Add(PfcpIeType.CreatePdr, Pdr(2, 200, DownlinkPdi(ue), 2, removeGtp: false));
        r.Add(PfcpIeType.CreateFar, UplinkFar(1));
        r.Add(PfcpIeType.CreateFar, DownlinkFar(2, gnbTeid, gnb));
        r.Add(PfcpIeType.CreateQer, Qer(1, 9));
        r.PdnType = new PdnType(ue.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? (byte)2 : (byte)1);
        return r;
    }

    public static UpdateFar UpdateFarAction(uint id, ApplyAction action, OuterHeaderCreation? ohc = null)
    {
        var u = new UpdateFar { FarId = new FarId(id), ApplyAction = action };
        if (ohc is not null)
        {
            u.UpdateForwardingParameters = new UpdateForwardingParameters { DestinationInterface = new DestinationInterface(InterfaceValue.Access), OuterHeaderCreation = ohc };
        }
        return u;
    }

    public static uint TeidOf(SessionEstablishmentResponse r, ushort pdrId) =>
        r.CreatedPdrs.Single(c => c.PdrId!.RuleId == pdrId).LocalFTeid!.Teid;

    public static PfcpCause CauseOf(PfcpMessage m) => (PfcpCause)(m.Get<Cause>(PfcpIeType.Cause)?.RawValue ?? 0);
}
