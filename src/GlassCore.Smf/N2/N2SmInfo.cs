// TS 38.413 §9.3.4: the N2 SM information the SMF builds (PDU Session Resource Setup Request Transfer, Modify Request
// Transfer, Release Command Transfer) and reads (Setup Response / Setup Unsuccessful Transfer, Modify Response /
// Modify Unsuccessful Transfer) as aligned-PER octets the AMF relays unchanged.
using System.Net;
using GlassCore.Asn1;
using GlassCore.Ngap;

namespace GlassCore.Smf.N2;

/// <summary>A GTP-U tunnel endpoint (TS 38.413 §9.3.2.2 UP Transport Layer Information).</summary>
public readonly record struct GtpTunnelEndpoint(IPAddress Address, uint Teid);

public static class N2SmInfo
{
    /// <summary>§9.3.4.1 PDU Session Resource Setup Request Transfer: UL NG-U tunnel, PDU session type, the QoS flow to set up
    /// and the session AMBR.</summary>
    public static byte[] SetupRequestTransfer(GtpTunnelEndpoint ulTunnel, byte pduSessionType, byte qfi, int fiveQi, int arpPriority,
        bool preemptionCapable, bool preemptable, ulong ambrUplinkBps, ulong ambrDownlinkBps)
    {
        var ies = new List<PduSessionResourceSetupRequestTransferIEsProtocolIeField>
        {
            Field(new PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.PduSessionAggregateMaximumBitRate
            {
                Value = Ambr(ambrUplinkBps, ambrDownlinkBps),
            }),
            Field(new PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.UlNguUpTnlInformation { Value = Tunnel(ulTunnel) }),
            Field(new PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.PduSessionType { Value = SessionType(pduSessionType) }),
            Field(new PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.QosFlowSetupRequestList
            {
                Value =
                [
                    new QosFlowSetupRequestItem
                    {
                        QosFlowIdentifier = qfi,
                        QosFlowLevelQosParameters = FlowQos(fiveQi, arpPriority, preemptionCapable, preemptable),
                    },
                ],
            }),
        };
        return Per.Encode(new PduSessionResourceSetupRequestTransfer { ProtocolIEs = [.. ies] });
    }

    // The bit rate IE's range ends at 4,000,000,000,000 bit/s (TS 38.413 §9.3.1.102).
    private static PduSessionAggregateMaximumBitRate Ambr(ulong uplinkBps, ulong downlinkBps) => new()
    {
        PduSessionAggregateMaximumBitRateDl = (long)Math.Min(downlinkBps, 4_000_000_000_000UL),
        PduSessionAggregateMaximumBitRateUl = (long)Math.Min(uplinkBps, 4_000_000_000_000UL),
    };

    // A non-dynamic 5QI and its ARP, as both the setup and the modify transfer carry them (§9.3.1.12).
    private static QosFlowLevelQosParameters FlowQos(int fiveQi, int arpPriority, bool preemptionCapable, bool preemptable) => new()
    {
        QosCharacteristics = new QosCharacteristics.NonDynamic5Qi { Value = new NonDynamic5QiDescriptor { FiveQi = fiveQi } },
        AllocationAndRetentionPriority = new AllocationAndRetentionPriority
        {
            PriorityLevelArp = arpPriority,
            PreEmptionCapability = preemptionCapable ? PreEmptionCapability.MayTriggerPreEmption : PreEmptionCapability.ShallNotTriggerPreEmption,
            PreEmptionVulnerability = preemptable ? PreEmptionVulnerability.PreEmptable : PreEmptionVulnerability.NotPreEmptable,
        },
    };

    // Every IE of the transfer that the SMF sends has criticality reject (TS 38.413 §9.3.4.1).
    private static PduSessionResourceSetupRequestTransferIEsProtocolIeField Field(PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue value) => new()
    {
        Id = value.Key,
        Criticality = Criticality.Reject,
        Value = value,
    };

