// TS 38.413 §8.7.1 (NG Setup), §8.7.2 (RAN Configuration Update), §8.7.3 (Error Indication), §8.7.4 (NG Reset),
// §8.6 (NAS transport), §8.3.1 (Initial Context Setup), §8.3.2/§8.3.3 (UE Context Release) and §10 (errors):
// the handlers of the AMF's NGAP layer, run on the gNB's own task.
using GlassCore.Asn1;
using GlassCore.Ngap;
using GlassCore.Sctp.N2;
using Microsoft.Extensions.Logging;

namespace GlassCore.Amf.Ngap;

public sealed partial class AmfNgap
{
    private async ValueTask HandleAsync(GnbContext gnb, N2MessageReceived m, CancellationToken ct)
    {
        if (!Per.TryDecode<NgapPdu>(m.Pdu.Span, out var pdu, out var error))
        {
            // §10.2 transfer syntax error: the PDU does not decode. Echo the UE IDs when they can be read.
            long? amf = null, ran = null;
            if (NgapPeek.TryPeek(m.Pdu.Span, out var peek, out _))
            {
                amf = peek.AmfUeNgapId;
                ran = peek.RanUeNgapId;
            }
            LogUndecodable(_log, gnb.Association.RemoteEndPoint, error);
            await SendErrorIndicationAsync(gnb, amf, ran, NgapBuild.Cause(CauseProtocol.TransferSyntaxError), null, ct).ConfigureAwait(false);
            return;
        }
        switch (pdu)
        {
            case NgapPdu.InitiatingMessage { Value: var im }:
                await HandleInitiatingAsync(gnb, im, ct).ConfigureAwait(false);
                break;
            case NgapPdu.SuccessfulOutcome { Value: var so }:
                await HandleSuccessfulAsync(gnb, so, ct).ConfigureAwait(false);
                break;
            case NgapPdu.UnsuccessfulOutcome { Value: var uo }:
                await HandleUnsuccessfulAsync(gnb, uo, ct).ConfigureAwait(false);
                break;
            default:
                await SendErrorIndicationAsync(gnb, null, null, NgapBuild.Cause(CauseProtocol.TransferSyntaxError), null, ct).ConfigureAwait(false);
                break;
        }
    }

    private async ValueTask HandleInitiatingAsync(GnbContext gnb, InitiatingMessage im, CancellationToken ct)
    {
        if (im.Value is InitiatingMessageValue.NgSetup setup)
        {
            await HandleNgSetupAsync(gnb, setup.Value, ct).ConfigureAwait(false);
            return;
        }
        if (im.Value is InitiatingMessageValue.ErrorIndication ei)
        {
            HandleErrorIndication(gnb, ei.Value);
            return;
        }
        if (!gnb.SetupDone)
        {
            // §8.7.1.1: NG Setup is the first NGAP procedure on an association.
            await SendErrorIndicationAsync(gnb, null, null, NgapBuild.Cause(CauseProtocol.MessageNotCompatibleWithReceiverState),
                NgapErrorIndication.Diagnostics((int)im.ProcedureCode, TriggeringMessage.InitiatingMessage, im.Criticality), ct).ConfigureAwait(false);
            return;
        }
        switch (im.Value)
        {
            case InitiatingMessageValue.InitialUeMessage x:
                await HandleInitialUeMessageAsync(gnb, im, x.Value, ct).ConfigureAwait(false);
                break;
            case InitiatingMessageValue.UplinkNasTransport x:
                await HandleUplinkNasTransportAsync(gnb, im, x.Value, ct).ConfigureAwait(false);
                break;
            case InitiatingMessageValue.UeContextReleaseRequest x:
                await HandleUeContextReleaseRequestAsync(gnb, im, x.Value, ct).ConfigureAwait(false);
                break;
            case InitiatingMessageValue.NgReset x:
                await HandleNgResetAsync(gnb, im, x.Value, ct).ConfigureAwait(false);
                break;
            case InitiatingMessageValue.RanConfigurationUpdate x:
                await HandleRanConfigurationUpdateAsync(gnb, x.Value, ct).ConfigureAwait(false);
                break;
            default:
                await NotSupportedAsync(gnb, im.ProcedureCode, im.Criticality, TriggeringMessage.InitiatingMessage, ct).ConfigureAwait(false);
                break;
        }
    }

