// TS 38.413 §9.2 (gNB side) and §9.3.4 (the gNB's N2 SM transfers): the NGAP messages a simulated gNB sends; pure, nothing sent here.
using System.Net;
using GlassCore.Asn1;
using GlassCore.Nas.Ies;
using GlassCore.Ngap;
using FiveGSTmsi = GlassCore.Ngap.FiveGSTmsi;
using IcsFailureIe = GlassCore.Ngap.InitialContextSetupFailureIEsProtocolIeFieldValue;
using IcsResponseIe = GlassCore.Ngap.InitialContextSetupResponseIEsProtocolIeFieldValue;
using InitialUeIe = GlassCore.Ngap.InitialUeMessageIEsProtocolIeFieldValue;
using ModifyResponseIe = GlassCore.Ngap.PduSessionResourceModifyResponseIEsProtocolIeFieldValue;
using NgResetIe = GlassCore.Ngap.NgResetIEsProtocolIeFieldValue;
using NgSetupIe = GlassCore.Ngap.NgSetupRequestIEsProtocolIeFieldValue;
using ReleaseCompleteIe = GlassCore.Ngap.UeContextReleaseCompleteIEsProtocolIeFieldValue;
using ReleaseRequestIe = GlassCore.Ngap.UeContextReleaseRequestIEsProtocolIeFieldValue;
using ReleaseResponseIe = GlassCore.Ngap.PduSessionResourceReleaseResponseIEsProtocolIeFieldValue;
using SetupResponseIe = GlassCore.Ngap.PduSessionResourceSetupResponseIEsProtocolIeFieldValue;
using SNssai = GlassCore.Ngap.SNssai;
using Tai = GlassCore.Ngap.Tai;
using UplinkIe = GlassCore.Ngap.UplinkNasTransportIEsProtocolIeFieldValue;

namespace GlassCore.Sim;

/// <summary>A simulated gNB's identity and the tracking area it serves.</summary>
public sealed record SimGnbConfig
{
    public required PlmnId Plmn { get; init; }

    /// <summary>gNB ID (TS 38.413 §9.3.1.6), <see cref="GnbIdBits"/> long (22..32).</summary>
    public uint GnbId { get; init; } = 1;

    public int GnbIdBits { get; init; } = 32;

    public string Name { get; init; } = "glasscore-gnb";

    public uint Tac { get; init; } = 1;

    public IReadOnlyList<SNssaiValue> Slices { get; init; } = [new(1)];

    /// <summary>The NR Cell Identity (36 bits) put in User Location Information.</summary>
    public ulong NrCellIdentity { get; init; } = 0x10;

    /// <summary>
    /// False: PDU Session Resource Setup/Release and Paging are not answered but handed to <see cref="SimGnb.NonUeMessages"/>,
    /// so a test can play the gNB's side of those procedures itself (a scripted RAN peer).
    /// </summary>
    public bool AnswerSessionProcedures { get; init; } = true;
}

/// <summary>How the gNB answered one PDU session of a setup request: set up (transfer = Setup Response Transfer) or not (Unsuccessful Transfer).</summary>
public readonly record struct PduSessionSetupResult(long PduSessionId, bool Succeeded, byte[] Transfer);

public static class SimGnbBuild
{
    private static byte[] Plmn(PlmnId p)
    {
        var b = new byte[3];
        p.Write(b);
        return b;
    }

    private static byte[] Tac(uint tac) => [(byte)(tac >> 16), (byte)(tac >> 8), (byte)tac];

    private static SNssai Slice(SNssaiValue s) => new()
    {
        Sst = [s.Sst],
        Sd = s.Sd is uint sd ? FixedOctetString.FromUInt64(sd & 0xFFFFFF, 3) : default(FixedOctetString?),
    };

    /// <summary>§9.3.1.16: NR CGI and TAI of the gNB's one cell.</summary>
    public static UserLocationInformation UserLocation(SimGnbConfig c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new UserLocationInformation.UserLocationInformationNr
        {
            Value = new UserLocationInformationNr
            {
                NrCgi = new NrCgi { PlmnIdentity = Plmn(c.Plmn), NrCellIdentity = BitString.FromUInt64(c.NrCellIdentity, 36) },
                Tai = new Tai { PlmnIdentity = Plmn(c.Plmn), Tac = Tac(c.Tac) },
            },
        };
    }

