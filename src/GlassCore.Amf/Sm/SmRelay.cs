// TS 24.501 §5.4.5 (UL/DL NAS transport), TS 23.502 §4.3.2.2.1 (establishment), §4.2.3.2-§4.2.3.3 (service request,
// paging), §4.3.4.2 (release), §4.2.6 (AN release): the AMF's session-management relay for one UE. It forwards N1 SM
// messages to the SMF, and what the SMF answers or transfers to N1 (DL NAS Transport) and N2 (NGAP). Owned by the
// UE's mailbox task; SMF calls run off the loop and come back as SmfAnswerEvent.
using GlassCore.Amf.Gmm;
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;
using GlassCore.Sbi;
using GlassCore.Sbi.Models;
using Microsoft.Extensions.Logging;

namespace GlassCore.Amf.Sm;

internal sealed partial class SmRelay(AmfUeContext ue, AmfConfiguration config, ISmfClient? smf, INasDownlink downlink, NasPath path, ILogger log, Action<UeEvent> post,
    TimeProvider? time = null)
{
    // §9.11.3.47 request type values.
    private const byte InitialRequest = 1;
    private const byte ExistingPduSession = 2;
    private const byte ModificationRequest = 5;
    // §8.3.14 PDU session release complete (5GSM message type).
    private const byte PduSessionReleaseCompleteType = 0xD4;

    private long _transactions;
    private ushort _uplinkDataStatus;
    private bool _ueSentPduSessionStatus;
    private SendNasAction? _deferredAccept;
    private int _pendingActivations;
    private ushort _reactivationFailed;

    // T3513 (§5.6.2.2.1): the running paging timer, how many pagings went out, and a generation for stale expiries.
    private ITimer? _t3513;
    private int _pagings;
    private long _pagingGeneration;

    // TS 29.518 §5.2.2.3.1: transfers answered 202 while paging, whose senders asked to hear if they are not delivered.
    private readonly List<(string NotifyUri, string MessageUri)> _awaitingUe = [];

    private UeNgapIds Ids => new(ue.AmfUeNgapId, ue.RanUeNgapId);

    // ---- UL NAS transport (§5.4.5.2) --------------------------------------------------------------------------------

    /// <summary>§5.4.5.2.3: an N1 SM message from the UE goes to the SMF of its PDU session, or to a newly selected one for an initial request.</summary>
    public async ValueTask OnUlNasTransportAsync(UlNasTransport ul, CancellationToken ct)
    {
        if (ul.PayloadContainerType.Value != PayloadContainerTypes.N1SmInformation)
        {
            // SMS, LPP, UE policy … have no consumer in this AMF: §5.4.5.2.5 lets the AMF discard what it cannot route.
            LogPayloadIgnored(log, ue.AmfUeNgapId, ul.PayloadContainerType.Value);
            return;
        }
        byte psi = ul.PduSessionId!.Value.Octet;
        byte[] n1 = ul.PayloadContainer.Value.ToArray();
        byte requestType = ul.RequestType?.Value ?? 0;
        ue.PduSessions.TryGetValue(psi, out AmfPduSession? session);
        if (psi is < 1 or > 15)
        {
            await NotForwardedAsync(psi, n1, GmmCauses.PayloadWasNotForwarded, "PDU session ID out of range", ct).ConfigureAwait(false);
            return;
        }
        if (requestType == InitialRequest)
        {
            await InitialRequestAsync(psi, n1, ul, session, ct).ConfigureAwait(false);
            return;
        }
        if (requestType is not (0 or ExistingPduSession or ModificationRequest) || session?.SmContextRef is not string reference || smf is null)
        {
            // §5.4.5.2.5 b: no PDU session routing context for this PDU session ID (or an emergency / MA request type this AMF does not serve).
            await NotForwardedAsync(psi, n1, GmmCauses.PayloadWasNotForwarded, session is null ? "no PDU session routing context" : "request type not served", ct).ConfigureAwait(false);
            return;
        }
        long tx = ++_transactions;
        Start(psi, SmOperation.UpdateN1, tx, n1, c => smf.UpdateSmContextAsync(reference, new SmContextUpdateData(), n1, null, c), ct);
    }

    private async ValueTask InitialRequestAsync(byte psi, byte[] n1, UlNasTransport ul, AmfPduSession? old, CancellationToken ct)
    {
        if (smf is null || ue.Supi is null)
        {
            await NotForwardedAsync(psi, n1, GmmCauses.PayloadWasNotForwarded, "no SMF configured", ct).ConfigureAwait(false);
            return;
        }
        // TS 23.502 §4.3.2.2.1 step 2: the S-NSSAI the UE asked for must be allowed; without one, the default (first allowed).
        SNssaiValue? slice = null;
        if (ul.SNssai is { } requested)
        {
            SNssaiValue r = requested.Get();
            foreach (SNssaiValue a in ue.AllowedNssai)
            {
                if (a.Sst == r.Sst && a.Sd == r.Sd)
                {
                    slice = a;
                    break;
                }
            }
        }
        else if (ue.AllowedNssai.Count > 0)
        {
            slice = ue.AllowedNssai[0];
        }
        if (slice is not { } snssai)
        {
            await NotForwardedAsync(psi, n1, GmmCauses.PayloadWasNotForwarded, "S-NSSAI not in the allowed NSSAI", ct).ConfigureAwait(false);
            return;
        }
        // TS 23.502 §4.3.2.2.1 step 2: no DNN from the UE: the subscribed default DNN of the slice (SMF selection
        // subscription data, step 14b of registration), else the configured one.
        string? dnn = ul.Dnn?.ToString() ?? SubscribedDefaultDnn(snssai) ?? config.DefaultDnn;
        if (string.IsNullOrEmpty(dnn))
        {
            await NotForwardedAsync(psi, n1, GmmCauses.DnnNotSupportedOrNotSubscribedInTheSlice, "no DNN and no default DNN", ct).ConfigureAwait(false);
            return;
        }
        if (old?.SmContextRef is string oldRef)
        {
            // §5.4.5.2.3: an initial request for a PDU session ID in use: the old session is released locally first.
            ReleaseQuietly(oldRef, ct);
        }
        var session = new AmfPduSession(psi, snssai, dnn) { Transaction = ++_transactions };
        ue.PduSessions[psi] = session;
        var data = new SmContextCreateData
        {
            Supi = ue.Supi,
            PduSessionId = psi,
            Dnn = dnn,
            SNssai = ToSbi(snssai),
            ServingNfId = config.NfInstanceId,
            Guami = new Guami { PlmnId = ToSbi(config.Plmn), AmfId = AmfId(config) },
            ServingNetwork = ToSbi(config.Plmn),
            RequestType = "INITIAL_REQUEST",
            AnType = "3GPP_ACCESS",
            RatType = "NR",
            SmContextStatusUri = $"{config.CallbackRoot.TrimEnd('/')}{GlassCore.Amf.Sbi.NamfCallbackEndpoints.ApiRoot}/{Uri.EscapeDataString(ue.Supi)}/sm-context-status/{psi}",
        };
        Start(psi, SmOperation.Create, session.Transaction, n1, c => smf.CreateSmContextAsync(data, n1, c), ct);
    }

    /// <summary>§5.4.5.2.5: the 5GSM message goes back to the UE in DL NAS Transport with the 5GMM cause saying why it was not forwarded.</summary>
    private async ValueTask NotForwardedAsync(byte psi, byte[] n1, byte cause, string why, CancellationToken ct)
    {
        LogNotForwarded(log, ue.AmfUeNgapId, psi, cause, why);
        await path.SendAsync(DlNasTransport(psi, n1, cause), null, ct).ConfigureAwait(false);
    }

    // ---- events -----------------------------------------------------------------------------------------------------

    public async ValueTask HandleAsync(SmEvent e, CancellationToken ct)
    {
        switch (e)
        {
            case SmfAnswerEvent a:
                await OnAnswerAsync(a, ct).ConfigureAwait(false);
                break;
            case N2SmResponseEvent r:
                OnN2Response(r, ct);
                break;
            case SmContextStatusEvent st:
                st.Reply.TrySetResult(OnSmContextStatus(st));
                break;
            case PagingTimerExpiredEvent p:
                await OnT3513ExpiredAsync(p, ct).ConfigureAwait(false);
                break;
            case N1N2TransferEvent t:
                N1N2Outcome outcome;
                try
                {
                    outcome = await OnN1N2TransferAsync(t.Request, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    t.Reply.TrySetResult(new N1N2Outcome(500, null, Problems.SystemFailure("N1N2MessageTransfer failed in the AMF")));
                    throw;
                }
                t.Reply.TrySetResult(outcome);
                break;
        }
    }

    private async ValueTask OnAnswerAsync(SmfAnswerEvent e, CancellationToken ct)
    {
        if (!ue.PduSessions.TryGetValue(e.PduSessionId, out AmfPduSession? session))
        {
            return;
        }
        SmfAnswer a = e.Answer;
        switch (e.Operation)
        {
            case SmOperation.Create:
                if (session.Transaction != e.Transaction)
                {
                    return;
                }
                if (a.IsOk)
                {
                    session.SmContextRef = a.SmContextRef;
                    LogSessionCreated(log, ue.AmfUeNgapId, e.PduSessionId, session.Dnn, session.SNssai.Sst, a.SmContextRef ?? "");
                    if (a.N2SmInfo is not null)
                    {
                        await DeliverAsync(session, a.N1SmMsg, a.N2SmInfo, a.N2SmInfoType, ct).ConfigureAwait(false);
                    }
                    return;
                }
                ue.PduSessions.Remove(e.PduSessionId);
                LogSessionFailed(log, ue.AmfUeNgapId, e.PduSessionId, a.Status, a.Problem!.Cause ?? "", a.Problem.Detail ?? a.Problem.Title ?? "");
                if (a.N1SmMsg is not null)
                {
                    // The SMF's 5GSM reject (e.g. #27 missing or unknown DNN) goes to the UE as it is.
                    await path.SendAsync(DlNasTransport(e.PduSessionId, a.N1SmMsg, null), null, ct).ConfigureAwait(false);
                }
                else
                {
                    byte cause = a.Problem.Cause is "DNN_DENIED" or "DNN_NOT_SUPPORTED" or "SNSSAI_DENIED"
                        ? GmmCauses.DnnNotSupportedOrNotSubscribedInTheSlice : GmmCauses.PayloadWasNotForwarded;
                    await NotForwardedAsync(e.PduSessionId, e.UplinkN1 ?? [], cause, "Create SM Context failed", ct).ConfigureAwait(false);
                }
                return;
            case SmOperation.Activate:
                if (a.IsOk && a.N2SmInfo is not null && a.N2SmInfoType == N2SmInfoTypes.PduResSetupReq)
                {
                    ue.ContextSetupSessions.Add(new N2SmTransfer(session.PduSessionId, session.SNssai, a.N2SmInfo));
                }
                else
                {
                    _reactivationFailed |= (ushort)(1 << session.PduSessionId);
                    LogSmfCallFailed(log, ue.AmfUeNgapId, e.PduSessionId, e.Operation, a.Status, a.Problem?.Cause ?? "no N2 SM information");
                }
                if (--_pendingActivations == 0 && _deferredAccept is { } deferred)
                {
                    _deferredAccept = null;
                    await SendServiceAcceptAsync(deferred, ct).ConfigureAwait(false);
                }
                return;
            case SmOperation.Release:
                return;
        }
        if (!a.IsOk)
        {
            LogSmfCallFailed(log, ue.AmfUeNgapId, e.PduSessionId, e.Operation, a.Status, a.Problem!.Cause ?? a.Problem.Detail ?? "");
            if (a.Status == 404)
            {
                // The SMF no longer knows the context: so the AMF forgets its routing context too.
                ue.PduSessions.Remove(e.PduSessionId);
            }
            if (a.N1SmMsg is not null)
            {
                await path.SendAsync(DlNasTransport(e.PduSessionId, a.N1SmMsg, null), null, ct).ConfigureAwait(false);
            }
            else if (e.Operation == SmOperation.UpdateN1 && e.UplinkN1 is not null)
            {
                await NotForwardedAsync(e.PduSessionId, e.UplinkN1, GmmCauses.PayloadWasNotForwarded, "Update SM Context failed", ct).ConfigureAwait(false);
            }
            return;
        }
        if (a.UpCnxState == UpCnxStates.Activated)
        {
            session.UserPlaneActive = true;
        }
        else if (a.UpCnxState == UpCnxStates.Deactivated)
        {
            session.UserPlaneActive = false;
        }
        if (e.Operation == SmOperation.UpdateN1 && e.UplinkN1 is { Length: >= 4 } sent && sent[3] == PduSessionReleaseCompleteType)
        {
            // TS 23.502 §4.3.4.2 step 11: the UE confirmed the release and the SMF took it; the routing context goes,
            // unless the RAN's release response (which the UE's complete can overtake) is still to be relayed.
            session.UeReleaseCompleted = true;
            if (!session.N2ReleasePending)
            {
                ue.PduSessions.Remove(e.PduSessionId);
                LogSessionReleased(log, ue.AmfUeNgapId, e.PduSessionId);
            }
        }
        if (a.N1SmMsg is not null || a.N2SmInfo is not null)
        {
            await DeliverAsync(session, a.N1SmMsg, a.N2SmInfo, a.N2SmInfoType, ct).ConfigureAwait(false);
        }
    }

    /// <summary>TS 38.413 §8.2.1.2 / §8.2.2.2 / §8.3.1.2: the RAN's N2 SM information goes to the session's SMF (Update SM Context).</summary>
    private void OnN2Response(N2SmResponseEvent e, CancellationToken ct)
    {
        if (smf is null)
        {
            return;
        }
        foreach (N2SmResponse item in e.Items)
        {
            if (!ue.PduSessions.TryGetValue(item.PduSessionId, out AmfPduSession? session) || session.SmContextRef is not string reference)
            {
                LogUnknownSession(log, ue.AmfUeNgapId, item.PduSessionId, item.N2SmInfoType);
                continue;
            }
            var data = new SmContextUpdateData { N2SmInfoType = item.N2SmInfoType };
            Start(item.PduSessionId, SmOperation.UpdateN2, ++_transactions, null, c => smf.UpdateSmContextAsync(reference, data, null, item.Transfer, c), ct);
            if (item.N2SmInfoType == N2SmInfoTypes.PduResSetupRsp)
            {
                // The RAN holds the session from now on: an AN release that follows must deactivate it at the SMF,
                // even before the SMF has answered this update.
                session.UserPlaneActive = true;
            }
            if (item.N2SmInfoType == N2SmInfoTypes.PduResRelRsp)
            {
                session.N2ReleasePending = false;
                if (session.UeReleaseCompleted)
                {
                    ue.PduSessions.Remove(item.PduSessionId);
                    LogSessionReleased(log, ue.AmfUeNgapId, item.PduSessionId);
                }
            }
        }
    }

    // ---- N1N2MessageTransfer (TS 29.518 §5.2.2.3.1, TS 23.502 §4.2.3.3) ----------------------------------------------

    private async ValueTask<N1N2Outcome> OnN1N2TransferAsync(N1N2Request r, CancellationToken ct)
    {
        if (ue.State != GmmState.Registered)
        {
            return new N1N2Outcome(404, null, Problems.ContextNotFound("the UE is not registered"));
        }
        if (!ue.PduSessions.TryGetValue(r.PduSessionId, out AmfPduSession? session))
        {
            return new N1N2Outcome(404, null, Problems.ContextNotFound($"the UE has no PDU session {r.PduSessionId}"));
        }
        if (r.N2SmInfo is not null && r.N2SmInfoType is not (N2SmInfoTypes.PduResSetupReq or N2SmInfoTypes.PduResModReq or N2SmInfoTypes.PduResRelCmd))
        {
            return new N1N2Outcome(403, null, Problems.Make(403, "N2_MSG_NOT_TRANSFERRED", $"ngapIeType {r.N2SmInfoType} is not relayed by this AMF"));
        }
        if (downlink.IsConnected(ue.AmfUeNgapId))
        {
            await DeliverAsync(session, r.N1SmMsg, r.N2SmInfo, r.N2SmInfoType, ct).ConfigureAwait(false);
            return new N1N2Outcome(200, "N1_N2_TRANSFER_INITIATED");
        }
        // CM-IDLE: keep what is to be delivered and page (TS 23.502 §4.2.3.3 steps 3-4). A modify request transfer is not
        // kept: the RAN has no resources for the session, and the setup request at reactivation carries the new values.
        if (r.N2SmInfo is not null && r.N2SmInfoType == N2SmInfoTypes.PduResSetupReq)
        {
            session.PendingN2Setup = r.N2SmInfo;
        }
        if (r.N1SmMsg is not null)
        {
            session.PendingN1.Add(r.N1SmMsg);
        }
        if (_t3513 is not null)
        {
            // TS 23.502 §4.2.3.3 step 3b: paging is already under way for this UE; this request waits with the others.
            AwaitUe(r);
            return new N1N2Outcome(202, "ATTEMPTING_TO_REACH_UE");
        }
        _pagings = 0;
        int paged = await PageAsync(ct).ConfigureAwait(false);
        LogPaging(log, ue.AmfUeNgapId, r.PduSessionId, paged);
        if (paged == 0)
        {
            StopT3513();
            DropPending();
            return new N1N2Outcome(504, null, Problems.Make(504, "UE_NOT_REACHABLE", "no gNB serves the UE's registration area"));
        }
        AwaitUe(r);
        return new N1N2Outcome(202, "ATTEMPTING_TO_REACH_UE");
    }

    private void AwaitUe(N1N2Request r)
    {
        if (r.FailureNotifyUri is string notify && r.MessageUri is string message)
        {
            _awaitingUe.Add((notify, message));
        }
    }

    /// <summary>TS 23.502 §4.2.3.3 step 4c: paging got no answer, so each SMF that asked is told its transfer failed
    /// (UE_NOT_RESPONDING, TS 29.518 §5.2.2.3.1), off the UE's loop.</summary>
    private void NotifyTransferFailures(List<(string NotifyUri, string MessageUri)> failed)
    {
        if (smf is null)
        {
            return;
        }
        long id = ue.AmfUeNgapId;
        foreach (var (notifyUri, messageUri) in failed)
        {
            var n = new N1N2MsgTxfrFailureNotification { Cause = N1N2MessageTransferCauses.UeNotResponding, N1n2MsgDataUri = messageUri };
            _ = Task.Run(async () =>
            {
                bool taken;
                try
                {
                    taken = await smf.N1N2TransferFailureNotifyAsync(notifyUri, n, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e) when (e is InvalidOperationException or UriFormatException or HttpRequestException)
                {
                    taken = false;
                }
                if (!taken)
                {
                    LogFailureNotifyNotTaken(log, id, notifyUri);
                }
            }, CancellationToken.None);
        }
    }

    /// <summary>One paging (TS 38.413 §8.5.1) and T3513 (re)started; returns how many gNBs were paged.</summary>
    private async ValueTask<int> PageAsync(CancellationToken ct)
    {
        int paged = ue.Guti is { } guti ? await downlink.PageAsync(guti, config.TaiList, ct).ConfigureAwait(false) : 0;
        _pagings++;
        ue.PagingsSent++;
        ue.PagingInProgress = true;
        _t3513?.Dispose();
        long generation = ++_pagingGeneration;
        long id = ue.AmfUeNgapId;
        _t3513 = (time ?? TimeProvider.System).CreateTimer(_ => post(new PagingTimerExpiredEvent(id, generation)), null, config.T3513, Timeout.InfiniteTimeSpan);
        return paged;
    }

    /// <summary>§5.6.2.2.1: T3513 expired with no answer: page again until <see cref="AmfConfiguration.MaxPagings"/>, then give
    /// up and drop what waited for the UE (the SMF's next downlink data report starts over).</summary>
    private async ValueTask OnT3513ExpiredAsync(PagingTimerExpiredEvent e, CancellationToken ct)
    {
        if (_t3513 is null || e.Generation != _pagingGeneration)
        {
            return;
        }
        if (downlink.IsConnected(ue.AmfUeNgapId) || ue.State != GmmState.Registered)
        {
            StopT3513();
            return;
        }
        if (_pagings >= config.MaxPagings)
        {
            List<(string, string)> failed = [.. _awaitingUe];
            StopT3513();
            LogPagingFailed(log, ue.AmfUeNgapId, _pagings);
            DropPending();
            NotifyTransferFailures(failed);
            return;
        }
        int paged = await PageAsync(ct).ConfigureAwait(false);
        LogPagingAgain(log, ue.AmfUeNgapId, _pagings, paged);
    }

    private void StopT3513()
    {
        _t3513?.Dispose();
        _t3513 = null;
        _awaitingUe.Clear();
        ue.PagingInProgress = false;
        _pagingGeneration++;
    }

    private void DropPending()
    {
        foreach (AmfPduSession session in ue.PduSessions.Values)
        {
            session.PendingN2Setup = null;
            session.PendingN1.Clear();
        }
    }

    /// <summary>TS 23.502 §4.3.4.2 step 11 (SmContextStatusNotify): the SMF released the context, so the routing context goes.</summary>
    private bool OnSmContextStatus(SmContextStatusEvent e)
    {
        if (!ue.PduSessions.TryGetValue(e.PduSessionId, out AmfPduSession? session))
        {
            return false;
        }
        if (e.ResourceStatus == "RELEASED")
        {
            ue.PduSessions.Remove(e.PduSessionId);
            LogSessionReleasedBySmf(log, ue.AmfUeNgapId, session.PduSessionId, e.Cause ?? "");
        }
        return true;
    }

    /// <summary>N1 and N2 SM information for a CM-CONNECTED UE: the NGAP procedure the N2 type names, the N1 as its NAS-PDU; N1 alone in DL NAS Transport.</summary>
    private async ValueTask DeliverAsync(AmfPduSession session, byte[]? n1, byte[]? n2, string? n2Type, CancellationToken ct)
    {
        byte psi = session.PduSessionId;
        switch (n2Type)
        {
            case N2SmInfoTypes.PduResSetupReq when n2 is not null:
                byte[]? nas = n1 is null ? null : path.Seal(DlNasTransport(psi, n1, null));
                await downlink.PduSessionResourceSetupAsync(Ids, [new N2SmTransfer(psi, session.SNssai, n2, nas)], ct).ConfigureAwait(false);
                return;
            case N2SmInfoTypes.PduResModReq when n2 is not null:
                // TS 23.502 §4.3.3.2 step 3b/4: the modify request transfer with the 5GSM command as the session's NAS-PDU.
                byte[]? modNas = n1 is null ? null : path.Seal(DlNasTransport(psi, n1, null));
                await downlink.PduSessionResourceModifyAsync(Ids, [new N2SmTransfer(psi, session.SNssai, n2, modNas)], ct).ConfigureAwait(false);
                return;
            case N2SmInfoTypes.PduResRelCmd when n2 is not null:
                byte[] relNas = n1 is null ? [] : path.Seal(DlNasTransport(psi, n1, null));
                session.UserPlaneActive = false;
                session.N2ReleasePending = true;
                await downlink.PduSessionResourceReleaseAsync(Ids, [new N2SmTransfer(psi, session.SNssai, n2)], relNas, ct).ConfigureAwait(false);
                return;
        }
        if (n1 is not null)
        {
            await path.SendAsync(DlNasTransport(psi, n1, null), null, ct).ConfigureAwait(false);
        }
    }

    // ---- service request (TS 23.502 §4.2.3.2) -------------------------------------------------------------------------

    /// <summary>Remembers which PDU sessions the UE has uplink data for (§5.6.1.2 Uplink data status).</summary>
    public void OnServiceRequest(ServiceRequest sr)
    {
        ArgumentNullException.ThrowIfNull(sr);
        // The paged UE answered (§5.6.2.2.1: T3513 stops when the Service Request arrives).
        StopT3513();
        _uplinkDataStatus = sr.UplinkDataStatus?.Mask ?? 0;
        _ueSentPduSessionStatus = sr.PduSessionStatus is not null;
        _reactivationFailed = 0;
    }

    /// <summary>
    /// Called with each NAS send the 5GMM state machine asks for. A Service Accept that rides in Initial Context Setup
    /// waits until the SMFs of the sessions to reactivate answered (steps 4-11), so that their N2 SM information goes in
    /// the same Initial Context Setup Request (step 12); returns true when it was held back.
    /// </summary>
    public bool TryDeferServiceAccept(SendNasAction s, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Message is not ServiceAccept || !s.InitialContextSetup)
        {
            return false;
        }
        ue.ContextSetupSessions.Clear();
        _pendingActivations = 0;
        foreach (AmfPduSession session in ue.PduSessions.Values)
        {
            if (session.PendingN2Setup is { } n2)
            {
                // Paged for this session: the SMF's N2 SM information is already here.
                ue.ContextSetupSessions.Add(new N2SmTransfer(session.PduSessionId, session.SNssai, n2));
                session.PendingN2Setup = null;
            }
            else if ((_uplinkDataStatus & (1 << session.PduSessionId)) != 0 && session.SmContextRef is string reference && smf is not null)
            {
                _pendingActivations++;
                var data = new SmContextUpdateData { UpCnxState = UpCnxStates.Activating };
                Start(session.PduSessionId, SmOperation.Activate, ++_transactions, null, c => smf.UpdateSmContextAsync(reference, data, null, null, c), ct);
            }
        }
        if (_pendingActivations > 0)
        {
            _deferredAccept = s;
            return true;
        }
        FillServiceAccept((ServiceAccept)s.Message);
        return false;
    }

    private async ValueTask SendServiceAcceptAsync(SendNasAction s, CancellationToken ct)
    {
        FillServiceAccept((ServiceAccept)s.Message);
        await path.SendAsync(s.Message, s.Guard, ct, s.InitialContextSetup).ConfigureAwait(false);
        await AfterServiceAcceptAsync(ct).ConfigureAwait(false);
    }

    /// <summary>§5.6.1.4: PDU session status (when the UE sent its own) and the reactivation result for the uplink data status.</summary>
    private void FillServiceAccept(ServiceAccept accept)
    {
        if (_ueSentPduSessionStatus)
        {
            ushort active = 0;
            foreach (AmfPduSession session in ue.PduSessions.Values)
            {
                active |= (ushort)(1 << session.PduSessionId);
            }
            accept.PduSessionStatus = PduSessionStatus.Create(active);
        }
        if (_uplinkDataStatus != 0)
        {
            accept.PduSessionReactivationResult = PduSessionStatus.Create(_reactivationFailed);
        }
    }

    /// <summary>The N1 SM messages that waited for the UE to come back (paging) go now, in DL NAS Transport.</summary>
    public async ValueTask AfterServiceAcceptAsync(CancellationToken ct)
    {
        foreach (AmfPduSession session in ue.PduSessions.Values)
        {
            foreach (byte[] n1 in session.PendingN1)
            {
                await path.SendAsync(DlNasTransport(session.PduSessionId, n1, null), null, ct).ConfigureAwait(false);
            }
            session.PendingN1.Clear();
        }
    }

    public bool IsDeferring => _deferredAccept is not null;

    // ---- AN release, deregistration -----------------------------------------------------------------------------------

    /// <summary>TS 23.502 §4.2.6 step 5: after AN release every session with a user plane is deactivated at its SMF.</summary>
    public void OnAnReleased(CancellationToken ct)
    {
        _deferredAccept = null;
        ue.ContextSetupSessions.Clear();
        if (smf is null)
        {
            return;
        }
        foreach (AmfPduSession session in ue.PduSessions.Values.ToArray())
        {
            if (session.N2ReleasePending && session.UeReleaseCompleted)
            {
                // The RAN's release response will not come now; the SMF learns below that the RAN resources went.
                ue.PduSessions.Remove(session.PduSessionId);
            }
            if ((session.UserPlaneActive || session.N2ReleasePending) && session.SmContextRef is string reference)
            {
                session.UserPlaneActive = false;
                session.N2ReleasePending = false;
                var data = new SmContextUpdateData { UpCnxState = UpCnxStates.Deactivated };
                Start(session.PduSessionId, SmOperation.Deactivate, ++_transactions, null, c => smf.UpdateSmContextAsync(reference, data, null, null, c), ct);
            }
        }
    }

    /// <summary>TS 23.502 §4.2.2.3.2 step 2: on deregistration each PDU session is released at its SMF.</summary>
    public void ReleaseAll(CancellationToken ct)
    {
        StopT3513();
        foreach (AmfPduSession session in ue.PduSessions.Values)
        {
            if (session.SmContextRef is string reference)
            {
                ReleaseQuietly(reference, ct);
            }
        }
        ue.PduSessions.Clear();
    }

    /// <summary>A Release SM Context nobody waits for (the UE context may be gone by the answer); failures are logged.</summary>
    private void ReleaseQuietly(string reference, CancellationToken ct)
    {
        if (smf is null)
        {
            return;
        }
        long id = ue.AmfUeNgapId;
        _ = ReleaseQuietlyAsync(smf, reference, id, ct);
    }

    private async Task ReleaseQuietlyAsync(ISmfClient client, string reference, long id, CancellationToken ct)
    {
        try
        {
            SmfAnswer a = await client.ReleaseSmContextAsync(reference, new SmContextReleaseData(), ct).ConfigureAwait(false);
            if (!a.IsOk)
            {
                LogReleaseFailed(log, id, reference, a.Status, a.Problem!.Cause ?? "");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReleaseFailed(log, id, reference, 0, ex.Message);
        }
        catch (OperationCanceledException)
        {
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    /// <summary>Runs an SMF call off the loop; its answer (or a 504 for a call that threw) comes back as an event.</summary>
    /// <summary>Calls the SMF off the UE's task. A session's calls reach the SMF in the order the AMF made them (e.g. the
    /// RAN's setup response before the deactivation of an AN release that followed it), so each waits for the one before.</summary>
    private void Start(byte psi, SmOperation op, long tx, byte[]? uplinkN1, Func<CancellationToken, Task<SmfAnswer>> call, CancellationToken ct)
    {
        Task before = ue.PduSessions.TryGetValue(psi, out AmfPduSession? session) ? session.LastSmfCall : Task.CompletedTask;
        Task run = RunAsync(ue.AmfUeNgapId, psi, op, tx, uplinkN1, before, call, ct);
        if (session is not null)
        {
            session.LastSmfCall = run;
        }
    }

    private async Task RunAsync(long id, byte psi, SmOperation op, long tx, byte[]? uplinkN1, Task before, Func<CancellationToken, Task<SmfAnswer>> call, CancellationToken ct)
    {
        // RunAsync never faults (its failures become answers), so awaiting the previous call cannot throw.
        await before.ConfigureAwait(false);
        SmfAnswer answer;
        try
        {
            answer = await call(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (Exception ex)
        {
            LogSmfException(log, id, psi, op, ex);
            answer = SmfAnswer.Failed(Problems.TargetNfNotReachable("SMF call failed: " + ex.Message));
        }
        post(new SmfAnswerEvent(id, psi, op, tx, answer, uplinkN1));
    }

    /// <summary>§8.2.11 DL NAS transport carrying an N1 SM message (payload container type 1) for PDU session <paramref name="psi"/>.</summary>
    internal static DlNasTransport DlNasTransport(byte psi, byte[] n1, byte? cause) => new()
    {
        PayloadContainerType = new HalfOctet(PayloadContainerTypes.N1SmInformation),
        PayloadContainer = new PayloadContainer(n1),
        PduSessionId = OctetValue.Create(psi),
        Cause = cause is byte c ? OctetValue.Create(c) : null,
    };

    internal static Snssai ToSbi(SNssaiValue s) => new()
    {
        Sst = s.Sst,
        Sd = s.Sd is uint sd ? sd.ToString("x6", System.Globalization.CultureInfo.InvariantCulture) : null,
    };

    internal static GlassCore.Sbi.Models.PlmnId ToSbi(GlassCore.Nas.Ies.PlmnId p) => new()
    {
        Mcc = p.Mcc.ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
        Mnc = p.Mnc.ToString(p.ThreeDigitMnc ? "D3" : "D2", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>TS 29.571 AmfId: AMF Region ID (8 bits), AMF Set ID (10 bits), AMF Pointer (6 bits) as six hex digits.</summary>
    internal static string AmfId(AmfConfiguration c) =>
        ((c.AmfRegionId << 16) | ((c.AmfSetId & 0x3FF) << 6) | (c.AmfPointer & 0x3F)).ToString("x6", System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "UE {AmfUeNgapId}: PDU session {Psi} created (DNN {Dnn}, SST {Sst}) at {SmContextRef}")]
    private static partial void LogSessionCreated(ILogger log, long amfUeNgapId, byte psi, string dnn, byte sst, string smContextRef);

    [LoggerMessage(Level = LogLevel.Warning, Message = "UE {AmfUeNgapId}: PDU session {Psi} establishment failed at the SMF: {Status} {Cause} ({Detail})")]
    private static partial void LogSessionFailed(ILogger log, long amfUeNgapId, byte psi, int status, string cause, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "UE {AmfUeNgapId}: PDU session {Psi} released")]
    private static partial void LogSessionReleased(ILogger log, long amfUeNgapId, byte psi);

    [LoggerMessage(Level = LogLevel.Information, Message = "UE {AmfUeNgapId}: 5GSM message for PDU session {Psi} not forwarded, 5GMM cause #{Cause} ({Why})")]
    private static partial void LogNotForwarded(ILogger log, long amfUeNgapId, byte psi, byte cause, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "UE {AmfUeNgapId}: UL NAS transport payload type {Type} has no consumer here; discarded")]
    private static partial void LogPayloadIgnored(ILogger log, long amfUeNgapId, byte type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "UE {AmfUeNgapId}: PDU session {Psi} {Operation} at the SMF failed: {Status} {Cause}")]
    private static partial void LogSmfCallFailed(ILogger log, long amfUeNgapId, byte psi, SmOperation operation, int status, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "UE {AmfUeNgapId}: PDU session {Psi} {Operation}: the SMF call threw")]
    private static partial void LogSmfException(ILogger log, long amfUeNgapId, byte psi, SmOperation operation, Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "UE {AmfUeNgapId}: N2 SM information ({Type}) for unknown PDU session {Psi} dropped")]
    private static partial void LogUnknownSession(ILogger log, long amfUeNgapId, byte psi, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "UE {AmfUeNgapId} is CM-IDLE: paged for PDU session {Psi} through {Gnbs} gNB(s)")]
    private static partial void LogPaging(ILogger log, long amfUeNgapId, byte psi, int gnbs);

    [LoggerMessage(Level = LogLevel.Information, Message = "UE {AmfUeNgapId}: T3513 expired, paged again ({Pagings}) through {Gnbs} gNB(s)")]
    private static partial void LogPagingAgain(ILogger log, long amfUeNgapId, int pagings, int gnbs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "UE {AmfUeNgapId}: the N1N2 transfer failure notification to {Uri} was not taken")]
    private static partial void LogFailureNotifyNotTaken(ILogger log, long amfUeNgapId, string uri);

    [LoggerMessage(Level = LogLevel.Warning, Message = "UE {AmfUeNgapId}: no answer to {Pagings} pagings; what waited for the UE is dropped")]
    private static partial void LogPagingFailed(ILogger log, long amfUeNgapId, int pagings);

    [LoggerMessage(Level = LogLevel.Information, Message = "UE {AmfUeNgapId}: the SMF released PDU session {Psi} ({Cause})")]
    private static partial void LogSessionReleasedBySmf(ILogger log, long amfUeNgapId, byte psi, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "UE {AmfUeNgapId}: Release SM Context {SmContextRef} failed: {Status} {Cause}")]
    private static partial void LogReleaseFailed(ILogger log, long amfUeNgapId, string smContextRef, int status, string cause);

    /// <summary>The DNN with defaultDnnIndicator of the slice's entry in the SMF selection data ("sst" or "sst-SD" key).</summary>
    private string? SubscribedDefaultDnn(SNssaiValue snssai)
    {
        if (ue.Subscription?.SmfSelection?.SubscribedSnssaiInfos is not { } infos)
        {
            return null;
        }
        string key = snssai.Sd is uint sd ? $"{snssai.Sst}-{sd:X6}" : snssai.Sst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (k, info) in infos)
        {
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
            {
                return info.DnnInfos.Find(d => d.DefaultDnnIndicator == true)?.Dnn;
            }
        }
        return null;
    }
}