    private async ValueTask HandleSuccessfulAsync(GnbContext gnb, SuccessfulOutcome so, CancellationToken ct)
    {
        switch (so.Value)
        {
            case SuccessfulOutcomeValue.InitialContextSetup x:
                if (await LinkOfAsync(gnb, x.Value.AmfUeNgapId, x.Value.RanUeNgapId, so.ProcedureCode, TriggeringMessage.SuccessfulOutcome, ct).ConfigureAwait(false) is { } link)
                {
                    link.ContextSetUp = true;
                    OnInitialContextSetupSessions(x.Value);
                }
                break;
            case SuccessfulOutcomeValue.PduSessionResourceSetup x:
                await HandlePduSessionResourceSetupResponseAsync(gnb, so, x.Value, ct).ConfigureAwait(false);
                break;
            case SuccessfulOutcomeValue.PduSessionResourceModify x:
                await HandlePduSessionResourceModifyResponseAsync(gnb, so, x.Value, ct).ConfigureAwait(false);
                break;
            case SuccessfulOutcomeValue.PduSessionResourceRelease x:
                await HandlePduSessionResourceReleaseResponseAsync(gnb, so, x.Value, ct).ConfigureAwait(false);
                break;
            case SuccessfulOutcomeValue.UeContextRelease x:
                // §8.3.3.2: the RAN released the UE; the logical connection is gone (even if we did not ask: tolerate).
                if (x.Value.AmfUeNgapId is long amf && _ues.TryGetValue(amf, out var released) && released.Gnb == gnb)
                {
                    DropLink(amf, released);
                    Amf.OnN2ConnectionReleased(amf);
                }
                else
                {
                    await UnknownUeAsync(gnb, x.Value.AmfUeNgapId, x.Value.RanUeNgapId, ct).ConfigureAwait(false);
                }
                break;
            case SuccessfulOutcomeValue.AmfConfigurationUpdate:
                LogAmfConfigurationUpdate(_log, gnb.Association.RemoteEndPoint, "acknowledged");
                break;
            default:
                await NotSupportedAsync(gnb, so.ProcedureCode, so.Criticality, TriggeringMessage.SuccessfulOutcome, ct).ConfigureAwait(false);
                break;
        }
    }

    private async ValueTask HandleUnsuccessfulAsync(GnbContext gnb, UnsuccessfulOutcome uo, CancellationToken ct)
    {
        switch (uo.Value)
        {
            case UnsuccessfulOutcomeValue.InitialContextSetup x:
                if (await LinkOfAsync(gnb, x.Value.AmfUeNgapId, x.Value.RanUeNgapId, uo.ProcedureCode, TriggeringMessage.UnsuccessfulOutcome, ct).ConfigureAwait(false) is not null)
                {
                    LogIcsFailure(_log, x.Value.AmfUeNgapId ?? -1, new CauseText(x.Value.Cause));
                    Amf.OnInitialContextSetupFailure(x.Value.AmfUeNgapId!.Value);
                }
                break;
            case UnsuccessfulOutcomeValue.AmfConfigurationUpdate:
                LogAmfConfigurationUpdate(_log, gnb.Association.RemoteEndPoint, "refused");
                break;
            default:
                await NotSupportedAsync(gnb, uo.ProcedureCode, uo.Criticality, TriggeringMessage.UnsuccessfulOutcome, ct).ConfigureAwait(false);
                break;
        }
    }

    // ---- non-UE-associated ------------------------------------------------------------------------------------------