    /// <summary>§9.2.6.1 NG Setup Request: Global RAN Node ID, name, the supported TA with its PLMN and slices, paging DRX.</summary>
    public static NgapPdu NgSetupRequest(SimGnbConfig c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var ta = new SupportedTaItem
        {
            Tac = Tac(c.Tac),
            BroadcastPlmnList = [new BroadcastPlmnItem { PlmnIdentity = Plmn(c.Plmn), TaiSliceSupportList = [.. c.Slices.Select(s => new SliceSupportItem { SNssai = Slice(s) })] }],
        };
        var ies = new List<NgSetupRequestIEsProtocolIeField>
        {
            new() { Id = NgSetupIe.GlobalRanNodeId.Id, Criticality = NgSetupIe.GlobalRanNodeId.DefinedCriticality, Value = new NgSetupIe.GlobalRanNodeId { Value = new GlobalRanNodeId.GlobalGnbId { Value = new GlobalGnbId { PlmnIdentity = Plmn(c.Plmn), GnbId = new GnbId.GnbIdValue { Value = BitString.FromUInt64(c.GnbId, c.GnbIdBits) } } } } },
            new() { Id = NgSetupIe.RanNodeName.Id, Criticality = NgSetupIe.RanNodeName.DefinedCriticality, Value = new NgSetupIe.RanNodeName { Value = c.Name } },
            new() { Id = NgSetupIe.SupportedTaList.Id, Criticality = NgSetupIe.SupportedTaList.DefinedCriticality, Value = new NgSetupIe.SupportedTaList { Value = [ta] } },
            new() { Id = NgSetupIe.DefaultPagingDrx.Id, Criticality = NgSetupIe.DefaultPagingDrx.DefinedCriticality, Value = new NgSetupIe.DefaultPagingDrx { Value = PagingDrx.V128 } },
        };
        return NgapPdus.Initiating(new InitiatingMessageValue.NgSetup { Value = new NgSetupRequest { ProtocolIEs = [.. ies] } }, InitiatingMessageValue.NgSetup.DefinedCriticality);
    }

    /// <summary>§9.2.5.1 Initial UE Message; with the 5G-S-TMSI when the UE gave one (service request, GUTI registration).</summary>
    public static NgapPdu InitialUeMessage(SimGnbConfig c, long ranUeNgapId, ReadOnlyMemory<byte> nasPdu, RrcEstablishmentCause cause = RrcEstablishmentCause.MoSignalling, FiveGSTmsi? sTmsi = null)
    {
        var ies = new List<InitialUeMessageIEsProtocolIeField>
        {
            new() { Id = InitialUeIe.RanUeNgapId.Id, Criticality = InitialUeIe.RanUeNgapId.DefinedCriticality, Value = new InitialUeIe.RanUeNgapId { Value = ranUeNgapId } },
            new() { Id = InitialUeIe.NasPdu.Id, Criticality = InitialUeIe.NasPdu.DefinedCriticality, Value = new InitialUeIe.NasPdu { Value = nasPdu.ToArray() } },
            new() { Id = InitialUeIe.UserLocationInformation.Id, Criticality = InitialUeIe.UserLocationInformation.DefinedCriticality, Value = new InitialUeIe.UserLocationInformation { Value = UserLocation(c) } },
            new() { Id = InitialUeIe.RrcEstablishmentCause.Id, Criticality = InitialUeIe.RrcEstablishmentCause.DefinedCriticality, Value = new InitialUeIe.RrcEstablishmentCause { Value = cause } },
        };
        if (sTmsi is not null)
        {
            ies.Add(new() { Id = InitialUeIe.FiveGSTmsi.Id, Criticality = InitialUeIe.FiveGSTmsi.DefinedCriticality, Value = new InitialUeIe.FiveGSTmsi { Value = sTmsi } });
        }
        ies.Add(new() { Id = InitialUeIe.UeContextRequest.Id, Criticality = InitialUeIe.UeContextRequest.DefinedCriticality, Value = new InitialUeIe.UeContextRequest { Value = UeContextRequest.Requested } });
        return NgapPdus.Initiating(new InitiatingMessageValue.InitialUeMessage { Value = new InitialUeMessage { ProtocolIEs = [.. ies] } }, InitiatingMessageValue.InitialUeMessage.DefinedCriticality);
    }

