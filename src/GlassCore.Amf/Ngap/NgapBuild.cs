// Style anchor #7: the NGAP messages the AMF sends (TS 38.413 §9.2), built from values; pure, nothing sent here.
// Each IE carries the criticality TS 38.413 assigns it (the generated DefinedCriticality).
using GlassCore.Amf.Sm;
using GlassCore.Asn1;
using GlassCore.Nas.Ies;
using GlassCore.Ngap;
using AmfUpdateIe = GlassCore.Ngap.AmfConfigurationUpdateIEsProtocolIeFieldValue;
using DownlinkIe = GlassCore.Ngap.DownlinkNasTransportIEsProtocolIeFieldValue;
using IcsIe = GlassCore.Ngap.InitialContextSetupRequestIEsProtocolIeFieldValue;
using NgSetupFailureIe = GlassCore.Ngap.NgSetupFailureIEsProtocolIeFieldValue;
using NgSetupResponseIe = GlassCore.Ngap.NgSetupResponseIEsProtocolIeFieldValue;
using PagingIe = GlassCore.Ngap.PagingIEsProtocolIeFieldValue;
using PsrModifyIe = GlassCore.Ngap.PduSessionResourceModifyRequestIEsProtocolIeFieldValue;
using PsrReleaseIe = GlassCore.Ngap.PduSessionResourceReleaseCommandIEsProtocolIeFieldValue;
using PsrSetupIe = GlassCore.Ngap.PduSessionResourceSetupRequestIEsProtocolIeFieldValue;
using RanUpdateFailureIe = GlassCore.Ngap.RanConfigurationUpdateFailureIEsProtocolIeFieldValue;
using ReleaseIe = GlassCore.Ngap.UeContextReleaseCommandIEsProtocolIeFieldValue;
using ResetAckIe = GlassCore.Ngap.NgResetAcknowledgeIEsProtocolIeFieldValue;
using Tai = GlassCore.Nas.Ies.Tai;

namespace GlassCore.Amf.Ngap;

public static class NgapBuild
{
    /// <summary>§9.2.6.2 NG Setup Response: AMF name, the served GUAMI, relative capacity, the PLMN and its slices.</summary>
    public static NgapPdu NgSetupResponse(AmfConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var slices = config.SupportedNssai.Select(s => new SliceSupportItem { SNssai = NgapValues.SNssai(s) }).ToArray();
        var ies = new List<NgSetupResponseIEsProtocolIeField>
        {
            new() { Id = NgSetupResponseIe.AmfName.Id, Criticality = NgSetupResponseIe.AmfName.DefinedCriticality, Value = new NgSetupResponseIe.AmfName { Value = config.AmfName } },
            new() { Id = NgSetupResponseIe.ServedGuamiList.Id, Criticality = NgSetupResponseIe.ServedGuamiList.DefinedCriticality, Value = new NgSetupResponseIe.ServedGuamiList { Value = [new ServedGuamiItem { Guami = NgapValues.Guami(config) }] } },
            new() { Id = NgSetupResponseIe.RelativeAmfCapacity.Id, Criticality = NgSetupResponseIe.RelativeAmfCapacity.DefinedCriticality, Value = new NgSetupResponseIe.RelativeAmfCapacity { Value = config.RelativeAmfCapacity } },
            new() { Id = NgSetupResponseIe.PlmnSupportList.Id, Criticality = NgSetupResponseIe.PlmnSupportList.DefinedCriticality, Value = new NgSetupResponseIe.PlmnSupportList { Value = [new PlmnSupportItem { PlmnIdentity = NgapValues.Plmn(config.Plmn), SliceSupportList = slices }] } },
        };
        return NgapPdus.Successful(new SuccessfulOutcomeValue.NgSetup { Value = new NgSetupResponse { ProtocolIEs = [.. ies] } }, SuccessfulOutcomeValue.NgSetup.DefinedCriticality);
    }

