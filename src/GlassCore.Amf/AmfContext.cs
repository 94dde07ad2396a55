// TS 23.501 §6.2.1 (AMF) and TS 38.413 §9.3.3.1: the AMF instance. Style anchor #13: built by a composition root
// and passed explicitly; it routes N2 NAS into UE mailboxes by AMF-UE-NGAP-ID and owns nothing of the UEs' state.
using System.Collections.Concurrent;
using System.Security.Cryptography;
using GlassCore.Amf.Gmm;
using GlassCore.Amf.Sbi;
using GlassCore.Amf.Sm;
using GlassCore.Nas.Ies;
using GlassCore.Sbi;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GlassCore.Amf;

/// <summary>What became of an uplink NAS-PDU handed to the AMF.</summary>
public enum UplinkDelivery : byte
{
    Queued,
    /// <summary>No UE context with this AMF-UE-NGAP-ID: the NGAP layer answers Error Indication (unknown-local-UE-NGAP-ID).</summary>
    UnknownAmfUeNgapId,
    /// <summary>The UE's mailbox is full: the message is dropped (the UE retransmits).</summary>
    MailboxFull,
}

/// <summary>
/// The AMF core the NGAP layer calls: <see cref="OnInitialUeMessage"/> for Initial UE Message (TS 38.413 §8.6.1),
/// <see cref="OnUplinkNasTransport"/> for Uplink NAS Transport (§8.6.3). Downlink NAS leaves through
/// <see cref="INasDownlink"/>. Each UE context lives in its own mailbox task.
/// </summary>
public sealed class AmfContext : IAsyncDisposable
{
    /// <summary>AMF-UE-NGAP-ID is 0..2^40-1 (TS 38.413 §9.3.3.1).</summary>
    public const long MaxAmfUeNgapId = (1L << 40) - 1;

    private readonly ConcurrentDictionary<long, AmfUe> _ues = new();
    private readonly ConcurrentDictionary<uint, long> _tmsis = new();
    private readonly ConcurrentDictionary<string, long> _supis = new(StringComparer.Ordinal);
    private readonly ISmfClient? _smf;
    private readonly AmfConfiguration _config;
    private readonly IAusfClient _ausf;
    private readonly IUdmClient? _udm;
    private readonly INasDownlink _downlink;
    private readonly TimeProvider _time;
    private readonly IGmmObserver? _observer;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private long _lastId;

    public AmfContext(AmfConfiguration config, IAusfClient ausf, INasDownlink downlink, TimeProvider? time = null, IGmmObserver? observer = null, ILogger<AmfContext>? log = null,
        ISmfClient? smf = null, IUdmClient? udm = null)
    {
        _smf = smf;
        _udm = udm;
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _ausf = ausf;
        _downlink = downlink;
        _time = time ?? TimeProvider.System;
        _observer = observer;
        _log = log ?? (ILogger)NullLogger.Instance;
    }

    public AmfConfiguration Configuration => _config;

    public int UeCount => _ues.Count;

