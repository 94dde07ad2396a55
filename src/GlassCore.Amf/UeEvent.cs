// Style anchor #1: everything that reaches a UE context is an event in its mailbox, carrying IDs, never references.
using GlassCore.Amf.Gmm;
using GlassCore.Amf.Sbi;

namespace GlassCore.Amf;

/// <summary>The AMF-UE-NGAP-ID (TS 38.413 §9.3.3.1, 0..2^40-1) and RAN-UE-NGAP-ID (§9.3.3.2, 0..2^32-1) pair.</summary>
public readonly record struct UeNgapIds(long AmfUeNgapId, long RanUeNgapId);

/// <summary>An event for one UE's mailbox. Transaction and timer generations let the loop drop stale replies.</summary>
public abstract record UeEvent(long AmfUeNgapId);

/// <summary>A NAS-PDU from Initial UE Message (<paramref name="Initial"/>: a new N2 connection) or Uplink NAS Transport.</summary>
public sealed record UplinkNasEvent(long AmfUeNgapId, long RanUeNgapId, ReadOnlyMemory<byte> NasPdu, bool Initial = false) : UeEvent(AmfUeNgapId);

/// <summary>Reply to Nausf_UEAuthentication_Authenticate for SBI transaction <paramref name="Transaction"/>.</summary>
public sealed record AusfChallengeEvent(long AmfUeNgapId, long Transaction, AusfResult<AusfChallenge> Result) : UeEvent(AmfUeNgapId);

/// <summary>Reply to the 5g-aka-confirmation PUT for SBI transaction <paramref name="Transaction"/>.</summary>
public sealed record AusfConfirmationEvent(long AmfUeNgapId, long Transaction, AusfResult<AusfConfirmation> Result) : UeEvent(AmfUeNgapId);

/// <summary>Reply to a Nausf_UEAuthentication eap-session POST for SBI transaction <paramref name="Transaction"/>.</summary>
public sealed record AusfEapSessionEvent(long AmfUeNgapId, long Transaction, AusfResult<AusfEapResult> Result) : UeEvent(AmfUeNgapId);

/// <summary>TS 23.502 §4.2.2.2.2 steps 14a-14b for SBI transaction <paramref name="Transaction"/>: the UDM registration and the subscription data.</summary>
public sealed record UdmSubscriptionDataEvent(long AmfUeNgapId, long Transaction, AusfResult<SubscriptionData> Result) : UeEvent(AmfUeNgapId);

/// <summary>Step 14c answered: the SDM subscription's ID (for the unsubscribe at de-registration), or null when it failed.</summary>
public sealed record SdmSubscribedEvent(long AmfUeNgapId, string? SubscriptionId) : UeEvent(AmfUeNgapId);

/// <summary>TS 29.503 §5.2.2.3.3: the UDM notified a change of subscription data the AMF subscribed to.</summary>
public sealed record SdmChangeEvent(long AmfUeNgapId, GlassCore.Sbi.Models.ModificationNotification Notification) : UeEvent(AmfUeNgapId);

/// <summary>Initial Context Setup Failure from the RAN (TS 38.413 §8.3.1.3).</summary>
public sealed record InitialContextSetupFailedEvent(long AmfUeNgapId) : UeEvent(AmfUeNgapId);

/// <summary>The UE's N2 connection was released (CM-IDLE from here on, TS 23.502 §4.2.6).</summary>
public sealed record N2ReleasedEvent(long AmfUeNgapId) : UeEvent(AmfUeNgapId);

/// <summary>A NAS retransmission timer expired; <paramref name="Generation"/> identifies the start it belongs to.</summary>
public sealed record TimerExpiredEvent(long AmfUeNgapId, NasTimer Timer, long Generation) : UeEvent(AmfUeNgapId);

/// <summary>A reachability timer (§5.3.7) expired; <paramref name="Generation"/> identifies the start it belongs to.</summary>
public sealed record ReachabilityTimerExpiredEvent(long AmfUeNgapId, ReachabilityTimer Timer, long Generation) : UeEvent(AmfUeNgapId);

/// <summary>The operator de-registers the UE (§5.5.2.3): with a 5GMM cause and whether it is to register again.</summary>
public sealed record NetworkDeregistrationEvent(long AmfUeNgapId, byte? Cause, bool ReRegistrationRequired) : UeEvent(AmfUeNgapId);

/// <summary>The operator updates the UE's configuration (§5.4.4): a new 5G-GUTI and the current TAI list and allowed NSSAI.</summary>
public sealed record ConfigurationUpdateEvent(long AmfUeNgapId) : UeEvent(AmfUeNgapId);