    /// <summary>
    /// §8.7.1.2: accept a gNB that serves at least one TA of ours: a broadcast PLMN we serve, a TAC in our TAI list,
    /// and at least one S-NSSAI we support in that TA. Otherwise NG Setup Failure with Time to Wait: an unserved PLMN
    /// or TAI is misc "unknown PLMN or SNPN", a served TA without a common slice is radioNetwork "slice not supported".
    /// </summary>
    private async ValueTask HandleNgSetupAsync(GnbContext gnb, NgSetupRequest req, CancellationToken ct)
    {
        var ttw = NgapBuild.TimeToWaitFor(_config.NgSetupTimeToWait);
        var missing = new List<IeDiagnostic>();
        if (req.GlobalRanNodeId is null)
        {
            missing.Add(new IeDiagnostic(Criticality.Reject, (int)NgSetupRequestIEsProtocolIeFieldValue.GlobalRanNodeId.Id, TypeOfError.Missing));
        }
        if (req.SupportedTaList is null)
        {
            missing.Add(new IeDiagnostic(Criticality.Reject, (int)NgSetupRequestIEsProtocolIeFieldValue.SupportedTaList.Id, TypeOfError.Missing));
        }
        if (missing.Count > 0)
        {
            // §10.3.5: a missing mandatory IE with criticality reject fails the procedure, with diagnostics.
            var diag = NgapErrorIndication.Diagnostics((int)InitiatingMessageValue.NgSetup.Id, TriggeringMessage.InitiatingMessage, Criticality.Reject, missing);
            await SendNonUeAsync(gnb, NgapBuild.NgSetupFailure(NgapBuild.Cause(CauseProtocol.AbstractSyntaxErrorReject), ttw, diag), ct).ConfigureAwait(false);
            return;
        }
        bool plmnServed = false, taServed = false, sliceServed = false;
        foreach (var ta in req.SupportedTaList!)
        {
            uint? tac = NgapValues.Tac(ta.Tac);
            foreach (var b in ta.BroadcastPlmnList)
            {
                if (NgapValues.Plmn(b.PlmnIdentity) is not { } plmn || plmn != _config.Plmn)
                {
                    continue;
                }
                plmnServed = true;
                if (tac is null || !_config.TaiList.Any(t => t.Plmn == plmn && t.Tac == tac))
                {
                    continue;
                }
                taServed = true;
                if (b.TaiSliceSupportList.Any(s => NgapValues.SNssai(s.SNssai) is { } v && _config.SupportedNssai.Any(o => o.Sst == v.Sst && o.Sd == v.Sd)))
                {
                    sliceServed = true;
                }
            }
        }
        if (!plmnServed || !taServed || !sliceServed)
        {
            var cause = !plmnServed || !taServed ? NgapBuild.Cause(CauseMisc.UnknownPlmnOrSnpn) : NgapBuild.Cause(CauseRadioNetwork.SliceNotSupported);
            LogNgSetupRefused(_log, gnb.Association.RemoteEndPoint, new CauseText(cause));
            await SendNonUeAsync(gnb, NgapBuild.NgSetupFailure(cause, ttw), ct).ConfigureAwait(false);
            return;
        }
        if (gnb.SetupDone)
        {
            // §8.7.1.2: a repeated NG Setup on a working association resets it: the old UE connections are gone.
            AssociationLostUes(gnb);
        }
        gnb.GlobalRanNodeId = req.GlobalRanNodeId;
        gnb.RanNodeName = req.RanNodeName;
        gnb.SupportedTaList = req.SupportedTaList!;
        gnb.SetupDone = true;
        LogNgSetup(_log, gnb.Association.RemoteEndPoint, gnb.RanNodeName ?? "");
        await SendNonUeAsync(gnb, NgapBuild.NgSetupResponse(_config), ct).ConfigureAwait(false);
    }

    /// <summary>§8.7.2: the gNB's new supported TAs replace the old ones if we still serve one of them.</summary>
    private async ValueTask HandleRanConfigurationUpdateAsync(GnbContext gnb, RanConfigurationUpdate req, CancellationToken ct)
    {
        if (req.SupportedTaList is { } tas)
        {
            bool served = tas.Any(ta => NgapValues.Tac(ta.Tac) is uint tac && ta.BroadcastPlmnList.Any(b =>
                NgapValues.Plmn(b.PlmnIdentity) is { } p && _config.TaiList.Any(t => t.Plmn == p && t.Tac == tac)));
            if (!served)
            {
                await SendNonUeAsync(gnb, NgapBuild.RanConfigurationUpdateFailure(NgapBuild.Cause(CauseMisc.UnknownPlmnOrSnpn), NgapBuild.TimeToWaitFor(_config.NgSetupTimeToWait)), ct).ConfigureAwait(false);
                return;
            }
            gnb.SupportedTaList = tas;
        }
        if (req.RanNodeName is { } name)
        {
            gnb.RanNodeName = name;
        }
        await SendNonUeAsync(gnb, NgapBuild.RanConfigurationUpdateAcknowledge(), ct).ConfigureAwait(false);
    }