    /// <summary>§9.2.5.3 Uplink NAS Transport.</summary>
    public static NgapPdu UplinkNasTransport(SimGnbConfig c, long amfUeNgapId, long ranUeNgapId, ReadOnlyMemory<byte> nasPdu)
    {
        var ies = new List<UplinkNasTransportIEsProtocolIeField>
        {
            new() { Id = UplinkIe.AmfUeNgapId.Id, Criticality = UplinkIe.AmfUeNgapId.DefinedCriticality, Value = new UplinkIe.AmfUeNgapId { Value = amfUeNgapId } },
            new() { Id = UplinkIe.RanUeNgapId.Id, Criticality = UplinkIe.RanUeNgapId.DefinedCriticality, Value = new UplinkIe.RanUeNgapId { Value = ranUeNgapId } },
            new() { Id = UplinkIe.NasPdu.Id, Criticality = UplinkIe.NasPdu.DefinedCriticality, Value = new UplinkIe.NasPdu { Value = nasPdu.ToArray() } },
            new() { Id = UplinkIe.UserLocationInformation.Id, Criticality = UplinkIe.UserLocationInformation.DefinedCriticality, Value = new UplinkIe.UserLocationInformation { Value = UserLocation(c) } },
        };
        return NgapPdus.Initiating(new InitiatingMessageValue.UplinkNasTransport { Value = new UplinkNasTransport { ProtocolIEs = [.. ies] } }, InitiatingMessageValue.UplinkNasTransport.DefinedCriticality);
    }

    /// <summary>§9.2.2.2 Initial Context Setup Response, with the PDU sessions set up (and those that failed) if the request had any.</summary>
    public static NgapPdu InitialContextSetupResponse(long amfUeNgapId, long ranUeNgapId, IReadOnlyList<PduSessionSetupResult>? sessions = null)
    {
        var ies = new List<InitialContextSetupResponseIEsProtocolIeField>
        {
            new() { Id = IcsResponseIe.AmfUeNgapId.Id, Criticality = IcsResponseIe.AmfUeNgapId.DefinedCriticality, Value = new IcsResponseIe.AmfUeNgapId { Value = amfUeNgapId } },
            new() { Id = IcsResponseIe.RanUeNgapId.Id, Criticality = IcsResponseIe.RanUeNgapId.DefinedCriticality, Value = new IcsResponseIe.RanUeNgapId { Value = ranUeNgapId } },
        };
        if (sessions?.Where(r => r.Succeeded).ToList() is { Count: > 0 } ok)
        {
            ies.Add(new() { Id = IcsResponseIe.PduSessionResourceSetupListCxtRes.Id, Criticality = IcsResponseIe.PduSessionResourceSetupListCxtRes.DefinedCriticality, Value = new IcsResponseIe.PduSessionResourceSetupListCxtRes { Value = [.. ok.Select(r => new PduSessionResourceSetupItemCxtRes { PduSessionId = r.PduSessionId, PduSessionResourceSetupResponseTransfer = r.Transfer })] } });
        }
        if (sessions?.Where(r => !r.Succeeded).ToList() is { Count: > 0 } failed)
        {
            ies.Add(new() { Id = IcsResponseIe.PduSessionResourceFailedToSetupListCxtRes.Id, Criticality = IcsResponseIe.PduSessionResourceFailedToSetupListCxtRes.DefinedCriticality, Value = new IcsResponseIe.PduSessionResourceFailedToSetupListCxtRes { Value = [.. failed.Select(r => new PduSessionResourceFailedToSetupItemCxtRes { PduSessionId = r.PduSessionId, PduSessionResourceSetupUnsuccessfulTransfer = r.Transfer })] } });
        }
        return NgapPdus.Successful(new SuccessfulOutcomeValue.InitialContextSetup { Value = new InitialContextSetupResponse { ProtocolIEs = [.. ies] } }, SuccessfulOutcomeValue.InitialContextSetup.DefinedCriticality);
    }