    /// <summary>
    /// Initial UE Message: a new UE context and its mailbox; returns the AMF-UE-NGAP-ID allocated for it.
    /// <paramref name="bind"/> runs with the new ID before the UE's task starts, so the caller can route the
    /// UE's first downlink (which may be sent before this method returns).
    /// </summary>
    public long OnInitialUeMessage(long ranUeNgapId, ReadOnlyMemory<byte> nasPdu, Action<long>? bind = null)
    {
        if (InitialMessageTmsi(nasPdu.Span) is uint tmsi && _tmsis.TryGetValue(tmsi, out long known) && _ues.TryGetValue(known, out var idle))
        {
            // TS 23.502 §4.2.3.2 / §4.2.2.2.2 / §4.2.2.3.2: a Service Request, a Registration Request or a
            // Deregistration Request with a 5G-GUTI of ours goes to the UE's existing context, which keeps its ID.
            bind?.Invoke(known);
            // A full mailbox drops it like any uplink NAS: the UE retries.
            idle.Post(new UplinkNasEvent(known, ranUeNgapId, nasPdu.ToArray(), Initial: true));
            return known;
        }
        long id = Interlocked.Increment(ref _lastId);
        if (id > MaxAmfUeNgapId)
        {
            throw new InvalidOperationException("AMF-UE-NGAP-ID space exhausted");
        }
        bind?.Invoke(id);
        var ctx = new AmfUeContext(id) { RanUeNgapId = ranUeNgapId };
        var ue = new AmfUe(ctx, _config, new GmmFsm(_config, () => AllocateGuti(id), g => ReleaseGuti(g, id), subscriptionFromUdm: _udm is not null, _time), _ausf, _downlink, _time, _log, _observer, Finished, _udm);
        ue.EnableSessions(_smf, IndexSupi);
        _ues[id] = ue;
        ue.Start(_stop.Token);
        ue.Post(new UplinkNasEvent(id, ranUeNgapId, nasPdu.ToArray(), Initial: true));
        return id;
    }

    /// <summary>
    /// The 5G-TMSI an initial NAS message (plain or in its integrity-protected envelope, §4.4.6) names: the 5G-S-TMSI
    /// of a Service Request, or a 5G-GUTI of this AMF (PLMN, region, set, pointer) in a Registration or
    /// Deregistration Request; else null.
    /// </summary>
    private uint? InitialMessageTmsi(ReadOnlySpan<byte> pdu)
    {
        if (pdu.Length < 3 || pdu[0] != Nas.Messages.NasPdu.FiveGmmDiscriminator)
        {
            return null;
        }
        ReadOnlyMemory<byte> plain = pdu.ToArray();
        if ((pdu[1] & 0x0F) != 0)
        {
            if (!Nas.SecurityProtectedNasMessage.TryDecode(plain, out var envelope, out _))
            {
                return null;
            }
            plain = envelope.Payload;
        }
        if (!Nas.Messages.NasMessage.TryDecode(plain, out var m, out _))
        {
            return null;
        }
        return m switch
        {
            Nas.Messages.ServiceRequest sr when sr.STmsi.STmsi is { } s && s.AmfSetId == _config.AmfSetId && s.AmfPointer == _config.AmfPointer => s.Tmsi,
            Nas.Messages.RegistrationRequest rr => OurTmsi(rr.MobileIdentity),
            Nas.Messages.DeregistrationRequestUeOriginating dr => OurTmsi(dr.MobileIdentity),
            _ => null,
        };
    }

    private uint? OurTmsi(FiveGsMobileIdentity id) =>
        id.Type == MobileIdentityType.FiveGGuti && id.Guti is { } g && g.Plmn == _config.Plmn && g.AmfRegionId == _config.AmfRegionId
            && g.AmfSetId == _config.AmfSetId && g.AmfPointer == _config.AmfPointer ? g.Tmsi : null;

    /// <summary>Uplink NAS Transport for an existing UE context.</summary>
    public UplinkDelivery OnUplinkNasTransport(long amfUeNgapId, long ranUeNgapId, ReadOnlyMemory<byte> nasPdu)
    {
        if (!_ues.TryGetValue(amfUeNgapId, out var ue))
        {
            return UplinkDelivery.UnknownAmfUeNgapId;
        }
        // Copied: the caller's buffer (a pooled SCTP read) is reused once we return.
        return ue.Post(new UplinkNasEvent(amfUeNgapId, ranUeNgapId, nasPdu.ToArray())) ? UplinkDelivery.Queued : UplinkDelivery.MailboxFull;
    }

    /// <summary>Initial Context Setup Failure for a UE (TS 38.413 §8.3.1.3); false when the UE is gone.</summary>
    public bool OnInitialContextSetupFailure(long amfUeNgapId) =>
        _ues.TryGetValue(amfUeNgapId, out var ue) && ue.Post(new InitialContextSetupFailedEvent(amfUeNgapId));

