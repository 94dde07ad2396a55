// TS 24.501 §6.4.1 / §6.4.3 / §6.3.3 from the UE's side: the simulated UE's 5GSM messages checked against the NAS
// codec and answered by a scripted network (NetworkPeer's security context, 5GSM messages built here as the SMF would).
using System.Net;
using GlassCore.Nas;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.Sim;

namespace GlassCore.Sim.Tests;

public sealed class UePduSessionTests
{
    private const string Supi = "imsi-001010000000001";

    private static (UeNas Ue, NetworkPeer Net) Registered()
    {
        var ue = new UeNas(NetworkPeer.Config(), new Usim(Supi, NetworkPeer.K1, NetworkPeer.Opc1));
        var net = new NetworkPeer(Supi, NetworkPeer.K1, NetworkPeer.Opc1);
        net.Register(ue, NetworkPeer.NewGuti(0x0A0B0C0D));
        Assert.Equal(UeGmmState.Registered, ue.State);
        return (ue, net);
    }

    /// <summary>The network side: open the UL NAS transport and the 5GSM message inside.</summary>
    private static (UlNasTransport Ul, T Sm) OpenSm<T>(NetworkPeer net, byte[] uplink) where T : FiveGsmMessage
    {
        var ul = net.Open<UlNasTransport>(uplink, out var header);
        Assert.Equal(SecurityHeaderType.IntegrityProtectedAndCiphered, header);
        Assert.Equal(PayloadContainerTypes.N1SmInformation, ul.PayloadContainerType.Value);
        Assert.True(NasMessage.TryDecode(ul.PayloadContainer.Value, out var m, out var error), error.ToString());
        return (ul, Assert.IsType<T>(m));
    }

    private static byte[] Dl(NetworkPeer net, FiveGsmMessage sm) => net.Protect(new DlNasTransport
    {
        PayloadContainerType = new HalfOctet(PayloadContainerTypes.N1SmInformation),
        PayloadContainer = new PayloadContainer(sm.ToArray()),
        PduSessionId = OctetValue.Create(sm.PduSessionId),
    });

    private static PduSessionEstablishmentAccept Accept(byte psi, byte pti, IPAddress address, byte qfi = 1) => new()
    {
        PduSessionId = psi,
        ProcedureTransactionId = pti,
        SelectedPduSessionType = new HalfOctet(PduAddress.Ipv4),
        SelectedSscMode = new HalfOctet(1),
        AuthorizedQosRules = QosRules.Create([new QosRule(1, QosRuleOperation.CreateNewQosRule, true,
            [new PacketFilter(3, 1, new byte[] { PacketFilterComponent.MatchAll })], 255, false, qfi)]),
        // Unit 6 = 1 Mbps (table 9.11.4.14.1): 200 Mbit/s down, 100 Mbit/s up.
        SessionAmbr = SessionAmbr.Create(6, 200, 6, 100),
        PduAddress = PduAddress.CreateIpv4(address),
        Dnn = Dnn.Create("internet"),
    };

    [Fact]
    public void Establishment_RequestInUlNasTransport_CarriesDnnSliceTypeAndSsc_AcceptActivatesWithAddressRulesAmbr()
    {
        var (ue, net) = Registered();
        var (ul, request) = OpenSm<PduSessionEstablishmentRequest>(net, ue.StartPduSessionEstablishment(new PduSessionRequest()));
        Assert.Equal(1, ul.PduSessionId!.Value.Octet);
        Assert.Equal(1, ul.RequestType!.Value.Value);
        Assert.Equal("internet", ul.Dnn!.Value.ToString());
        Assert.Equal(new SNssaiValue(1), ul.SNssai!.Value.Get());
        Assert.Equal(1, request.PduSessionId);
        Assert.InRange(request.ProcedureTransactionId, 1, 254);
        Assert.Equal(PduAddress.Ipv4, request.PduSessionType!.Value.Value);
        Assert.Equal(1, request.SscMode!.Value.Value);
        Assert.Equal(new byte[] { 0xFF, 0xFF }, request.IntegrityProtectionMaximumDataRate.Value.ToArray());
        Assert.Equal(UePduSessionState.ActivePending, ue.PduSessions[1].State);

        var address = IPAddress.Parse("10.45.0.7");
        Assert.Empty(ue.OnDownlink(Dl(net, Accept(1, request.ProcedureTransactionId, address, qfi: 9))));
        var s = ue.PduSessions[1];
        Assert.Equal(UePduSessionState.Active, s.State);
        Assert.Equal(address, s.Ipv4Address);
        Assert.Equal(9, s.DefaultQfi);
        // Not swapped: downlink 200 and uplink 100 of the same unit (the NAS codec's reading of table 9.11.4.14.1).
        Assert.Equal(SessionAmbr.ToBitsPerSecond(6, 200), s.AmbrDownlinkBps);
        Assert.Equal(SessionAmbr.ToBitsPerSecond(6, 100), s.AmbrUplinkBps);
        Assert.Equal(PduAddress.Ipv4, s.SelectedType);
        Assert.Equal(1 << 1, ue.ActivePduSessionMask());
    }