    /// <summary>§9.2.1.2 PDU Session Resource Setup Response: the sessions set up and those that failed.</summary>
    public static NgapPdu PduSessionResourceSetupResponse(long amfUeNgapId, long ranUeNgapId, IReadOnlyList<PduSessionSetupResult> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var ies = new List<PduSessionResourceSetupResponseIEsProtocolIeField>
        {
            new() { Id = SetupResponseIe.AmfUeNgapId.Id, Criticality = SetupResponseIe.AmfUeNgapId.DefinedCriticality, Value = new SetupResponseIe.AmfUeNgapId { Value = amfUeNgapId } },
            new() { Id = SetupResponseIe.RanUeNgapId.Id, Criticality = SetupResponseIe.RanUeNgapId.DefinedCriticality, Value = new SetupResponseIe.RanUeNgapId { Value = ranUeNgapId } },
        };
        if (sessions.Where(r => r.Succeeded).ToList() is { Count: > 0 } ok)
        {
            ies.Add(new() { Id = SetupResponseIe.PduSessionResourceSetupListSuRes.Id, Criticality = SetupResponseIe.PduSessionResourceSetupListSuRes.DefinedCriticality, Value = new SetupResponseIe.PduSessionResourceSetupListSuRes { Value = [.. ok.Select(r => new PduSessionResourceSetupItemSuRes { PduSessionId = r.PduSessionId, PduSessionResourceSetupResponseTransfer = r.Transfer })] } });
        }
        if (sessions.Where(r => !r.Succeeded).ToList() is { Count: > 0 } failed)
        {
            ies.Add(new() { Id = SetupResponseIe.PduSessionResourceFailedToSetupListSuRes.Id, Criticality = SetupResponseIe.PduSessionResourceFailedToSetupListSuRes.DefinedCriticality, Value = new SetupResponseIe.PduSessionResourceFailedToSetupListSuRes { Value = [.. failed.Select(r => new PduSessionResourceFailedToSetupItemSuRes { PduSessionId = r.PduSessionId, PduSessionResourceSetupUnsuccessfulTransfer = r.Transfer })] } });
        }
        return NgapPdus.Successful(new SuccessfulOutcomeValue.PduSessionResourceSetup { Value = new PduSessionResourceSetupResponse { ProtocolIEs = [.. ies] } }, SuccessfulOutcomeValue.PduSessionResourceSetup.DefinedCriticality);
    }

    /// <summary>§9.3.4.2 PDU Session Resource Setup Response Transfer: the gNB's DL NG-U tunnel and the QoS flows it carries.</summary>
    public static byte[] SetupResponseTransfer(IPAddress n3Address, uint dlTeid, IEnumerable<long> qosFlows) =>
        Per.Encode(new PduSessionResourceSetupResponseTransfer
        {
            DlQosFlowPerTnlInformation = new QosFlowPerTnlInformation
            {
                UpTransportLayerInformation = UpTransportLayer.GtpTunnel(n3Address, dlTeid),
                AssociatedQosFlowList = [.. qosFlows.Select(q => new AssociatedQosFlowItem { QosFlowIdentifier = q })],
            },
        });

    /// <summary>§9.3.4.6 PDU Session Resource Setup Unsuccessful Transfer: why a session was not set up.</summary>
    public static byte[] SetupUnsuccessfulTransfer(Cause cause) => Per.Encode(new PduSessionResourceSetupUnsuccessfulTransfer { Cause = cause });

    /// <summary>§9.2.1.4 PDU Session Resource Modify Response: the sessions modified and those that were not.</summary>
    public static NgapPdu PduSessionResourceModifyResponse(long amfUeNgapId, long ranUeNgapId, IReadOnlyList<PduSessionSetupResult> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var ies = new List<PduSessionResourceModifyResponseIEsProtocolIeField>
        {
            new() { Id = ModifyResponseIe.AmfUeNgapId.Id, Criticality = ModifyResponseIe.AmfUeNgapId.DefinedCriticality, Value = new ModifyResponseIe.AmfUeNgapId { Value = amfUeNgapId } },
            new() { Id = ModifyResponseIe.RanUeNgapId.Id, Criticality = ModifyResponseIe.RanUeNgapId.DefinedCriticality, Value = new ModifyResponseIe.RanUeNgapId { Value = ranUeNgapId } },
        };
        if (sessions.Where(r => r.Succeeded).ToList() is { Count: > 0 } ok)
        {
            ies.Add(new() { Id = ModifyResponseIe.PduSessionResourceModifyListModRes.Id, Criticality = ModifyResponseIe.PduSessionResourceModifyListModRes.DefinedCriticality, Value = new ModifyResponseIe.PduSessionResourceModifyListModRes { Value = [.. ok.Select(r => new PduSessionResourceModifyItemModRes { PduSessionId = r.PduSessionId, PduSessionResourceModifyResponseTransfer = r.Transfer })] } });
        }
        if (sessions.Where(r => !r.Succeeded).ToList() is { Count: > 0 } failed)
        {
            ies.Add(new() { Id = ModifyResponseIe.PduSessionResourceFailedToModifyListModRes.Id, Criticality = ModifyResponseIe.PduSessionResourceFailedToModifyListModRes.DefinedCriticality, Value = new ModifyResponseIe.PduSessionResourceFailedToModifyListModRes { Value = [.. failed.Select(r => new PduSessionResourceFailedToModifyItemModRes { PduSessionId = r.PduSessionId, PduSessionResourceModifyUnsuccessfulTransfer = r.Transfer })] } });
        }
        return NgapPdus.Successful(new SuccessfulOutcomeValue.PduSessionResourceModify { Value = new PduSessionResourceModifyResponse { ProtocolIEs = [.. ies] } }, SuccessfulOutcomeValue.PduSessionResourceModify.DefinedCriticality);
    }

