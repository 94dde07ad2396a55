// TS 38.413 §9.2.1.1 (PDU Session Resource Setup Request), §9.2.1.5 (Release Command), §9.2.4.1 (Paging) and §9.2.2.1
// (Initial Context Setup Request with PDU sessions) as the AMF builds them, checked against an independent decoder.
using System.Globalization;
using GlassCore.Amf.Ngap;
using GlassCore.Amf.Sm;
using GlassCore.Asn1;
using GlassCore.Nas.Ies;
using GlassCore.Ngap;
using GlassCore.TestSupport;
using Tai = GlassCore.Nas.Ies.Tai;

namespace GlassCore.Amf.Tests;

public sealed class NgapSessionBuildTests
{
    private const string Dlt152 = "uat:user_dlts:\"User 5 (DLT=152)\",\"ngap\",\"0\",\"\",\"0\",\"\"";

    [Fact]
    public void SessionPdus_DissectInTshark_NoMalformedAndTheValuesWePut()
    {
        Assert.True(Tshark.IsAvailable, "tshark is required (./test.sh installs it)");
        var config = N2Harness.DefaultConfig;
        // Real transfers (tshark dissects the contained PDUs too): §9.3.4.1 and §9.3.4.12.
        byte[] transfer = Per.Encode(new PduSessionResourceSetupRequestTransfer
        {
            ProtocolIEs =
            [
                new() { Id = PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.UlNguUpTnlInformation.Id, Criticality = Criticality.Reject, Value = new PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.UlNguUpTnlInformation { Value = new UpTransportLayerInformation.GtpTunnel { Value = new GtpTunnel { TransportLayerAddress = new BitString([127, 0, 0, 7]), GtpTeid = [0, 0, 0, 9] } } } },
                new() { Id = PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.PduSessionType.Id, Criticality = Criticality.Reject, Value = new PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.PduSessionType { Value = PduSessionType.Ipv4 } },
                new() { Id = PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.QosFlowSetupRequestList.Id, Criticality = Criticality.Reject, Value = new PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.QosFlowSetupRequestList { Value = [new QosFlowSetupRequestItem { QosFlowIdentifier = 1, QosFlowLevelQosParameters = new QosFlowLevelQosParameters { QosCharacteristics = new QosCharacteristics.NonDynamic5Qi { Value = new NonDynamic5QiDescriptor { FiveQi = 9 } }, AllocationAndRetentionPriority = new AllocationAndRetentionPriority { PriorityLevelArp = 8, PreEmptionCapability = PreEmptionCapability.ShallNotTriggerPreEmption, PreEmptionVulnerability = PreEmptionVulnerability.NotPreEmptable } } }] } },
            ],
        });
        byte[] releaseTransfer = Per.Encode(new PduSessionResourceReleaseCommandTransfer { Cause = new Cause.Nas { Value = CauseNas.NormalRelease } });
        byte[] nas = [0x7E, 0x00, 0x68, 0x01, 0x00, 0x05, 0x2E, 0x05, 0x01, 0xD6, 0x1A, 0x12, 0x05];
        var slice = new SNssaiValue(1, 0x010203);
        var guti = new FiveGGuti(config.Plmn, 1, 1, 0, 0xC0FFEE01);
        var info = new InitialContextSetupInfo(new byte[32], UeSecurityCapability.Create(0xF0, 0x70), [slice]) { PduSessions = [new N2SmTransfer(6, slice, transfer)] };
        byte[][] pdus =
        [
            Per.Encode(NgapBuild.PduSessionResourceSetupRequest(7, 9, [new N2SmTransfer(5, slice, transfer, nas)])),
            Per.Encode(NgapBuild.PduSessionResourceReleaseCommand(7, 9, [new N2SmTransfer(5, slice, releaseTransfer)], nas)),
            Per.Encode(NgapBuild.Paging(guti, [new Tai(config.Plmn, 1)])),
            Per.Encode(NgapBuild.InitialContextSetupRequest(config, 7, 9, info, nas)),
        ];
        string pcap = Tshark.TempPcap(pdus, 152);
        try
        {
            string output = Tshark.Run(["-r", pcap, "-o", Dlt152, "-Y", "ngap", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,", "-E", "separator=/t",
                "-e", "_ws.malformed", "-e", "_ws.expert.severity", "-e", "ngap.procedureCode", "-e", "ngap.pDUSessionID", "-e", "ngap.fiveG_TMSI", "-e", "ngap.tAC", "-e", "nas_5gs.mm.message_type", "-e", "nas_5gs.sm.message_type"]);
            var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
            Assert.Equal(pdus.Length, rows.Count);
            foreach (var r in rows)
            {
                Assert.True(r[0].Length == 0, $"tshark reports a malformed packet: {string.Join('|', r)}");
                Assert.True(r[1].Length == 0 || r[1].Split(',').All(s => int.Parse(s, CultureInfo.InvariantCulture) < 0x00600000), $"expert info [{r[1]}]");
            }
            Assert.Equal(["29", "28", "24", "14"], rows.Select(r => r[2]));
            Assert.Equal("5", rows[0][3]);
            Assert.Equal("5", rows[1][3]);
            Assert.Equal("6", rows[3][3]);
            string tmsi = rows[2][4];
            Assert.Equal(0xC0FFEE01u, tmsi.StartsWith("0x", StringComparison.Ordinal)
                ? uint.Parse(tmsi[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : uint.Parse(tmsi, CultureInfo.InvariantCulture));
            Assert.Equal("1", rows[2][5]);
            // The NAS-PDU is dissected as a 5GMM DL NAS Transport (0x68) inside the setup request and the release command.
            Assert.Contains("0x68", rows[0][6], StringComparison.Ordinal);
            Assert.Contains("0x68", rows[1][6], StringComparison.Ordinal);
            // … and the 5GSM message inside its payload container as 5GSM STATUS (0xd6).
            Assert.Contains("0xd6", rows[0][7], StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(pcap);
        }
    }

    /// <summary>TS 38.413 §9.2.2.1: with PDU sessions the UE-AMBR is the subscribed one (SDM am-data), else configuration.</summary>
    [Fact]
    public void InitialContextSetupRequest_WithSessions_UeAmbrFromSubscription()
    {
        var config = new AmfConfiguration { Plmn = new GlassCore.Nas.Ies.PlmnId(1, 1, false), TaiList = [], SupportedNssai = [new SNssaiValue(1)] };
        var slice = new SNssaiValue(1);
        var ue = new AmfUeContext(7)
        {
            Subscription = new Sbi.SubscriptionData(new GlassCore.Sbi.Models.AccessAndMobilitySubscriptionData
            {
                SubscribedUeAmbr = new GlassCore.Sbi.Models.Ambr { Uplink = "50 Mbps", Downlink = "1.5 Gbps" },
            }, null),
        };
        Assert.Equal((50_000_000UL, 1_500_000_000UL), Gmm.NasPath.SubscribedUeAmbr(ue));
        var withSessions = new InitialContextSetupInfo(new byte[32], UeSecurityCapability.Create(0xF0, 0x70), [slice])
        {
            PduSessions = [new N2SmTransfer(5, slice, [0x00])],
            UeAmbr = Gmm.NasPath.SubscribedUeAmbr(ue),
        };
        var ambr = Ics(config, withSessions).UeAggregateMaximumBitRate!;
        Assert.Equal(50_000_000L, ambr.UeAggregateMaximumBitRateUl);
        Assert.Equal(1_500_000_000L, ambr.UeAggregateMaximumBitRateDl);

        // No subscribed UE-AMBR (or a malformed one): the configured values.
        ue.Subscription = new Sbi.SubscriptionData(new GlassCore.Sbi.Models.AccessAndMobilitySubscriptionData
        {
            SubscribedUeAmbr = new GlassCore.Sbi.Models.Ambr { Uplink = "fast", Downlink = "1 Gbps" },
        }, null);
        Assert.Null(Gmm.NasPath.SubscribedUeAmbr(ue));
        var fallback = Ics(config, withSessions with { UeAmbr = null }).UeAggregateMaximumBitRate!;
        Assert.Equal(config.UeAmbrUplinkBps, fallback.UeAggregateMaximumBitRateUl);
        Assert.Equal(config.UeAmbrDownlinkBps, fallback.UeAggregateMaximumBitRateDl);

        // Without PDU sessions the IE is absent (§9.2.2.1: conditional on the list).
        Assert.Null(Ics(config, withSessions with { PduSessions = [] }).UeAggregateMaximumBitRate);
    }

    private static InitialContextSetupRequest Ics(AmfConfiguration config, InitialContextSetupInfo info)
    {
        byte[] encoded = Per.Encode(NgapBuild.InitialContextSetupRequest(config, 7, 9, info, new byte[] { 0x7E, 0x00, 0x42 }));
        Assert.True(Per.TryDecode<NgapPdu>(encoded, out var pdu, out var error), error.ToString());
        var ics = Assert.IsType<InitiatingMessageValue.InitialContextSetup>(Assert.IsType<NgapPdu.InitiatingMessage>(pdu).Value.Value);
        return ics.Value;
    }
}
