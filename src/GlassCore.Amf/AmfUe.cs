// Style anchors #1, #8, #9: one UE's mailbox (a bounded Channel<UeEvent> drained by one task) and the dispatcher
// that turns 5GMM outcomes into NAS sends, SBI calls and releases. TS 24.501 §5 procedures run inside it.
using System.Threading.Channels;
using GlassCore.Amf.Gmm;
using GlassCore.Amf.Sbi;
using GlassCore.Amf.Sm;
using GlassCore.Nas.Messages;
using Microsoft.Extensions.Logging;

namespace GlassCore.Amf;

/// <summary>The task that owns one <see cref="AmfUeContext"/>. Nothing else reads or writes the context while it runs.</summary>
internal sealed partial class AmfUe
{
    private readonly Channel<UeEvent> _mailbox;
    private readonly GmmFsm _fsm;
    private readonly IAusfClient _ausf;
    private readonly IUdmClient? _udm;
    private readonly INasDownlink _downlink;
    private readonly AmfConfiguration _config;
    private readonly ILogger _log;
    private readonly Action<AmfUe> _onFinished;
    private readonly NasPath _path;
    private readonly IGmmObserver? _observer;
    private readonly ReachabilityTimers _reachability;
    private long _transactions;
    private UeReleaseCause _releaseCause;