    /// <summary>§9.3.4.4 PDU Session Resource Modify Response Transfer: the QoS flows modified (the tunnels stay as they are).</summary>
    public static byte[] ModifyResponseTransfer(IEnumerable<long> qosFlows) =>
        Per.Encode(new PduSessionResourceModifyResponseTransfer
        {
            QosFlowAddOrModifyResponseList = [.. qosFlows.Select(q => new QosFlowAddOrModifyResponseItem { QosFlowIdentifier = q })],
        });

    /// <summary>§9.3.4.25 PDU Session Resource Modify Unsuccessful Transfer: why a session was not modified.</summary>
    public static byte[] ModifyUnsuccessfulTransfer(Cause cause) => Per.Encode(new PduSessionResourceModifyUnsuccessfulTransfer { Cause = cause });

    /// <summary>§9.2.1.4 PDU Session Resource Release Response, each released session with an (empty) Release Response Transfer (§9.3.4.21).</summary>
    public static NgapPdu PduSessionResourceReleaseResponse(long amfUeNgapId, long ranUeNgapId, IEnumerable<long> released)
    {
        byte[] transfer = Per.Encode(new PduSessionResourceReleaseResponseTransfer());
        var ies = new List<PduSessionResourceReleaseResponseIEsProtocolIeField>
        {
            new() { Id = ReleaseResponseIe.AmfUeNgapId.Id, Criticality = ReleaseResponseIe.AmfUeNgapId.DefinedCriticality, Value = new ReleaseResponseIe.AmfUeNgapId { Value = amfUeNgapId } },
            new() { Id = ReleaseResponseIe.RanUeNgapId.Id, Criticality = ReleaseResponseIe.RanUeNgapId.DefinedCriticality, Value = new ReleaseResponseIe.RanUeNgapId { Value = ranUeNgapId } },
            new() { Id = ReleaseResponseIe.PduSessionResourceReleasedListRelRes.Id, Criticality = ReleaseResponseIe.PduSessionResourceReleasedListRelRes.DefinedCriticality, Value = new ReleaseResponseIe.PduSessionResourceReleasedListRelRes { Value = [.. released.Select(p => new PduSessionResourceReleasedItemRelRes { PduSessionId = p, PduSessionResourceReleaseResponseTransfer = transfer })] } },
        };
        return NgapPdus.Successful(new SuccessfulOutcomeValue.PduSessionResourceRelease { Value = new PduSessionResourceReleaseResponse { ProtocolIEs = [.. ies] } }, SuccessfulOutcomeValue.PduSessionResourceRelease.DefinedCriticality);
    }

    /// <summary>§9.2.2.3 Initial Context Setup Failure.</summary>
    public static NgapPdu InitialContextSetupFailure(long amfUeNgapId, long ranUeNgapId, Cause cause)
    {
        var ies = new List<InitialContextSetupFailureIEsProtocolIeField>
        {
            new() { Id = IcsFailureIe.AmfUeNgapId.Id, Criticality = IcsFailureIe.AmfUeNgapId.DefinedCriticality, Value = new IcsFailureIe.AmfUeNgapId { Value = amfUeNgapId } },
            new() { Id = IcsFailureIe.RanUeNgapId.Id, Criticality = IcsFailureIe.RanUeNgapId.DefinedCriticality, Value = new IcsFailureIe.RanUeNgapId { Value = ranUeNgapId } },
            new() { Id = IcsFailureIe.Cause.Id, Criticality = IcsFailureIe.Cause.DefinedCriticality, Value = new IcsFailureIe.Cause { Value = cause } },
        };
        return NgapPdus.Unsuccessful(new UnsuccessfulOutcomeValue.InitialContextSetup { Value = new InitialContextSetupFailure { ProtocolIEs = [.. ies] } }, UnsuccessfulOutcomeValue.InitialContextSetup.DefinedCriticality);
    }