    /// <summary>§8.7.4.2.2: NG Reset from the gNB: release the UE connections named (or all), then acknowledge.</summary>
    private async ValueTask HandleNgResetAsync(GnbContext gnb, InitiatingMessage im, NgReset req, CancellationToken ct)
    {
        switch (req.ResetType)
        {
            case ResetType.NgInterface:
                AssociationLostUes(gnb);
                await SendNonUeAsync(gnb, NgapBuild.NgResetAcknowledge(null), ct).ConfigureAwait(false);
                break;
            case ResetType.PartOfNgInterface part:
                var acked = new List<UeAssociatedLogicalNgConnectionItem>();
                foreach (var item in part.Value)
                {
                    long? amf = item.AmfUeNgapId;
                    if (amf is null && item.RanUeNgapId is long ran && gnb.Ues.TryGetValue(ran, out long byRan))
                    {
                        amf = byRan;
                    }
                    if (amf is long a && _ues.TryGetValue(a, out var link) && link.Gnb == gnb)
                    {
                        DropLink(a, link);
                        Amf.OnN2ConnectionReleased(a);
                    }
                    acked.Add(new UeAssociatedLogicalNgConnectionItem { AmfUeNgapId = item.AmfUeNgapId, RanUeNgapId = item.RanUeNgapId });
                }
                await SendNonUeAsync(gnb, NgapBuild.NgResetAcknowledge(acked), ct).ConfigureAwait(false);
                break;
            default:
                var diag = NgapErrorIndication.Diagnostics((int)im.ProcedureCode, TriggeringMessage.InitiatingMessage, im.Criticality,
                    [new IeDiagnostic(Criticality.Reject, (int)NgResetIEsProtocolIeFieldValue.ResetType.Id, TypeOfError.Missing)]);
                await SendErrorIndicationAsync(gnb, null, null, NgapBuild.Cause(CauseProtocol.AbstractSyntaxErrorReject), diag, ct).ConfigureAwait(false);
                break;
        }
    }

    private void HandleErrorIndication(GnbContext gnb, ErrorIndication ei)
    {
        // §8.7.3.2: the gNB reports an error in something we sent; nothing to answer, and never answered with another.
        gnb.CountErrorIndication();
        LogErrorIndicationReceived(_log, gnb.Association.RemoteEndPoint, ei.AmfUeNgapId ?? -1, ei.RanUeNgapId ?? -1, new CauseText(ei.Cause));
    }

    /// <summary>Every UE connection over this association goes (NG Reset of the whole interface, repeated NG Setup).</summary>
    private void AssociationLostUes(GnbContext gnb)
    {
        foreach (var (_, amf) in gnb.Ues)
        {
            if (_ues.TryGetValue(amf, out var link) && link.Gnb == gnb)
            {
                _ues.TryRemove(new KeyValuePair<long, UeLink>(amf, link));
                _amf?.OnN2ConnectionReleased(amf);
            }
        }
        gnb.Ues.Clear();
    }

    // ---- UE-associated ----------------------------------------------------------------------------------------------

    /// <summary>§8.6.1: a new UE-associated logical connection and a new UE context in the AMF core.</summary>
    private async ValueTask HandleInitialUeMessageAsync(GnbContext gnb, InitiatingMessage im, InitialUeMessage msg, CancellationToken ct)
    {
        long? ran = msg.RanUeNgapId;
        byte[]? nas = msg.NasPdu;
        if (ran is null || nas is null || msg.UserLocationInformation is null)
        {
            var missing = new List<IeDiagnostic>();
            if (ran is null)
            {
                missing.Add(new IeDiagnostic(Criticality.Reject, (int)InitialUeMessageIEsProtocolIeFieldValue.RanUeNgapId.Id, TypeOfError.Missing));
            }
            if (nas is null)
            {
                missing.Add(new IeDiagnostic(Criticality.Reject, (int)InitialUeMessageIEsProtocolIeFieldValue.NasPdu.Id, TypeOfError.Missing));
            }
            if (msg.UserLocationInformation is null)
            {
                missing.Add(new IeDiagnostic(Criticality.Reject, (int)InitialUeMessageIEsProtocolIeFieldValue.UserLocationInformation.Id, TypeOfError.Missing));
            }
            await MissingIesAsync(gnb, im, null, ran, missing, ct).ConfigureAwait(false);
            return;
        }
        if (gnb.Ues.TryGetValue(ran.Value, out long previous) && _ues.TryGetValue(previous, out var old) && old.Gnb == gnb)
        {
            // The gNB reused a RAN-UE-NGAP-ID it has not released: it lost that UE; our side of it goes too.
            DropLink(previous, old);
            Amf.OnN2ConnectionReleased(previous);
        }
        Amf.OnInitialUeMessage(ran.Value, nas, id =>
        {
            _ues[id] = new UeLink(gnb, ran.Value);
            gnb.Ues[ran.Value] = id;
        });
    }