    /// <summary>
    /// The UE's N2 connection is gone (UE Context Release Complete, NG Reset, association loss): a UE in the middle of
    /// a procedure cannot finish it and is released; a registered UE stays registered in CM-IDLE.
    /// </summary>
    public bool OnN2ConnectionReleased(long amfUeNgapId) =>
        _ues.TryGetValue(amfUeNgapId, out var ue) && ue.Post(new N2ReleasedEvent(amfUeNgapId));

    /// <summary>
    /// TS 24.501 §5.5.2.3 (operator's management path): de-registers the UE with this SUPI. A UE in 5GMM-CONNECTED
    /// gets a Deregistration Request (T3522); one in 5GMM-IDLE is de-registered locally, since this AMF does not page.
    /// False when no UE context has this SUPI.
    /// </summary>
    public bool Deregister(string supi, byte? cause = null, bool reRegistrationRequired = false) =>
        FindBySupi(supi) is { } ue && ue.Post(new NetworkDeregistrationEvent(ue.Context.AmfUeNgapId, cause, reRegistrationRequired));

    /// <summary>As <see cref="Deregister(string, byte?, bool)"/>, naming the UE by its AMF-UE-NGAP-ID.</summary>
    public bool Deregister(long amfUeNgapId, byte? cause = null, bool reRegistrationRequired = false) =>
        _ues.TryGetValue(amfUeNgapId, out var ue) && ue.Post(new NetworkDeregistrationEvent(amfUeNgapId, cause, reRegistrationRequired));

    /// <summary>
    /// TS 24.501 §5.4.4 (operator's management path): a Configuration Update Command with a new 5G-GUTI, the TAI list
    /// and the allowed NSSAI to the registered UE with this SUPI (5GMM-CONNECTED only: there is no paging). False when
    /// no UE context has this SUPI.
    /// </summary>
    public bool UpdateConfiguration(string supi) =>
        FindBySupi(supi) is { } ue && ue.Post(new ConfigurationUpdateEvent(ue.Context.AmfUeNgapId));

    public bool UpdateConfiguration(long amfUeNgapId) =>
        _ues.TryGetValue(amfUeNgapId, out var ue) && ue.Post(new ConfigurationUpdateEvent(amfUeNgapId));

    /// <summary>
    /// TS 29.503 §5.2.2.3.3: a Nudm_SDM change notification for the UE with this SUPI, applied on its task (TS 23.502
    /// §4.2.4.2: a changed allowed NSSAI goes to the UE in a Configuration Update Command). False when no UE context has it.
    /// </summary>
    public bool OnSdmNotification(string supi, GlassCore.Sbi.Models.ModificationNotification notification) =>
        FindBySupi(supi) is { } ue && ue.PostNotification(new SdmChangeEvent(ue.Context.AmfUeNgapId, notification));

    /// <summary>The management path finds a UE by the SUPI index that N1N2MessageTransfer uses (newest context wins).</summary>
    private AmfUe? FindBySupi(string supi) =>
        _supis.TryGetValue(supi, out long id) && _ues.TryGetValue(id, out var ue) ? ue : null;

    /// <summary>N2 SM information from the RAN for a UE's PDU sessions (TS 38.413 §8.2.1.2, §8.2.2.2, §8.3.1.2); false when the UE is gone.</summary>
    public bool OnN2SmResponses(long amfUeNgapId, IReadOnlyList<N2SmResponse> items) =>
        _ues.TryGetValue(amfUeNgapId, out var ue) && ue.Post(new N2SmResponseEvent(amfUeNgapId, items));

