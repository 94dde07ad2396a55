// Aligned-PER decode plus encode of the NGAP messages an AMF handles most (targets in issue 4): InitialUEMessage with a
// 60-byte NAS-PDU, PDUSessionResourceSetupRequest with 3 QoS flows (and its transfer), NGSetupRequest with 256 TAs.
using BenchmarkDotNet.Attributes;
using GlassCore.Asn1;
using GlassCore.Ngap;

namespace GlassCore.Benchmarks;

[MemoryDiagnoser]
public class NgapBenchmarks
{
    private static readonly byte[] s_plmn = [0x02, 0xf8, 0x39];
    private byte[] _initialUe = [];
    private byte[] _setupRequest = [];
    private byte[] _ngSetup = [];

    [GlobalSetup]
    public void Setup()
    {
        _initialUe = Per.Encode(InitialUeMessage());
        _setupRequest = Per.Encode(PduSessionResourceSetupRequest());
        _ngSetup = Per.Encode(NgSetupRequest(256));
    }

    [Benchmark]
    public int InitialUeMessage_DecodeEncode() => DecodeEncode(_initialUe);

    [Benchmark]
    public int PduSessionResourceSetupRequest3Flows_DecodeEncode()
    {
        int n = DecodeEncode(_setupRequest, out var pdu);
        // The transfer is an OCTET STRING holding another PER encoding: decode and encode it too.
        var request = ((InitiatingMessageValue.PduSessionResourceSetup)((NgapPdu.InitiatingMessage)pdu).Value.Value).Value;
        foreach (var item in request.PduSessionResourceSetupListSuReq!)
        {
            if (!Per.TryDecode<PduSessionResourceSetupRequestTransfer>(item.PduSessionResourceSetupRequestTransfer, out var transfer, out var error))
            {
                throw new InvalidOperationException(error.ToString());
            }
            n += Per.Encode(transfer).Length;
        }
        return n;
    }

    [Benchmark]
    public int NgSetupRequest256Tas_DecodeEncode() => DecodeEncode(_ngSetup);

    private static int DecodeEncode(byte[] bytes) => DecodeEncode(bytes, out _);

    private static int DecodeEncode(byte[] bytes, out NgapPdu pdu)
    {
        if (!Per.TryDecode(bytes, out pdu, out var error))
        {
            throw new InvalidOperationException(error.ToString());
        }
        Span<byte> buffer = stackalloc byte[8192];
        if (!Per.TryEncode(pdu, buffer, out int written))
        {
            throw new InvalidOperationException("does not fit");
        }
        return written;
    }

    private static NgapPdu.InitiatingMessage Initiating(InitiatingMessageValue value, Criticality criticality) => new NgapPdu.InitiatingMessage
    {
        Value = new InitiatingMessage { ProcedureCode = value.Key, Criticality = criticality, Value = value },
    };

    internal static NgapPdu.InitiatingMessage InitialUeMessage()
    {
        var nrCgi = new NrCgi { PlmnIdentity = s_plmn, NrCellIdentity = BitString.FromUInt64(0x10, 36) };
        var tai = new Tai { PlmnIdentity = s_plmn, Tac = [0, 0, 1] };
        List<InitialUeMessageIEsProtocolIeField> ies =
        [
            new() { Id = 85, Criticality = Criticality.Reject, Value = new InitialUeMessageIEsProtocolIeFieldValue.RanUeNgapId { Value = 1 } },
            new() { Id = 38, Criticality = Criticality.Reject, Value = new InitialUeMessageIEsProtocolIeFieldValue.NasPdu { Value = Enumerable.Range(0, 60).Select(i => (byte)i).ToArray() } },
            new()
            {
                Id = 121,
                Criticality = Criticality.Reject,
                Value = new InitialUeMessageIEsProtocolIeFieldValue.UserLocationInformation
                {
                    Value = new UserLocationInformation.UserLocationInformationNr { Value = new UserLocationInformationNr { NrCgi = nrCgi, Tai = tai } },
                },
            },
            new() { Id = 90, Criticality = Criticality.Ignore, Value = new InitialUeMessageIEsProtocolIeFieldValue.RrcEstablishmentCause { Value = RrcEstablishmentCause.MoSignalling } },
            new() { Id = 112, Criticality = Criticality.Ignore, Value = new InitialUeMessageIEsProtocolIeFieldValue.UeContextRequest { Value = UeContextRequest.Requested } },
        ];
        return Initiating(new InitiatingMessageValue.InitialUeMessage { Value = new InitialUeMessage { ProtocolIEs = [.. ies] } }, Criticality.Ignore);
    }