    /// <summary>§9.2.6.3 NG Setup Failure: the cause, Time to Wait, and diagnostics when an IE was the problem.</summary>
    public static NgapPdu NgSetupFailure(Cause cause, TimeToWait? timeToWait, CriticalityDiagnostics? diagnostics = null)
    {
        var ies = new List<NgSetupFailureIEsProtocolIeField>
        {
            new() { Id = NgSetupFailureIe.Cause.Id, Criticality = NgSetupFailureIe.Cause.DefinedCriticality, Value = new NgSetupFailureIe.Cause { Value = cause } },
        };
        if (timeToWait is { } t)
        {
            ies.Add(new() { Id = NgSetupFailureIe.TimeToWait.Id, Criticality = NgSetupFailureIe.TimeToWait.DefinedCriticality, Value = new NgSetupFailureIe.TimeToWait { Value = t } });
        }
        if (diagnostics is not null)
        {
            ies.Add(new() { Id = NgSetupFailureIe.CriticalityDiagnostics.Id, Criticality = NgSetupFailureIe.CriticalityDiagnostics.DefinedCriticality, Value = new NgSetupFailureIe.CriticalityDiagnostics { Value = diagnostics } });
        }
        return NgapPdus.Unsuccessful(new UnsuccessfulOutcomeValue.NgSetup { Value = new NgSetupFailure { ProtocolIEs = [.. ies] } }, UnsuccessfulOutcomeValue.NgSetup.DefinedCriticality);
    }

    /// <summary>§9.2.5.2 Downlink NAS Transport.</summary>
    public static NgapPdu DownlinkNasTransport(long amfUeNgapId, long ranUeNgapId, ReadOnlyMemory<byte> nasPdu)
    {
        var ies = new List<DownlinkNasTransportIEsProtocolIeField>
        {
            new() { Id = DownlinkIe.AmfUeNgapId.Id, Criticality = DownlinkIe.AmfUeNgapId.DefinedCriticality, Value = new DownlinkIe.AmfUeNgapId { Value = amfUeNgapId } },
            new() { Id = DownlinkIe.RanUeNgapId.Id, Criticality = DownlinkIe.RanUeNgapId.DefinedCriticality, Value = new DownlinkIe.RanUeNgapId { Value = ranUeNgapId } },
            new() { Id = DownlinkIe.NasPdu.Id, Criticality = DownlinkIe.NasPdu.DefinedCriticality, Value = new DownlinkIe.NasPdu { Value = nasPdu.ToArray() } },
        };
        return NgapPdus.Initiating(new InitiatingMessageValue.DownlinkNasTransport { Value = new DownlinkNasTransport { ProtocolIEs = [.. ies] } }, InitiatingMessageValue.DownlinkNasTransport.DefinedCriticality);
    }