    /// <summary>
    /// TS 29.518 §5.2.2.3.1 N1N2MessageTransfer for the UE context <paramref name="ueContextId"/> (its SUPI): handled on
    /// the UE's own task, which answers 200 N1_N2_TRANSFER_INITIATED or 202 ATTEMPTING_TO_REACH_UE (paging) or a problem.
    /// </summary>
    public async Task<N1N2Outcome> N1N2MessageTransferAsync(string ueContextId, N1N2Request request, CancellationToken ct)
    {
        if (!_supis.TryGetValue(ueContextId, out long id) || !_ues.TryGetValue(id, out var ue))
        {
            return new N1N2Outcome(404, null, Problems.ContextNotFound($"no UE context {ueContextId}"));
        }
        var reply = new TaskCompletionSource<N1N2Outcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!ue.PostFromSbi(new N1N2TransferEvent(id, request, reply)))
        {
            return new N1N2Outcome(404, null, Problems.ContextNotFound($"UE context {ueContextId} is being released"));
        }
        using var registration = ct.Register(() => reply.TrySetCanceled(ct));
        return await reply.Task.ConfigureAwait(false);
    }

    /// <summary>TS 29.502 §5.2.2.5.2 SmContextStatusNotify for <paramref name="supi"/>'s PDU session <paramref name="pduSessionId"/>: false when
    /// the AMF has no such UE or session (the SMF's callback gets 404).</summary>
    public async Task<bool> SmContextStatusNotifyAsync(string supi, byte pduSessionId, GlassCore.Sbi.Models.StatusInfo status, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (!_supis.TryGetValue(supi, out long id) || !_ues.TryGetValue(id, out var ue))
        {
            return false;
        }
        var reply = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!ue.PostFromSbi(new SmContextStatusEvent(id, pduSessionId, status.ResourceStatus, status.Cause, reply)))
        {
            return false;
        }
        using var registration = ct.Register(() => reply.TrySetCanceled(ct));
        return await reply.Task.ConfigureAwait(false);
    }

    /// <summary>The UE's SUPI became known (authentication): N1N2MessageTransfer names the UE by it. The newest context wins.</summary>
    private void IndexSupi(string supi, long amfUeNgapId) => _supis[supi] = amfUeNgapId;

    /// <summary>The live context of a UE, for tests and diagnostics only: it belongs to the UE's task, read it when that task is idle.</summary>
    internal AmfUeContext? TryGetContext(long amfUeNgapId) => _ues.TryGetValue(amfUeNgapId, out var ue) ? ue.Context : null;

    /// <summary>TS 23.003 §2.10 / TS 33.501 §6.12.3: a fresh 5G-GUTI with an unpredictable 5G-TMSI, unique in this AMF.</summary>
    private FiveGGuti AllocateGuti(long owner)
    {
        while (true)
        {
            uint tmsi = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
            if (tmsi != uint.MaxValue && _tmsis.TryAdd(tmsi, owner))
            {
                return new FiveGGuti(_config.Plmn, _config.AmfRegionId, _config.AmfSetId, _config.AmfPointer, tmsi);
            }
        }
    }

    /// <summary>The UE acknowledged a new 5G-GUTI (or left): the old 5G-TMSI no longer routes to it.</summary>
    private void ReleaseGuti(FiveGGuti guti, long owner) => _tmsis.TryRemove(new KeyValuePair<uint, long>(guti.Tmsi, owner));

    private void Finished(AmfUe ue)
    {
        _ues.TryRemove(new KeyValuePair<long, AmfUe>(ue.Context.AmfUeNgapId, ue));
        if (ue.Context.Supi is { } supi)
        {
            _supis.TryRemove(new KeyValuePair<string, long>(supi, ue.Context.AmfUeNgapId));
        }
        if (ue.Context.State != GmmState.Registered)
        {
            if (ue.Context.Guti is { } g)
            {
                ReleaseGuti(g, ue.Context.AmfUeNgapId);
            }
            if (ue.Context.OldGuti is { } old)
            {
                ReleaseGuti(old, ue.Context.AmfUeNgapId);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_ues.Values.Select(u => u.Completion)).ConfigureAwait(false);
        _stop.Dispose();
    }
}
