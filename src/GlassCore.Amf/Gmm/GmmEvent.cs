// Style anchor #2: the typed inputs of the 5GMM state machine (no dictionaries of objects).
using GlassCore.Amf.Sbi;
using GlassCore.Nas.Messages;

namespace GlassCore.Amf.Gmm;

public abstract record GmmEvent;

/// <summary>A decoded 5GMM message; <paramref name="IntegrityVerified"/> is true when its MAC verified with the current context (§4.4.4.3).</summary>
public sealed record GmmMessageEvent(FiveGmmMessage Message, bool IntegrityVerified) : GmmEvent;

public sealed record GmmChallengeEvent(AusfResult<AusfChallenge> Result) : GmmEvent;

public sealed record GmmConfirmationEvent(AusfResult<AusfConfirmation> Result) : GmmEvent;

/// <summary>The AUSF's answer to a relayed EAP-Response (TS 33.501 §6.1.3.1 steps 7-9).</summary>
public sealed record GmmEapResultEvent(AusfResult<AusfEapResult> Result) : GmmEvent;

/// <summary>TS 23.502 §4.2.2.2.2 steps 14a-14b: the UDM registration and the subscription data (or the problem).</summary>
public sealed record GmmSubscriptionDataEvent(AusfResult<SubscriptionData> Result) : GmmEvent;

/// <summary>TS 23.502 §4.2.4.2: the UDM changed the subscription data; the new values (null: unchanged).</summary>
public sealed record GmmSubscriptionChangedEvent(SubscriptionData Data) : GmmEvent;

/// <summary>The fifth expiry of a retransmission timer: the procedure it guards is aborted.</summary>
public sealed record GmmRetransmissionExhaustedEvent(NasTimer Timer) : GmmEvent;

/// <summary>The RAN answered Initial Context Setup with a failure (TS 38.413 §8.3.1.3).</summary>
public sealed record GmmInitialContextSetupFailedEvent : GmmEvent;

/// <summary>The UE's N2 connection is gone (CM-IDLE).</summary>
public sealed record GmmN2ReleasedEvent : GmmEvent;

/// <summary>§5.3.7: the mobile reachable or implicit de-registration timer expired.</summary>
public sealed record GmmReachabilityExpiredEvent(ReachabilityTimer Timer) : GmmEvent;

/// <summary>§5.5.2.3.1: network-initiated de-registration asked for by the operator.</summary>
public sealed record GmmNetworkDeregistrationEvent(byte? Cause, bool ReRegistrationRequired) : GmmEvent;

/// <summary>§5.4.4.2: generic UE configuration update asked for by the operator.</summary>
public sealed record GmmConfigurationUpdateEvent : GmmEvent;

/// <summary>Entry and exit signals, delivered by the state machine itself on every transition.</summary>
public sealed record GmmEntryEvent : GmmEvent;

public sealed record GmmExitEvent : GmmEvent;