    /// <summary>
    /// §9.2.2.1 Initial Context Setup Request: the GUAMI, the allowed NSSAI, the UE security capabilities, K_gNB as
    /// the Security Key (TS 33.501 §6.9.2.1.1) and the NAS-PDU (the Registration Accept) for the gNB to deliver.
    /// </summary>
    public static NgapPdu InitialContextSetupRequest(AmfConfiguration config, long amfUeNgapId, long ranUeNgapId, InitialContextSetupInfo info, ReadOnlyMemory<byte> nasPdu)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(info);
        if (info.Kgnb.Length != 32)
        {
            throw new ArgumentException("K_gNB is 256 bits", nameof(info));
        }
        var ies = new List<InitialContextSetupRequestIEsProtocolIeField>
        {
            new() { Id = IcsIe.AmfUeNgapId.Id, Criticality = IcsIe.AmfUeNgapId.DefinedCriticality, Value = new IcsIe.AmfUeNgapId { Value = amfUeNgapId } },
            new() { Id = IcsIe.RanUeNgapId.Id, Criticality = IcsIe.RanUeNgapId.DefinedCriticality, Value = new IcsIe.RanUeNgapId { Value = ranUeNgapId } },
            new() { Id = IcsIe.Guami.Id, Criticality = IcsIe.Guami.DefinedCriticality, Value = new IcsIe.Guami { Value = NgapValues.Guami(config) } },
            new() { Id = IcsIe.AllowedNssai.Id, Criticality = IcsIe.AllowedNssai.DefinedCriticality, Value = new IcsIe.AllowedNssai { Value = [.. info.AllowedNssai.Select(s => new AllowedNssaiItem { SNssai = NgapValues.SNssai(s) })] } },
            new() { Id = IcsIe.UeSecurityCapabilities.Id, Criticality = IcsIe.UeSecurityCapabilities.DefinedCriticality, Value = new IcsIe.UeSecurityCapabilities { Value = NgapValues.UeSecurityCapabilities(info.UeSecurityCapability) } },
            new() { Id = IcsIe.SecurityKey.Id, Criticality = IcsIe.SecurityKey.DefinedCriticality, Value = new IcsIe.SecurityKey { Value = new BitString(info.Kgnb.ToArray(), 256) } },
        };
        if (info.PduSessions.Count > 0)
        {
            // §9.2.2.1: the PDU sessions whose user plane is set up with the context (TS 23.502 §4.2.3.2 step 12).
            var items = info.PduSessions.Select(t => new PduSessionResourceSetupItemCxtReq
            {
                PduSessionId = t.PduSessionId,
                NasPdu = t.NasPdu,
                SNssai = NgapValues.SNssai(t.SNssai),
                PduSessionResourceSetupRequestTransfer = t.Transfer,
            }).ToArray();
            // The UE-AMBR is conditional on the list (§9.2.2.1): the subscribed one from the SDM am-data, else (no UDM) configuration.
            var (ul, dl) = info.UeAmbr is { } sub ? (BitRate(sub.Uplink), BitRate(sub.Downlink)) : (config.UeAmbrUplinkBps, config.UeAmbrDownlinkBps);
            ies.Add(new() { Id = IcsIe.UeAggregateMaximumBitRate.Id, Criticality = IcsIe.UeAggregateMaximumBitRate.DefinedCriticality, Value = new IcsIe.UeAggregateMaximumBitRate { Value = new UeAggregateMaximumBitRate { UeAggregateMaximumBitRateDl = dl, UeAggregateMaximumBitRateUl = ul } } });
            ies.Add(new() { Id = IcsIe.PduSessionResourceSetupListCxtReq.Id, Criticality = IcsIe.PduSessionResourceSetupListCxtReq.DefinedCriticality, Value = new IcsIe.PduSessionResourceSetupListCxtReq { Value = items } });
        }
        if (!nasPdu.IsEmpty)
        {
            ies.Add(new() { Id = IcsIe.NasPdu.Id, Criticality = IcsIe.NasPdu.DefinedCriticality, Value = new IcsIe.NasPdu { Value = nasPdu.ToArray() } });
        }
        // Protocol IEs in the order of the §9.2.2.1 table (the list comes before the allowed NSSAI).
        ies.Sort((a, b) => IcsOrder(a.Id).CompareTo(IcsOrder(b.Id)));
        return NgapPdus.Initiating(new InitiatingMessageValue.InitialContextSetup { Value = new InitialContextSetupRequest { ProtocolIEs = [.. ies] } }, InitiatingMessageValue.InitialContextSetup.DefinedCriticality);
    }

    /// <summary>§9.3.1.4 Bit Rate: INTEGER (0..4000000000000, ...) bits per second; larger subscribed rates are capped there.</summary>
    private static long BitRate(ulong bps) => (long)Math.Min(bps, 4_000_000_000_000UL);

    private static int IcsOrder(long id) => id switch
    {
        _ when id == IcsIe.AmfUeNgapId.Id => 0,
        _ when id == IcsIe.RanUeNgapId.Id => 1,
        _ when id == IcsIe.UeAggregateMaximumBitRate.Id => 2,
        _ when id == IcsIe.Guami.Id => 3,
        _ when id == IcsIe.PduSessionResourceSetupListCxtReq.Id => 4,
        _ when id == IcsIe.AllowedNssai.Id => 5,
        _ when id == IcsIe.UeSecurityCapabilities.Id => 6,
        _ when id == IcsIe.SecurityKey.Id => 7,
        _ => 8,
    };

    /// <summary>
    /// §9.2.1.1 PDU Session Resource Setup Request: each session's S-NSSAI and Setup Request Transfer as the SMF built
    /// it (relayed unchanged), with the PDU Session NAS-PDU (the DL NAS Transport carrying the 5GSM accept).
    /// </summary>
    public static NgapPdu PduSessionResourceSetupRequest(long amfUeNgapId, long ranUeNgapId, IReadOnlyList<N2SmTransfer> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var items = sessions.Select(t => new PduSessionResourceSetupItemSuReq
        {
            PduSessionId = t.PduSessionId,
            PduSessionNasPdu = t.NasPdu,
            SNssai = NgapValues.SNssai(t.SNssai),
            PduSessionResourceSetupRequestTransfer = t.Transfer,
        }).ToArray();
        var ies = new List<PduSessionResourceSetupRequestIEsProtocolIeField>
        {
            new() { Id = PsrSetupIe.AmfUeNgapId.Id, Criticality = PsrSetupIe.AmfUeNgapId.DefinedCriticality, Value = new PsrSetupIe.AmfUeNgapId { Value = amfUeNgapId } },
            new() { Id = PsrSetupIe.RanUeNgapId.Id, Criticality = PsrSetupIe.RanUeNgapId.DefinedCriticality, Value = new PsrSetupIe.RanUeNgapId { Value = ranUeNgapId } },
            new() { Id = PsrSetupIe.PduSessionResourceSetupListSuReq.Id, Criticality = PsrSetupIe.PduSessionResourceSetupListSuReq.DefinedCriticality, Value = new PsrSetupIe.PduSessionResourceSetupListSuReq { Value = items } },
        };
        return NgapPdus.Initiating(new InitiatingMessageValue.PduSessionResourceSetup { Value = new PduSessionResourceSetupRequest { ProtocolIEs = [.. ies] } }, InitiatingMessageValue.PduSessionResourceSetup.DefinedCriticality);
    }

    /// <summary>
    /// §9.2.1.3 PDU Session Resource Modify Request: each session's Modify Request Transfer as the SMF built it (relayed
    /// unchanged), with the NAS-PDU (the DL NAS Transport carrying the 5GSM modification command).
    /// </summary>
    public static NgapPdu PduSessionResourceModifyRequest(long amfUeNgapId, long ranUeNgapId, IReadOnlyList<N2SmTransfer> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var items = sessions.Select(t => new PduSessionResourceModifyItemModReq
        {
            PduSessionId = t.PduSessionId,
            NasPdu = t.NasPdu,
            PduSessionResourceModifyRequestTransfer = t.Transfer,
        }).ToArray();
        var ies = new List<PduSessionResourceModifyRequestIEsProtocolIeField>
        {
            new() { Id = PsrModifyIe.AmfUeNgapId.Id, Criticality = PsrModifyIe.AmfUeNgapId.DefinedCriticality, Value = new PsrModifyIe.AmfUeNgapId { Value = amfUeNgapId } },
            new() { Id = PsrModifyIe.RanUeNgapId.Id, Criticality = PsrModifyIe.RanUeNgapId.DefinedCriticality, Value = new PsrModifyIe.RanUeNgapId { Value = ranUeNgapId } },
            new() { Id = PsrModifyIe.PduSessionResourceModifyListModReq.Id, Criticality = PsrModifyIe.PduSessionResourceModifyListModReq.DefinedCriticality, Value = new PsrModifyIe.PduSessionResourceModifyListModReq { Value = items } },
        };
        return NgapPdus.Initiating(new InitiatingMessageValue.PduSessionResourceModify { Value = new PduSessionResourceModifyRequest { ProtocolIEs = [.. ies] } }, InitiatingMessageValue.PduSessionResourceModify.DefinedCriticality);
    }

    /// <summary>§9.2.1.5 PDU Session Resource Release Command: the NAS-PDU (5GSM release command) and each session's Release Command Transfer.</summary>
    public static NgapPdu PduSessionResourceReleaseCommand(long amfUeNgapId, long ranUeNgapId, IReadOnlyList<N2SmTransfer> sessions, ReadOnlyMemory<byte> nasPdu)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var items = sessions.Select(t => new PduSessionResourceToReleaseItemRelCmd { PduSessionId = t.PduSessionId, PduSessionResourceReleaseCommandTransfer = t.Transfer }).ToArray();
        var ies = new List<PduSessionResourceReleaseCommandIEsProtocolIeField>
        {
            new() { Id = PsrReleaseIe.AmfUeNgapId.Id, Criticality = PsrReleaseIe.AmfUeNgapId.DefinedCriticality, Value = new PsrReleaseIe.AmfUeNgapId { Value = amfUeNgapId } },
            new() { Id = PsrReleaseIe.RanUeNgapId.Id, Criticality = PsrReleaseIe.RanUeNgapId.DefinedCriticality, Value = new PsrReleaseIe.RanUeNgapId { Value = ranUeNgapId } },
        };
        if (!nasPdu.IsEmpty)
        {
            ies.Add(new() { Id = PsrReleaseIe.NasPdu.Id, Criticality = PsrReleaseIe.NasPdu.DefinedCriticality, Value = new PsrReleaseIe.NasPdu { Value = nasPdu.ToArray() } });
        }
        ies.Add(new() { Id = PsrReleaseIe.PduSessionResourceToReleaseListRelCmd.Id, Criticality = PsrReleaseIe.PduSessionResourceToReleaseListRelCmd.DefinedCriticality, Value = new PsrReleaseIe.PduSessionResourceToReleaseListRelCmd { Value = items } });
        return NgapPdus.Initiating(new InitiatingMessageValue.PduSessionResourceRelease { Value = new PduSessionResourceReleaseCommand { ProtocolIEs = [.. ies] } }, InitiatingMessageValue.PduSessionResourceRelease.DefinedCriticality);
    }

    /// <summary>§9.2.4.1 Paging: the UE's 5G-S-TMSI (AMF Set ID, AMF Pointer, 5G-TMSI, §9.3.3.20) and the TAIs to page in.</summary>
    public static NgapPdu Paging(FiveGGuti guti, IReadOnlyList<Tai> tais)
    {
        ArgumentNullException.ThrowIfNull(tais);
        var identity = new UePagingIdentity.FiveGSTmsi
        {
            Value = new GlassCore.Ngap.FiveGSTmsi
            {
                AmfSetId = BitString.FromUInt64(guti.AmfSetId, 10),
                AmfPointer = BitString.FromUInt64(guti.AmfPointer, 6),
                FiveGTmsi = [(byte)(guti.Tmsi >> 24), (byte)(guti.Tmsi >> 16), (byte)(guti.Tmsi >> 8), (byte)guti.Tmsi],
            },
        };
        var list = tais.Select(t => new TaiListForPagingItem { Tai = new GlassCore.Ngap.Tai { PlmnIdentity = NgapValues.Plmn(t.Plmn), Tac = NgapValues.Tac(t.Tac) } }).ToArray();
        var ies = new List<PagingIEsProtocolIeField>
        {
            new() { Id = PagingIe.UePagingIdentity.Id, Criticality = PagingIe.UePagingIdentity.DefinedCriticality, Value = new PagingIe.UePagingIdentity { Value = identity } },
            new() { Id = PagingIe.TaiListForPaging.Id, Criticality = PagingIe.TaiListForPaging.DefinedCriticality, Value = new PagingIe.TaiListForPaging { Value = list } },
        };
        return NgapPdus.Initiating(new InitiatingMessageValue.Paging { Value = new Paging { ProtocolIEs = [.. ies] } }, InitiatingMessageValue.Paging.DefinedCriticality);
    }

    /// <summary>§9.2.2.5 UE Context Release Command: both UE NGAP IDs when the RAN one is known, and the cause.</summary>
    public static NgapPdu UeContextReleaseCommand(long amfUeNgapId, long? ranUeNgapId, Cause cause)
    {
        UeNgapIDs ids = ranUeNgapId is long ran
            ? new UeNgapIDs.UeNgapIdPair { Value = new UeNgapIdPair { AmfUeNgapId = amfUeNgapId, RanUeNgapId = ran } }
            : new UeNgapIDs.AmfUeNgapId { Value = amfUeNgapId };
        var ies = new List<UeContextReleaseCommandIEsProtocolIeField>
        {
            new() { Id = ReleaseIe.UeNgapIDs.Id, Criticality = ReleaseIe.UeNgapIDs.DefinedCriticality, Value = new ReleaseIe.UeNgapIDs { Value = ids } },
            new() { Id = ReleaseIe.Cause.Id, Criticality = ReleaseIe.Cause.DefinedCriticality, Value = new ReleaseIe.Cause { Value = cause } },
        };
        return NgapPdus.Initiating(new InitiatingMessageValue.UeContextRelease { Value = new UeContextReleaseCommand { ProtocolIEs = [.. ies] } }, InitiatingMessageValue.UeContextRelease.DefinedCriticality);
    }

    /// <summary>§9.2.6.12 NG Reset Acknowledge; for a partial reset, the connections that were reset (§8.7.4.2.1).</summary>
    public static NgapPdu NgResetAcknowledge(List<UeAssociatedLogicalNgConnectionItem>? resetConnections)
    {
        var ies = new List<NgResetAcknowledgeIEsProtocolIeField>();
        if (resetConnections is { Count: > 0 })
        {
            ies.Add(new() { Id = ResetAckIe.UeAssociatedLogicalNgConnectionList.Id, Criticality = ResetAckIe.UeAssociatedLogicalNgConnectionList.DefinedCriticality, Value = new ResetAckIe.UeAssociatedLogicalNgConnectionList { Value = [.. resetConnections] } });
        }
        return NgapPdus.Successful(new SuccessfulOutcomeValue.NgReset { Value = new NgResetAcknowledge { ProtocolIEs = [.. ies] } }, SuccessfulOutcomeValue.NgReset.DefinedCriticality);
    }

    /// <summary>§9.2.6.8 RAN Configuration Update Acknowledge.</summary>
    public static NgapPdu RanConfigurationUpdateAcknowledge() =>
        NgapPdus.Successful(new SuccessfulOutcomeValue.RanConfigurationUpdate { Value = new RanConfigurationUpdateAcknowledge { ProtocolIEs = [] } }, SuccessfulOutcomeValue.RanConfigurationUpdate.DefinedCriticality);

    /// <summary>§9.2.6.9 RAN Configuration Update Failure.</summary>
    public static NgapPdu RanConfigurationUpdateFailure(Cause cause, TimeToWait? timeToWait)
    {
        var ies = new List<RanConfigurationUpdateFailureIEsProtocolIeField>
        {
            new() { Id = RanUpdateFailureIe.Cause.Id, Criticality = RanUpdateFailureIe.Cause.DefinedCriticality, Value = new RanUpdateFailureIe.Cause { Value = cause } },
        };
        if (timeToWait is { } t)
        {
            ies.Add(new() { Id = RanUpdateFailureIe.TimeToWait.Id, Criticality = RanUpdateFailureIe.TimeToWait.DefinedCriticality, Value = new RanUpdateFailureIe.TimeToWait { Value = t } });
        }
        return NgapPdus.Unsuccessful(new UnsuccessfulOutcomeValue.RanConfigurationUpdate { Value = new RanConfigurationUpdateFailure { ProtocolIEs = [.. ies] } }, UnsuccessfulOutcomeValue.RanConfigurationUpdate.DefinedCriticality);
    }

    /// <summary>§9.2.6.4 AMF Configuration Update: the AMF's name, GUAMI, capacity and PLMN support as they are now.</summary>
    public static NgapPdu AmfConfigurationUpdate(AmfConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var slices = config.SupportedNssai.Select(s => new SliceSupportItem { SNssai = NgapValues.SNssai(s) }).ToArray();
        var ies = new List<AmfConfigurationUpdateIEsProtocolIeField>
        {
            new() { Id = AmfUpdateIe.AmfName.Id, Criticality = AmfUpdateIe.AmfName.DefinedCriticality, Value = new AmfUpdateIe.AmfName { Value = config.AmfName } },
            new() { Id = AmfUpdateIe.ServedGuamiList.Id, Criticality = AmfUpdateIe.ServedGuamiList.DefinedCriticality, Value = new AmfUpdateIe.ServedGuamiList { Value = [new ServedGuamiItem { Guami = NgapValues.Guami(config) }] } },
            new() { Id = AmfUpdateIe.RelativeAmfCapacity.Id, Criticality = AmfUpdateIe.RelativeAmfCapacity.DefinedCriticality, Value = new AmfUpdateIe.RelativeAmfCapacity { Value = config.RelativeAmfCapacity } },
            new() { Id = AmfUpdateIe.PlmnSupportList.Id, Criticality = AmfUpdateIe.PlmnSupportList.DefinedCriticality, Value = new AmfUpdateIe.PlmnSupportList { Value = [new PlmnSupportItem { PlmnIdentity = NgapValues.Plmn(config.Plmn), SliceSupportList = slices }] } },
        };
        return NgapPdus.Initiating(new InitiatingMessageValue.AmfConfigurationUpdate { Value = new AmfConfigurationUpdate { ProtocolIEs = [.. ies] } }, InitiatingMessageValue.AmfConfigurationUpdate.DefinedCriticality);
    }

    /// <summary>§9.3.1.2 Cause, the alternatives the AMF uses.</summary>
    public static Cause Cause(CauseNas c) => new Cause.Nas { Value = c };

    public static Cause Cause(CauseRadioNetwork c) => new Cause.RadioNetwork { Value = c };

    public static Cause Cause(CauseProtocol c) => new Cause.Protocol { Value = c };

    public static Cause Cause(CauseMisc c) => new Cause.Misc { Value = c };

    /// <summary>§9.3.1.56: the smallest Time to Wait value not shorter than <paramref name="wait"/> (60 s at most).</summary>
    public static TimeToWait TimeToWaitFor(TimeSpan wait) => wait.TotalSeconds switch
    {
        <= 1 => TimeToWait.V1s,
        <= 2 => TimeToWait.V2s,
        <= 5 => TimeToWait.V5s,
        <= 10 => TimeToWait.V10s,
        <= 20 => TimeToWait.V20s,
        _ => TimeToWait.V60s,
    };


}