    /// <summary>§9.2.2.6 UE Context Release Complete.</summary>
    public static NgapPdu UeContextReleaseComplete(long amfUeNgapId, long ranUeNgapId)
    {
        var ies = new List<UeContextReleaseCompleteIEsProtocolIeField>
        {
            new() { Id = ReleaseCompleteIe.AmfUeNgapId.Id, Criticality = ReleaseCompleteIe.AmfUeNgapId.DefinedCriticality, Value = new ReleaseCompleteIe.AmfUeNgapId { Value = amfUeNgapId } },
            new() { Id = ReleaseCompleteIe.RanUeNgapId.Id, Criticality = ReleaseCompleteIe.RanUeNgapId.DefinedCriticality, Value = new ReleaseCompleteIe.RanUeNgapId { Value = ranUeNgapId } },
        };
        return NgapPdus.Successful(new SuccessfulOutcomeValue.UeContextRelease { Value = new UeContextReleaseComplete { ProtocolIEs = [.. ies] } }, SuccessfulOutcomeValue.UeContextRelease.DefinedCriticality);
    }

    /// <summary>§9.2.2.4 UE Context Release Request (e.g. user inactivity).</summary>
    public static NgapPdu UeContextReleaseRequest(long amfUeNgapId, long ranUeNgapId, Cause cause)
    {
        var ies = new List<UeContextReleaseRequestIEsProtocolIeField>
        {
            new() { Id = ReleaseRequestIe.AmfUeNgapId.Id, Criticality = ReleaseRequestIe.AmfUeNgapId.DefinedCriticality, Value = new ReleaseRequestIe.AmfUeNgapId { Value = amfUeNgapId } },
            new() { Id = ReleaseRequestIe.RanUeNgapId.Id, Criticality = ReleaseRequestIe.RanUeNgapId.DefinedCriticality, Value = new ReleaseRequestIe.RanUeNgapId { Value = ranUeNgapId } },
            new() { Id = ReleaseRequestIe.Cause.Id, Criticality = ReleaseRequestIe.Cause.DefinedCriticality, Value = new ReleaseRequestIe.Cause { Value = cause } },
        };
        return NgapPdus.Initiating(new InitiatingMessageValue.UeContextReleaseRequest { Value = new UeContextReleaseRequest { ProtocolIEs = [.. ies] } }, InitiatingMessageValue.UeContextReleaseRequest.DefinedCriticality);
    }

    /// <summary>§9.2.6.11 NG Reset of the whole interface.</summary>
    public static NgapPdu NgReset(Cause cause)
    {
        var ies = new List<NgResetIEsProtocolIeField>
        {
            new() { Id = NgResetIe.Cause.Id, Criticality = NgResetIe.Cause.DefinedCriticality, Value = new NgResetIe.Cause { Value = cause } },
            new() { Id = NgResetIe.ResetType.Id, Criticality = NgResetIe.ResetType.DefinedCriticality, Value = new NgResetIe.ResetType { Value = new ResetType.NgInterface { Value = ResetAll.ResetAll } } },
        };
        return NgapPdus.Initiating(new InitiatingMessageValue.NgReset { Value = new NgReset { ProtocolIEs = [.. ies] } }, InitiatingMessageValue.NgReset.DefinedCriticality);
    }

    /// <summary>§9.2.6.5 AMF Configuration Update Acknowledge (nothing to report).</summary>
    public static NgapPdu AmfConfigurationUpdateAcknowledge() => NgapPdus.Successful(new SuccessfulOutcomeValue.AmfConfigurationUpdate { Value = new AmfConfigurationUpdateAcknowledge { ProtocolIEs = [] } }, SuccessfulOutcomeValue.AmfConfigurationUpdate.DefinedCriticality);
}
