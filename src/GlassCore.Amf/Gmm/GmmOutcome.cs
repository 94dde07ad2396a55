// Style anchor #8: handlers return what is to be done; the mailbox loop does it (NAS path, SBI, release).
using GlassCore.Amf.Sbi;
using GlassCore.Nas.Messages;

namespace GlassCore.Amf.Gmm;

public abstract record GmmAction;

/// <summary>
/// Send a 5GMM message; the NAS path protects it as the UE's security state requires and, with a <paramref name="Guard"/>,
/// retransmits it on expiry. With <paramref name="InitialContextSetup"/> the first transmission rides in Initial
/// Context Setup Request (TS 23.502 §4.2.2.2.2 step 21); retransmissions go in Downlink NAS Transport.
/// </summary>
public sealed record SendNasAction(FiveGmmMessage Message, NasTimer? Guard = null, bool InitialContextSetup = false) : GmmAction;

public sealed record StopTimerAction(NasTimer Timer) : GmmAction;

public sealed record AuthenticateAction(string SupiOrSuci, ResynchronisationInfo? Resync) : GmmAction;

public sealed record ConfirmAction(string ConfirmationUri, byte[] ResStar) : GmmAction;

/// <summary>TS 33.501 §6.1.3.1 step 7: relay the UE's EAP-Response to the AUSF's eap-session.</summary>
public sealed record EapRelayAction(string EapSessionUri, byte[] EapResponse) : GmmAction;

/// <summary>TS 23.502 §4.2.2.2.2 steps 14a-14c: register with the UDM and get (then subscribe to) the subscription data.</summary>
public sealed record RetrieveSubscriptionAction(string Supi) : GmmAction;

/// <summary>Ask the NGAP layer to release the UE context and end this UE's mailbox.</summary>
public sealed record ReleaseAction(UeReleaseCause Cause = UeReleaseCause.NormalRelease) : GmmAction;

/// <summary>§5.3.7: start a reachability timer (replacing the one running).</summary>
public sealed record StartReachabilityTimerAction(ReachabilityTimer Timer) : GmmAction;

/// <summary>§5.3.7: the UE is reachable again; both reachability timers stop.</summary>
public sealed record StopReachabilityTimersAction : GmmAction;

/// <summary>A handler's result: the actions in order, and the state to move to (null: stay).</summary>
public sealed class GmmOutcome
{
    public static GmmOutcome None => new();

    public GmmState? Next { get; private set; }

    public List<GmmAction> Actions { get; } = [];

    public GmmOutcome Send(FiveGmmMessage message, NasTimer? guard = null)
    {
        Actions.Add(new SendNasAction(message, guard));
        return this;
    }

    public GmmOutcome Stop(NasTimer timer)
    {
        Actions.Add(new StopTimerAction(timer));
        return this;
    }

    public GmmOutcome Do(GmmAction action)
    {
        Actions.Add(action);
        return this;
    }

    public GmmOutcome To(GmmState next)
    {
        Next = next;
        return this;
    }
}