    [Theory]
    [InlineData(PduAddress.Ipv6)]
    [InlineData(PduAddress.Ipv4v6)]
    public void Establishment_Ipv6AndIpv4v6_RequestTheType(byte type)
    {
        var (ue, net) = Registered();
        var slice = new SNssaiValue(1, 0x010203);
        var (ul, request) = OpenSm<PduSessionEstablishmentRequest>(net,
            ue.StartPduSessionEstablishment(new PduSessionRequest { PduSessionId = 5, PduSessionType = type, Dnn = "ims", Slice = slice }));
        Assert.Equal(type, request.PduSessionType!.Value.Value);
        Assert.Equal(5, request.PduSessionId);
        Assert.Equal("ims", ul.Dnn!.Value.ToString());
        Assert.Equal(slice, ul.SNssai!.Value.Get());
    }

    [Fact]
    public void Establishment_Reject_ReportsThe5gsmCause()
    {
        var (ue, net) = Registered();
        var (_, request) = OpenSm<PduSessionEstablishmentRequest>(net, ue.StartPduSessionEstablishment(new PduSessionRequest { Dnn = "nowhere" }));
        // #27 missing or unknown DNN (§9.11.4.2).
        Assert.Empty(ue.OnDownlink(Dl(net, new PduSessionEstablishmentReject { PduSessionId = 1, ProcedureTransactionId = request.ProcedureTransactionId, Cause = OctetValue.Create(27) })));
        Assert.Equal(UePduSessionState.Inactive, ue.PduSessions[1].State);
        Assert.Equal(27, ue.PduSessions[1].Cause);
        Assert.Equal(0, ue.ActivePduSessionMask());
    }

    [Fact]
    public void Establishment_NotForwardedByTheAmf_Reports5gmmCause()
    {
        var (ue, net) = Registered();
        byte[] up = ue.StartPduSessionEstablishment(new PduSessionRequest());
        var (ul, _) = OpenSm<PduSessionEstablishmentRequest>(net, up);
        // §5.4.5.3.3: the AMF sends the 5GSM message back with #90 "payload was not forwarded".
        Assert.Empty(ue.OnDownlink(net.Protect(new DlNasTransport
        {
            PayloadContainerType = new HalfOctet(PayloadContainerTypes.N1SmInformation),
            PayloadContainer = ul.PayloadContainer,
            PduSessionId = OctetValue.Create(1),
            Cause = OctetValue.Create(90),
        })));
        Assert.Equal(UePduSessionState.Inactive, ue.PduSessions[1].State);
        Assert.Equal(90, ue.PduSessions[1].FiveGmmCause);
    }

    [Fact]
    public void Accept_WithAnotherPti_IsAnsweredWith5gsmStatus47()
    {
        var (ue, net) = Registered();
        var (_, request) = OpenSm<PduSessionEstablishmentRequest>(net, ue.StartPduSessionEstablishment(new PduSessionRequest()));
        byte wrong = (byte)(request.ProcedureTransactionId % 254 + 1);
        var (_, status) = OpenSm<FiveGsmStatus>(net, Assert.Single(ue.OnDownlink(Dl(net, Accept(1, wrong, IPAddress.Parse("10.45.0.9"))))));
        Assert.Equal(47, status.Cause.Octet);
        Assert.Equal(UePduSessionState.ActivePending, ue.PduSessions[1].State);
    }