    /// <summary>§9.3.4.3 PDU Session Resource Modify Request Transfer: the new session AMBR and the QoS flow with its
    /// (possibly changed) QoS parameters in the QoS Flow Add or Modify Request List.</summary>
    public static byte[] ModifyRequestTransfer(byte qfi, int fiveQi, int arpPriority, bool preemptionCapable, bool preemptable, ulong ambrUplinkBps, ulong ambrDownlinkBps)
    {
        var ies = new List<PduSessionResourceModifyRequestTransferIEsProtocolIeField>
        {
            ModifyField(new PduSessionResourceModifyRequestTransferIEsProtocolIeFieldValue.PduSessionAggregateMaximumBitRate
            {
                Value = Ambr(ambrUplinkBps, ambrDownlinkBps),
            }),
            ModifyField(new PduSessionResourceModifyRequestTransferIEsProtocolIeFieldValue.QosFlowAddOrModifyRequestList
            {
                Value =
                [
                    new QosFlowAddOrModifyRequestItem
                    {
                        QosFlowIdentifier = qfi,
                        QosFlowLevelQosParameters = FlowQos(fiveQi, arpPriority, preemptionCapable, preemptable),
                    },
                ],
            }),
        };
        return Per.Encode(new PduSessionResourceModifyRequestTransfer { ProtocolIEs = [.. ies] });
    }

    // Both IEs the SMF sends have criticality reject (TS 38.413 §9.3.4.3).
    private static PduSessionResourceModifyRequestTransferIEsProtocolIeField ModifyField(PduSessionResourceModifyRequestTransferIEsProtocolIeFieldValue value) => new()
    {
        Id = value.Key,
        Criticality = Criticality.Reject,
        Value = value,
    };

    /// <summary>§9.3.4.4 PDU Session Resource Modify Response Transfer: a new DL tunnel if the gNB moved it (null if not), and
    /// the QoS flows it could not add or modify; false when it does not decode.</summary>
    public static bool TryReadModifyResponseTransfer(ReadOnlySpan<byte> transfer, out GtpTunnelEndpoint? dl, out int failedFlows, out string? error)
    {
        dl = null;
        failedFlows = 0;
        if (!Per.TryDecode<PduSessionResourceModifyResponseTransfer>(transfer.ToArray(), out var t, out var e))
        {
            error = "PDUSessionResourceModifyResponseTransfer does not decode: " + e;
            return false;
        }
        if (t.DlNguUpTnlInformation is { } info)
        {
            if (!TryReadTunnel(info, out GtpTunnelEndpoint endpoint, out error))
            {
                return false;
            }
            dl = endpoint;
        }
        failedFlows = t.QosFlowFailedToAddOrModifyList?.Length ?? 0;
        error = null;
        return true;
    }

    /// <summary>The cause (§9.3.1.2) of a PDU Session Resource Modify Unsuccessful Transfer (§9.3.4.25), for logs; null if it does not decode.</summary>
    public static string? ModifyUnsuccessfulCause(ReadOnlySpan<byte> transfer) =>
        Per.TryDecode<PduSessionResourceModifyUnsuccessfulTransfer>(transfer.ToArray(), out var t, out _) ? new CauseText(t.Cause).ToString() : null;

    /// <summary>§9.3.4.12 PDU Session Resource Release Command Transfer with a NAS cause (normal release).</summary>
    public static byte[] ReleaseCommandTransfer() =>
        Per.Encode(new PduSessionResourceReleaseCommandTransfer { Cause = new Cause.Nas { Value = CauseNas.NormalRelease } });

    private static PduSessionType SessionType(byte nasType) => nasType switch
    {
        2 => PduSessionType.Ipv6,
        3 => PduSessionType.Ipv4v6,
        4 => PduSessionType.Unstructured,
        5 => PduSessionType.Ethernet,
        _ => PduSessionType.Ipv4,
    };

    public static UpTransportLayerInformation Tunnel(GtpTunnelEndpoint t) => UpTransportLayer.GtpTunnel(t.Address, t.Teid);

    /// <summary>§9.3.4.2 PDU Session Resource Setup Response Transfer → the gNB's DL tunnel; false when it does not decode or
    /// carries no usable GTP tunnel (the caller answers with a protocol error).</summary>
    public static bool TryReadSetupResponseTransfer(ReadOnlySpan<byte> transfer, out GtpTunnelEndpoint dl, out string? error)
    {
        dl = default;
        if (!Per.TryDecode<PduSessionResourceSetupResponseTransfer>(transfer.ToArray(), out var t, out var e))
        {
            error = "PDUSessionResourceSetupResponseTransfer does not decode: " + e;
            return false;
        }
        return TryReadTunnel(t.DlQosFlowPerTnlInformation.UpTransportLayerInformation, out dl, out error);
    }

    public static bool TryReadTunnel(UpTransportLayerInformation info, out GtpTunnelEndpoint endpoint, out string? error)
    {
        bool ok = UpTransportLayer.TryReadGtpTunnel(info, out IPAddress? address, out uint teid, out error);
        endpoint = ok ? new GtpTunnelEndpoint(address!, teid) : default;
        return ok;
    }
}
