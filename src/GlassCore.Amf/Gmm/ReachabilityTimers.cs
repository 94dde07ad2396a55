// TS 24.501 §5.3.7 (handling of the periodic registration update timer and mobile reachable timer in the network):
// the mobile reachable and implicit de-registration timers of one UE. Owned by that UE's mailbox task.
namespace GlassCore.Amf.Gmm;

/// <summary>
/// One timer at a time: the mobile reachable timer runs while a registered UE is in 5GMM-IDLE, the implicit
/// de-registration timer after it. Expiries come back as <see cref="ReachabilityTimerExpiredEvent"/>s; a generation
/// number makes an expiry that raced with a stop or restart stale.
/// </summary>
public sealed class ReachabilityTimers(AmfUeContext ue, AmfConfiguration config, TimeProvider time, Action<UeEvent> post)
{
    private ITimer? _timer;
    private long _generation;

    public void Start(ReachabilityTimer timer)
    {
        Stop();
        long gen = ++_generation;
        var due = timer == ReachabilityTimer.MobileReachable ? config.EffectiveMobileReachableTimer : config.ImplicitDeregistrationTimer;
        _timer = time.CreateTimer(_ => post(new ReachabilityTimerExpiredEvent(ue.AmfUeNgapId, timer, gen)), null, due, Timeout.InfiniteTimeSpan);
        ue.RunningReachabilityTimer = timer;
    }

    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
        ue.RunningReachabilityTimer = null;
    }

    /// <summary>The expiry as a 5GMM event, or null when it is stale.</summary>
    public GmmEvent? OnExpired(ReachabilityTimerExpiredEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (_timer is null || e.Generation != _generation)
        {
            return null;
        }
        Stop();
        return new GmmReachabilityExpiredEvent(e.Timer);
    }
}