    internal static NgapPdu.InitiatingMessage PduSessionResourceSetupRequest()
    {
        var flows = new List<QosFlowSetupRequestItem>();
        for (int i = 1; i <= 3; i++)
        {
            flows.Add(new QosFlowSetupRequestItem
            {
                QosFlowIdentifier = i,
                QosFlowLevelQosParameters = new QosFlowLevelQosParameters
                {
                    QosCharacteristics = new QosCharacteristics.NonDynamic5Qi { Value = new NonDynamic5QiDescriptor { FiveQi = 9 - i } },
                    AllocationAndRetentionPriority = new AllocationAndRetentionPriority
                    {
                        PriorityLevelArp = 8,
                        PreEmptionCapability = PreEmptionCapability.ShallNotTriggerPreEmption,
                        PreEmptionVulnerability = PreEmptionVulnerability.NotPreEmptable,
                    },
                },
            });
        }
        var transfer = new PduSessionResourceSetupRequestTransfer
        {
            ProtocolIEs =
            [
                new() { Id = 130, Criticality = Criticality.Reject, Value = new PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.PduSessionAggregateMaximumBitRate { Value = new PduSessionAggregateMaximumBitRate { PduSessionAggregateMaximumBitRateDl = 1_000_000_000, PduSessionAggregateMaximumBitRateUl = 500_000_000 } } },
                new() { Id = 139, Criticality = Criticality.Reject, Value = new PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.UlNguUpTnlInformation { Value = new UpTransportLayerInformation.GtpTunnel { Value = new GtpTunnel { TransportLayerAddress = new BitString([10, 100, 200, 1]), GtpTeid = [0, 0, 0, 1] } } } },
                new() { Id = 134, Criticality = Criticality.Reject, Value = new PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.PduSessionType { Value = PduSessionType.Ipv4 } },
                new() { Id = 136, Criticality = Criticality.Reject, Value = new PduSessionResourceSetupRequestTransferIEsProtocolIeFieldValue.QosFlowSetupRequestList { Value = [.. flows] } },
            ],
        };
        var item = new PduSessionResourceSetupItemSuReq
        {
            PduSessionId = 1,
            PduSessionNasPdu = Enumerable.Range(0, 40).Select(i => (byte)i).ToArray(),
            SNssai = new SNssai { Sst = [1], Sd = [1, 2, 3] },
            PduSessionResourceSetupRequestTransfer = Per.Encode(transfer),
        };
        List<PduSessionResourceSetupRequestIEsProtocolIeField> ies =
        [
            new() { Id = 10, Criticality = Criticality.Reject, Value = new PduSessionResourceSetupRequestIEsProtocolIeFieldValue.AmfUeNgapId { Value = 1 } },
            new() { Id = 85, Criticality = Criticality.Reject, Value = new PduSessionResourceSetupRequestIEsProtocolIeFieldValue.RanUeNgapId { Value = 1 } },
            new() { Id = 74, Criticality = Criticality.Reject, Value = new PduSessionResourceSetupRequestIEsProtocolIeFieldValue.PduSessionResourceSetupListSuReq { Value = [item] } },
        ];
        return Initiating(new InitiatingMessageValue.PduSessionResourceSetup { Value = new PduSessionResourceSetupRequest { ProtocolIEs = [.. ies] } }, Criticality.Reject);
    }

    internal static NgapPdu.InitiatingMessage NgSetupRequest(int tas)
    {
        var list = new List<SupportedTaItem>();
        for (int i = 0; i < tas; i++)
        {
            list.Add(new SupportedTaItem
            {
                Tac = [0, (byte)(i >> 8), (byte)i],
                BroadcastPlmnList = [new BroadcastPlmnItem { PlmnIdentity = s_plmn, TaiSliceSupportList = [new SliceSupportItem { SNssai = new SNssai { Sst = [1], Sd = [1, 2, 3] } }] }],
            });
        }
        var gnb = new GlobalGnbId { PlmnIdentity = s_plmn, GnbId = new GnbId.GnbIdValue { Value = BitString.FromUInt64(1, 22) } };
        List<NgSetupRequestIEsProtocolIeField> ies =
        [
            new() { Id = 27, Criticality = Criticality.Reject, Value = new NgSetupRequestIEsProtocolIeFieldValue.GlobalRanNodeId { Value = new GlobalRanNodeId.GlobalGnbId { Value = gnb } } },
            new() { Id = 82, Criticality = Criticality.Ignore, Value = new NgSetupRequestIEsProtocolIeFieldValue.RanNodeName { Value = "GlassCore-bench-gNB" } },
            new() { Id = 102, Criticality = Criticality.Reject, Value = new NgSetupRequestIEsProtocolIeFieldValue.SupportedTaList { Value = [.. list] } },
            new() { Id = 21, Criticality = Criticality.Ignore, Value = new NgSetupRequestIEsProtocolIeFieldValue.DefaultPagingDrx { Value = PagingDrx.V128 } },
        ];
        return Initiating(new InitiatingMessageValue.NgSetup { Value = new NgSetupRequest { ProtocolIEs = [.. ies] } }, Criticality.Reject);
    }
}