    [Fact]
    public void UeRequestedRelease_CarriesCause36_CommandIsCompletedWithItsPti()
    {
        var (ue, net) = Registered();
        var (_, request) = OpenSm<PduSessionEstablishmentRequest>(net, ue.StartPduSessionEstablishment(new PduSessionRequest()));
        ue.OnDownlink(Dl(net, Accept(1, request.ProcedureTransactionId, IPAddress.Parse("10.45.0.3"))));

        var (ul, release) = OpenSm<PduSessionReleaseRequest>(net, ue.StartPduSessionRelease(1));
        Assert.Equal(1, ul.PduSessionId!.Value.Octet);
        Assert.Equal(UeNas.RegularDeactivation, release.Cause!.Value.Octet);
        Assert.Equal(UePduSessionState.InactivePending, ue.PduSessions[1].State);

        var command = new PduSessionReleaseCommand { PduSessionId = 1, ProcedureTransactionId = release.ProcedureTransactionId, Cause = OctetValue.Create(36) };
        var (_, complete) = OpenSm<PduSessionReleaseComplete>(net, Assert.Single(ue.OnDownlink(Dl(net, command))));
        Assert.Equal(release.ProcedureTransactionId, complete.ProcedureTransactionId);
        Assert.Equal(1, complete.PduSessionId);
        Assert.Equal(UePduSessionState.Inactive, ue.PduSessions[1].State);
        Assert.False(ue.PduSessions[1].ReleasedByNetwork);
    }

    [Fact]
    public void NetworkRequestedRelease_IsCompleted_AndTheSessionIsGone()
    {
        var (ue, net) = Registered();
        var (_, request) = OpenSm<PduSessionEstablishmentRequest>(net, ue.StartPduSessionEstablishment(new PduSessionRequest()));
        ue.OnDownlink(Dl(net, Accept(1, request.ProcedureTransactionId, IPAddress.Parse("10.45.0.4"))));
        // §6.3.3.2: network-requested, PTI 0, #39 reactivation requested.
        var (_, complete) = OpenSm<PduSessionReleaseComplete>(net,
            Assert.Single(ue.OnDownlink(Dl(net, new PduSessionReleaseCommand { PduSessionId = 1, ProcedureTransactionId = 0, Cause = OctetValue.Create(39) }))));
        Assert.Equal(0, complete.ProcedureTransactionId);
        Assert.True(ue.PduSessions[1].ReleasedByNetwork);
        Assert.Equal(39, ue.PduSessions[1].Cause);
        Assert.Equal(UePduSessionState.Inactive, ue.PduSessions[1].State);
    }

    [Fact]
    public void DlNasTransport_WithoutIntegrity_IsDiscarded()
    {
        var (ue, _) = Registered();
        ue.StartPduSessionEstablishment(new PduSessionRequest());
        int before = ue.DiscardedDownlinks;
        var plain = new DlNasTransport
        {
            PayloadContainerType = new HalfOctet(PayloadContainerTypes.N1SmInformation),
            PayloadContainer = new PayloadContainer(Accept(1, 1, IPAddress.Parse("10.45.0.5")).ToArray()),
            PduSessionId = OctetValue.Create(1),
        };
        Assert.Empty(ue.OnDownlink(plain.ToArray()));
        Assert.Equal(before + 1, ue.DiscardedDownlinks);
        Assert.Equal(UePduSessionState.ActivePending, ue.PduSessions[1].State);
    }

    [Fact]
    public void Establishment_BeforeRegistration_Throws()
    {
        var ue = new UeNas(NetworkPeer.Config(), new Usim(Supi, NetworkPeer.K1, NetworkPeer.Opc1));
        Assert.Throws<InvalidOperationException>(() => ue.StartPduSessionEstablishment(new PduSessionRequest()));
    }
}