    /// <summary>§8.6.3: NAS for an existing connection; the IDs must name a connection of this gNB (§10.6).</summary>
    private async ValueTask HandleUplinkNasTransportAsync(GnbContext gnb, InitiatingMessage im, UplinkNasTransport msg, CancellationToken ct)
    {
        if (msg.NasPdu is not { } nas || msg.AmfUeNgapId is null || msg.RanUeNgapId is null)
        {
            var missing = new List<IeDiagnostic>();
            if (msg.AmfUeNgapId is null)
            {
                missing.Add(new IeDiagnostic(Criticality.Reject, (int)UplinkNasTransportIEsProtocolIeFieldValue.AmfUeNgapId.Id, TypeOfError.Missing));
            }
            if (msg.RanUeNgapId is null)
            {
                missing.Add(new IeDiagnostic(Criticality.Reject, (int)UplinkNasTransportIEsProtocolIeFieldValue.RanUeNgapId.Id, TypeOfError.Missing));
            }
            if (msg.NasPdu is null)
            {
                missing.Add(new IeDiagnostic(Criticality.Reject, (int)UplinkNasTransportIEsProtocolIeFieldValue.NasPdu.Id, TypeOfError.Missing));
            }
            await MissingIesAsync(gnb, im, msg.AmfUeNgapId, msg.RanUeNgapId, missing, ct).ConfigureAwait(false);
            return;
        }
        if (await LinkOfAsync(gnb, msg.AmfUeNgapId, msg.RanUeNgapId, im.ProcedureCode, TriggeringMessage.InitiatingMessage, ct).ConfigureAwait(false) is null)
        {
            return;
        }
        if (Amf.OnUplinkNasTransport(msg.AmfUeNgapId.Value, msg.RanUeNgapId.Value, nas) == UplinkDelivery.UnknownAmfUeNgapId)
        {
            await SendErrorIndicationAsync(gnb, msg.AmfUeNgapId, msg.RanUeNgapId, NgapBuild.Cause(CauseRadioNetwork.UnknownLocalUeNgapId), null, ct).ConfigureAwait(false);
        }
    }