    public AmfUe(AmfUeContext context, AmfConfiguration config, GmmFsm fsm, IAusfClient ausf, INasDownlink downlink, TimeProvider time, ILogger log, IGmmObserver? observer, Action<AmfUe> onFinished,
        IUdmClient? udm = null)
    {
        _udm = udm;
        _observer = observer;
        Context = context;
        _config = config;
        _fsm = fsm;
        _ausf = ausf;
        _downlink = downlink;
        _log = log;
        _onFinished = onFinished;
        _mailbox = Channel.CreateBounded<UeEvent>(new BoundedChannelOptions(config.MailboxCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _path = new NasPath(context, config, downlink, time, PostReply);
        _reachability = new ReachabilityTimers(context, config, time, PostReply);
        _time = time;
    }

    private readonly TimeProvider _time;

    public AmfUeContext Context { get; }

    private SmRelay? _sm;
    private Action<string, long>? _onSupi;
    private bool _supiIndexed;

    /// <summary>Session management (TS 24.501 §5.4.5, TS 23.502 §4.3.2): the UE's N1 SM relay to <paramref name="smf"/>. Call before <see cref="Start"/>.</summary>
    internal void EnableSessions(ISmfClient? smf, Action<string, long> onSupi)
    {
        _sm = new SmRelay(Context, _config, smf, _downlink, _path, _log, PostReply, _time);
        _onSupi = onSupi;
    }

    /// <summary>An SBI request for this UE (N1N2MessageTransfer, SM context status): waits for room like an SBI reply; false once the UE is gone.</summary>
    internal bool PostFromSbi(SmEvent e)
    {
        if (_mailbox.Reader.Completion.IsCompleted)
        {
            return false;
        }
        if (!_mailbox.Writer.TryWrite(e))
        {
            _ = WaitAndPostSbiAsync(e);
        }
        return true;
    }

    private async Task WaitAndPostSbiAsync(SmEvent e)
    {
        try
        {
            await _mailbox.Writer.WriteAsync(e).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            switch (e)
            {
                case N1N2TransferEvent t:
                    t.Reply.TrySetResult(new N1N2Outcome(404, null, GlassCore.Sbi.Problems.ContextNotFound("the UE context was released")));
                    break;
                case SmContextStatusEvent st:
                    st.Reply.TrySetResult(false);
                    break;
            }
        }
    }

    /// <summary>An SBI notification for this UE: waits for room like an SBI reply; false once the UE is gone.</summary>
    internal bool PostNotification(UeEvent e)
    {
        if (_mailbox.Reader.Completion.IsCompleted)
        {
            return false;
        }
        PostReply(e);
        return true;
    }

    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Uplink NAS is offered without waiting: a UE that floods its mailbox loses its own messages, nobody else's.</summary>
    public bool Post(UeEvent e) => _mailbox.Writer.TryWrite(e);

    /// <summary>SBI replies and timer expiries must not be lost to a full mailbox: they wait for room (the loop is always draining).</summary>
    private void PostReply(UeEvent e)
    {
        if (!_mailbox.Writer.TryWrite(e))
        {
            _ = WaitAndPostAsync(e);
        }
    }

    private async Task WaitAndPostAsync(UeEvent e)
    {
        try
        {
            await _mailbox.Writer.WriteAsync(e).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            // The UE was released meanwhile: the reply is stale by definition.
        }
    }

    public void Start(CancellationToken ct) => Completion = Task.Run(() => RunAsync(ct), CancellationToken.None);

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var e in _mailbox.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                bool release;
                try
                {
                    release = await HandleAsync(e, ct).ConfigureAwait(false);
                    if (!_supiIndexed && Context.Supi is { } supi && _onSupi is not null)
                    {
                        _supiIndexed = true;
                        _onSupi(supi, Context.AmfUeNgapId);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A bug while handling this UE: it goes to the exception state and is released; no other UE notices.
                    LogUeException(_log, Context.AmfUeNgapId, Context.State, ex);
                    _observer?.StateChanged(Context.AmfUeNgapId, Context.State, GmmState.Exception);
                    Context.State = GmmState.Exception;
                    release = true;
                }
                if (release)
                {
                    await ReleaseAsync(ct).ConfigureAwait(false);
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            _path.StopAll();
            _reachability.Stop();
            _mailbox.Writer.TryComplete();
            while (_mailbox.Reader.TryRead(out var left))
            {
                // An N1N2MessageTransfer still queued gets its answer: the UE context is gone.
                (left as N1N2TransferEvent)?.Reply.TrySetResult(new N1N2Outcome(404, null, GlassCore.Sbi.Problems.ContextNotFound("the UE context was released")));
            }
            _onFinished(this);
        }
    }

    private async ValueTask ReleaseAsync(CancellationToken ct)
    {
        LeaveUdm(ct);
        try
        {
            var cause = Context.AuthenticationRejected ? UeReleaseCause.AuthenticationFailure : _releaseCause;
            await _downlink.ReleaseAsync(new UeNgapIds(Context.AmfUeNgapId, Context.RanUeNgapId), cause, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUeException(_log, Context.AmfUeNgapId, Context.State, ex);
        }
    }

    /// <summary>One event; returns true when the UE context is to be released.</summary>
    private async ValueTask<bool> HandleAsync(UeEvent e, CancellationToken ct)
    {
        GmmEvent? gmm = null;
        switch (e)
        {
            case UplinkNasEvent u:
                Context.RanUeNgapId = u.RanUeNgapId;
                Context.CmConnected = true;
                if (u.Initial)
                {
                    // A new N2 connection: the RAN has no context for this UE on it yet.
                    Context.RanContextActive = false;
                }
                var verdict = _path.Receive(u.NasPdu, out var message, out bool verified);
                switch (verdict)
                {
                    case UplinkVerdict.Accepted when message is UlNasTransport ul && _sm is not null:
                        // §5.4.5.2: NAS transport is for a registered UE under integrity protection; anything else is ignored.
                        if (verified && Context.State == GmmState.Registered)
                        {
                            await _sm.OnUlNasTransportAsync(ul, ct).ConfigureAwait(false);
                        }
                        break;
                    case UplinkVerdict.Accepted:
                        if (message is ServiceRequest sr)
                        {
                            _sm?.OnServiceRequest(sr);
                        }
                        gmm = new GmmMessageEvent(message!, verified);
                        break;
                    case UplinkVerdict.Replay:
                        Context.DiscardedReplays++;
                        break;
                    case UplinkVerdict.MacFailure:
                        Context.DiscardedMacFailures++;
                        break;
                    case UplinkVerdict.Unprotected:
                        Context.DiscardedUnprotected++;
                        break;
                    default:
                        Context.DiscardedMalformed++;
                        break;
                }
                break;
            case AusfChallengeEvent c when c.Transaction == Context.PendingTransaction:
                Context.PendingTransaction = 0;
                LogIfProblem("Nausf_UEAuthentication_Authenticate", c.Result.Problem);
                gmm = new GmmChallengeEvent(c.Result);
                break;
            case AusfConfirmationEvent c when c.Transaction == Context.PendingTransaction:
                Context.PendingTransaction = 0;
                LogIfProblem("Nausf_UEAuthentication 5g-aka-confirmation", c.Result.Problem);
                gmm = new GmmConfirmationEvent(c.Result);
                break;
            case AusfEapSessionEvent c when c.Transaction == Context.PendingTransaction:
                Context.PendingTransaction = 0;
                LogIfProblem("Nausf_UEAuthentication eap-session", c.Result.Problem);
                gmm = new GmmEapResultEvent(c.Result);
                break;
            case UdmSubscriptionDataEvent u when u.Transaction == Context.PendingTransaction:
                Context.PendingTransaction = 0;
                LogIfProblem("Nudm_UECM_Registration / Nudm_SDM_Get", u.Result.Problem);
                gmm = new GmmSubscriptionDataEvent(u.Result);
                break;
            case SdmSubscribedEvent s:
                Context.SdmSubscriptionId = s.SubscriptionId;
                break;
            case SdmChangeEvent n:
                if (Context.Subscription is { } held && SdmChanges.Apply(held, n.Notification, Context.Supi) is { } changed)
                {
                    gmm = new GmmSubscriptionChangedEvent(changed);
                }
                break;
            case N2ReleasedEvent:
                Context.CmConnected = false;
                Context.RanContextActive = false;
                _sm?.OnAnReleased(ct);
                gmm = new GmmN2ReleasedEvent();
                break;
            case SmEvent sm:
                if (_sm is not null)
                {
                    await _sm.HandleAsync(sm, ct).ConfigureAwait(false);
                }
                else if (sm is N1N2TransferEvent t)
                {
                    t.Reply.TrySetResult(new N1N2Outcome(404, null, GlassCore.Sbi.Problems.ContextNotFound("no session management in this AMF")));
                }
                break;
            case InitialContextSetupFailedEvent:
                gmm = new GmmInitialContextSetupFailedEvent();
                break;
            case TimerExpiredEvent t:
                gmm = await _path.OnTimerAsync(t, ct).ConfigureAwait(false);
                break;
            case ReachabilityTimerExpiredEvent r:
                gmm = _reachability.OnExpired(r);
                break;
            case NetworkDeregistrationEvent d:
                gmm = new GmmNetworkDeregistrationEvent(d.Cause, d.ReRegistrationRequired);
                break;
            case ConfigurationUpdateEvent:
                gmm = new GmmConfigurationUpdateEvent();
                break;
            default:
                // A reply to an SBI call the context no longer waits for (stale transaction ID): dropped.
                break;
        }
        if (gmm is null)
        {
            return false;
        }
        return await ExecuteAsync(_fsm.Dispatch(Context, gmm), ct).ConfigureAwait(false);
    }

    private async ValueTask<bool> ExecuteAsync(GmmOutcome outcome, CancellationToken ct)
    {
        bool release = false;
        foreach (var action in outcome.Actions)
        {
            switch (action)
            {
                case SendNasAction s:
                    if (_sm is not null && _sm.TryDeferServiceAccept(s, ct))
                    {
                        // Sent by the relay once the SMFs answered (TS 23.502 §4.2.3.2 step 12).
                        break;
                    }
                    await _path.SendAsync(s.Message, s.Guard, ct, s.InitialContextSetup).ConfigureAwait(false);
                    if (_sm is not null && s.Message is ServiceAccept)
                    {
                        await _sm.AfterServiceAcceptAsync(ct).ConfigureAwait(false);
                    }
                    break;
                case StopTimerAction s:
                    _path.Stop(s.Timer);
                    break;
                case AuthenticateAction a:
                    StartAuthenticate(a, ct);
                    break;
                case ConfirmAction c:
                    StartConfirm(c, ct);
                    break;
                case EapRelayAction r:
                    StartEapRelay(r, ct);
                    break;
                case RetrieveSubscriptionAction r:
                    StartSubscriptionRetrieval(r.Supi, ct);
                    break;
                case StartReachabilityTimerAction r:
                    _reachability.Start(r.Timer);
                    break;
                case StopReachabilityTimersAction:
                    _reachability.Stop();
                    break;
                case ReleaseAction r:
                    release = true;
                    _releaseCause = r.Cause;
                    if (r.Cause == UeReleaseCause.Deregister)
                    {
                        _sm?.ReleaseAll(ct);
                    }
                    break;
            }
        }
        if (outcome.Next is { } next && next != Context.State)
        {
            var from = Context.State;
            var transition = _fsm.Transition(Context, next);
            _observer?.StateChanged(Context.AmfUeNgapId, from, next);
            release |= await ExecuteAsync(transition, ct).ConfigureAwait(false);
        }
        return release;
    }

    private void StartAuthenticate(AuthenticateAction a, CancellationToken ct)
    {
        long tx = ++_transactions;
        Context.PendingTransaction = tx;
        long id = Context.AmfUeNgapId;
        _ = Call(async () =>
        {
            AusfResult<AusfChallenge> r = await _ausf.AuthenticateAsync(a.SupiOrSuci, _config.ServingNetworkName, a.Resync, ct).ConfigureAwait(false);
            PostReply(new AusfChallengeEvent(id, tx, r));
        },
            () => PostReply(new AusfChallengeEvent(id, tx, new AusfProblem(504, "TARGET_NF_NOT_REACHABLE"))));
    }

    private void StartConfirm(ConfirmAction c, CancellationToken ct)
    {
        long tx = ++_transactions;
        Context.PendingTransaction = tx;
        long id = Context.AmfUeNgapId;
        _ = Call(async () =>
        {
            AusfResult<AusfConfirmation> r = await _ausf.ConfirmAsync(c.ConfirmationUri, c.ResStar, ct).ConfigureAwait(false);
            PostReply(new AusfConfirmationEvent(id, tx, r));
        },
            () => PostReply(new AusfConfirmationEvent(id, tx, new AusfProblem(504, "TARGET_NF_NOT_REACHABLE"))));
    }

    private void StartEapRelay(EapRelayAction r, CancellationToken ct)
    {
        long tx = ++_transactions;
        Context.PendingTransaction = tx;
        long id = Context.AmfUeNgapId;
        _ = Call(async () => PostReply(new AusfEapSessionEvent(id, tx, await _ausf.EapSessionAsync(r.EapSessionUri, r.EapResponse, ct).ConfigureAwait(false))),
            () => PostReply(new AusfEapSessionEvent(id, tx, new AusfProblem(504, "TARGET_NF_NOT_REACHABLE"))));
    }

    /// <summary>
    /// TS 23.502 §4.2.2.2.2 steps 14a-14c. Nudm_UECM_Registration and the two Nudm_SDM_Get run at once over the one
    /// HTTP/2 connection (the spec orders none of them after another); the Accept waits for all three. The
    /// subscription for change notifications needs the data first (step 14c: "after a successful response") but
    /// the Accept does not wait for it.
    /// </summary>
    private void StartSubscriptionRetrieval(string supi, CancellationToken ct)
    {
        IUdmClient udm = _udm ?? throw new InvalidOperationException("subscription retrieval without a UDM client");
        long tx = ++_transactions;
        Context.PendingTransaction = tx;
        long id = Context.AmfUeNgapId;
        var registration = new GlassCore.Sbi.Models.Amf3GppAccessRegistration
        {
            AmfInstanceId = _config.NfInstanceId,
            DeregCallbackUri = $"{_config.CallbackRoot}{NamfCallbackEndpoints.ApiRoot}/{supi}/dereg-notify",
            Guami = Guami(),
            RatType = "NR",
            InitialRegistrationInd = true,
        };
        _ = Call(async () =>
        {
            var reg = udm.RegisterAsync(supi, registration, ct);
            var am = udm.GetAmDataAsync(supi, ct);
            var smfSel = udm.GetSmfSelectDataAsync(supi, ct);
            await Task.WhenAll(reg, am, smfSel).ConfigureAwait(false);
            GlassCore.Sbi.Models.ProblemDetails? problem = reg.Result.Problem ?? am.Result.Problem ?? smfSel.Result.Problem;
            if (problem is not null)
            {
                var failed = new AusfProblem(problem.Status ?? 500, problem.Cause, problem.Detail);
                PostReply(new UdmSubscriptionDataEvent(id, tx, failed));
                return;
            }
            PostReply(new UdmSubscriptionDataEvent(id, tx, new SubscriptionData(am.Result.Value!, smfSel.Result.Value)));
            if (Context.SdmSubscriptionId is null)
            {
                var sub = new GlassCore.Sbi.Models.SdmSubscription
                {
                    NfInstanceId = _config.NfInstanceId,
                    CallbackReference = $"{_config.CallbackRoot}{NamfCallbackEndpoints.ApiRoot}/{supi}/sdm-notify",
                    MonitoredResourceUris = [$"/nudm-sdm/v2/{supi}/am-data", $"/nudm-sdm/v2/{supi}/smf-select-data"],
                };
                var subscribed = await udm.SubscribeAsync(supi, sub, ct).ConfigureAwait(false);
                LogIfProblem("Nudm_SDM_Subscribe", subscribed.IsOk ? null : new AusfProblem(subscribed.Problem!.Status ?? 500, subscribed.Problem.Cause));
                PostReply(new SdmSubscribedEvent(id, subscribed.Value?.SubscriptionId));
            }
        }, () => PostReply(new UdmSubscriptionDataEvent(id, tx, new AusfProblem(504, "TARGET_NF_NOT_REACHABLE"))));
    }

    /// <summary>
    /// The UE context ends here (de-registration, implicit de-registration, a failed registration): the UDM's
    /// registration is purged and the SDM subscription removed (TS 23.502 §4.2.2.3.2, §4.5.3), off the loop.
    /// </summary>
    private void LeaveUdm(CancellationToken ct)
    {
        if (_udm is not { } udm || Context.Supi is not { } supi || (!Context.UdmRegistered && Context.SdmSubscriptionId is null))
        {
            return;
        }
        bool registered = Context.UdmRegistered;
        string? subscription = Context.SdmSubscriptionId;
        Context.UdmRegistered = false;
        Context.SdmSubscriptionId = null;
        GlassCore.Sbi.Models.Guami guami = Guami();
        _ = Call(async () =>
        {
            var purge = registered ? udm.PurgeAsync(supi, guami, ct) : Task.FromResult(GlassCore.Sbi.Result<GlassCore.Sbi.Models.Amf3GppAccessRegistration>.NoContent());
            var unsubscribe = subscription is null ? Task.FromResult(GlassCore.Sbi.Result<GlassCore.Sbi.Models.SdmSubscription>.NoContent()) : udm.UnsubscribeAsync(supi, subscription, ct);
            await Task.WhenAll(purge, unsubscribe).ConfigureAwait(false);
            LogIfProblem("Nudm_UECM purge", purge.Result.IsOk ? null : new AusfProblem(purge.Result.Problem!.Status ?? 500, purge.Result.Problem.Cause));
            LogIfProblem("Nudm_SDM_Unsubscribe", unsubscribe.Result.IsOk ? null : new AusfProblem(unsubscribe.Result.Problem!.Status ?? 500, unsubscribe.Result.Problem.Cause));
        }, () => { });
    }

    /// <summary>TS 29.571 Guami: this AMF's PLMN and AMF ID (region, set, pointer; TS 23.003 §2.10.1) as six hex digits.</summary>
    private GlassCore.Sbi.Models.Guami Guami() => new()
    {
        PlmnId = new GlassCore.Sbi.Models.PlmnId
        {
            Mcc = _config.Plmn.Mcc.ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
            Mnc = _config.Plmn.Mnc.ToString(_config.Plmn.ThreeDigitMnc ? "D3" : "D2", System.Globalization.CultureInfo.InvariantCulture),
        },
        AmfId = $"{_config.AmfRegionId:X2}{(_config.AmfSetId << 6) | _config.AmfPointer:X4}",
    };

    /// <summary>Runs an SBI call off the loop; a consumer that throws becomes a problem reply rather than a lost event.</summary>
    private async Task Call(Func<Task> call, Action onFailure)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSbiFailure(_log, Context.AmfUeNgapId, ex);
            onFailure();
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>An SBI problem reply, logged before the 5GMM reject it leads to (the ProblemDetails cause is no secret).</summary>
    private void LogIfProblem(string operation, AusfProblem? problem)
    {
        if (problem is not null)
        {
            LogSbiProblem(_log, Context.AmfUeNgapId, operation, problem.Status, problem.Cause ?? "(none)", problem.Detail ?? "");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "UE {AmfUeNgapId}: {Operation} answered HTTP {Status}, cause {Cause}: {Detail}")]
    private static partial void LogSbiProblem(ILogger log, long amfUeNgapId, string operation, int status, string cause, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "UE {AmfUeNgapId}: handling failed in state {State}; context released")]
    private static partial void LogUeException(ILogger log, long amfUeNgapId, GmmState state, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "UE {AmfUeNgapId}: AUSF call failed")]
    private static partial void LogSbiFailure(ILogger log, long amfUeNgapId, Exception ex);
}