    /// <summary>§8.3.2: the gNB asks for a release; the AMF answers with UE Context Release Command carrying the gNB's cause.</summary>
    private async ValueTask HandleUeContextReleaseRequestAsync(GnbContext gnb, InitiatingMessage im, UeContextReleaseRequest msg, CancellationToken ct)
    {
        if (await LinkOfAsync(gnb, msg.AmfUeNgapId, msg.RanUeNgapId, im.ProcedureCode, TriggeringMessage.InitiatingMessage, ct).ConfigureAwait(false) is not { } link)
        {
            return;
        }
        link.Releasing = true;
        var cause = msg.Cause ?? NgapBuild.Cause(CauseRadioNetwork.Unspecified);
        await SendUeAsync(gnb, link.RanUeNgapId, NgapBuild.UeContextReleaseCommand(msg.AmfUeNgapId!.Value, link.RanUeNgapId, cause), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// §10.6: the connection named by an AMF-UE-NGAP-ID and RAN-UE-NGAP-ID pair, or null after answering with Error
    /// Indication: unknown-local-UE-NGAP-ID when the AMF ID is not ours on this gNB, inconsistent-remote-UE-NGAP-ID
    /// when the RAN ID does not go with it.
    /// </summary>
    private async ValueTask<UeLink?> LinkOfAsync(GnbContext gnb, long? amf, long? ran, long procedureCode, TriggeringMessage trigger, CancellationToken ct)
    {
        if (amf is null || ran is null)
        {
            var missing = new List<IeDiagnostic>();
            if (amf is null)
            {
                missing.Add(new IeDiagnostic(Criticality.Reject, 10, TypeOfError.Missing));
            }
            if (ran is null)
            {
                missing.Add(new IeDiagnostic(Criticality.Reject, 85, TypeOfError.Missing));
            }
            await SendErrorIndicationAsync(gnb, amf, ran, NgapBuild.Cause(CauseProtocol.AbstractSyntaxErrorReject),
                NgapErrorIndication.Diagnostics((int)procedureCode, trigger, null, missing), ct).ConfigureAwait(false);
            return null;
        }
        if (!_ues.TryGetValue(amf.Value, out var link) || link.Gnb != gnb)
        {
            await UnknownUeAsync(gnb, amf, ran, ct).ConfigureAwait(false);
            return null;
        }
        if (link.RanUeNgapId != ran.Value)
        {
            await SendErrorIndicationAsync(gnb, amf, ran, NgapBuild.Cause(CauseRadioNetwork.InconsistentRemoteUeNgapId), null, ct).ConfigureAwait(false);
            return null;
        }
        return link;
    }

    private ValueTask UnknownUeAsync(GnbContext gnb, long? amf, long? ran, CancellationToken ct) =>
        SendErrorIndicationAsync(gnb, amf, ran, NgapBuild.Cause(CauseRadioNetwork.UnknownLocalUeNgapId), null, ct);

    private ValueTask MissingIesAsync(GnbContext gnb, InitiatingMessage im, long? amf, long? ran, List<IeDiagnostic> missing, CancellationToken ct) =>
        SendErrorIndicationAsync(gnb, amf, ran, NgapBuild.Cause(CauseProtocol.AbstractSyntaxErrorReject),
            NgapErrorIndication.Diagnostics((int)im.ProcedureCode, TriggeringMessage.InitiatingMessage, im.Criticality, missing), ct);

    /// <summary>
    /// §10.3.4.1 for a procedure this AMF does not implement: criticality reject → Error Indication "abstract syntax
    /// error (reject)", ignore-and-notify → "abstract syntax error (ignore and notify)", ignore → nothing.
    /// </summary>
    private ValueTask NotSupportedAsync(GnbContext gnb, long procedureCode, Criticality criticality, TriggeringMessage trigger, CancellationToken ct)
    {
        LogNotSupported(_log, gnb.Association.RemoteEndPoint, procedureCode, trigger);
        return criticality switch
        {
            Criticality.Reject => SendErrorIndicationAsync(gnb, null, null, NgapBuild.Cause(CauseProtocol.AbstractSyntaxErrorReject),
                NgapErrorIndication.Diagnostics((int)procedureCode, trigger, criticality), ct),
            Criticality.Notify => SendErrorIndicationAsync(gnb, null, null, NgapBuild.Cause(CauseProtocol.AbstractSyntaxErrorIgnoreAndNotify),
                NgapErrorIndication.Diagnostics((int)procedureCode, trigger, criticality), ct),
            _ => ValueTask.CompletedTask,
        };
    }

    private void DropLink(long amf, UeLink link)
    {
        _ues.TryRemove(new KeyValuePair<long, UeLink>(amf, link));
        link.Gnb.Ues.TryRemove(new KeyValuePair<long, long>(link.RanUeNgapId, amf));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "gNB {Peer}: undecodable NGAP ({Error})")]
    private static partial void LogUndecodable(ILogger log, System.Net.IPEndPoint peer, GlassCore.Asn1.Asn1DecodeError error);

    [LoggerMessage(Level = LogLevel.Information, Message = "gNB {Peer} ({Name}): NG Setup accepted")]
    private static partial void LogNgSetup(ILogger log, System.Net.IPEndPoint peer, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "gNB {Peer}: NG Setup refused ({Cause})")]
    private static partial void LogNgSetupRefused(ILogger log, System.Net.IPEndPoint peer, CauseText cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "gNB {Peer}: Error Indication received (AMF-UE-NGAP-ID {Amf}, RAN-UE-NGAP-ID {Ran}, cause {Cause})")]
    private static partial void LogErrorIndicationReceived(ILogger log, System.Net.IPEndPoint peer, long amf, long ran, CauseText cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "UE {Amf}: Initial Context Setup failed ({Cause})")]
    private static partial void LogIcsFailure(ILogger log, long amf, CauseText cause);

    [LoggerMessage(Level = LogLevel.Information, Message = "gNB {Peer}: AMF Configuration Update {Outcome}")]
    private static partial void LogAmfConfigurationUpdate(ILogger log, System.Net.IPEndPoint peer, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "gNB {Peer}: procedure {ProcedureCode} ({Trigger}) not supported")]
    private static partial void LogNotSupported(ILogger log, System.Net.IPEndPoint peer, long procedureCode, TriggeringMessage trigger);
}
