// Style anchor #1: everything that reaches a UE context is an event in its mailbox, carrying IDs, never references.
using GlassCore.Amf.Gmm;
using GlassCore.Amf.Sbi;

namespace GlassCore.Amf;

/// <summary>The AMF-UE-NGAP-ID (TS 38.413 §9.3.3.1, 0..2^40-1) and RAN-UE-NGAP-ID (§9.3.3.2, 0..2^32-1) pair.</summary>
public readonly record struct UeNgapIds(long AmfUeNgapId, long RanUeNgapId);

/// <summary>An event for one UE's mailbox. Transaction and timer generations let the loop drop stale replies.</summary>
public abstract record UeEvent(long AmfUeNgapId);

/// <summary>A NAS-PDU from Initial UE Message or Uplink NAS Transport.</summary>
public sealed record UplinkNasEvent(long AmfUeNgapId, long RanUeNgapId, ReadOnlyMemory<byte> NasPdu) : UeEvent(AmfUeNgapId);

/// <summary>Reply to Nausf_UEAuthentication_Authenticate for SBI transaction <paramref name="Transaction"/>.</summary>
public sealed record AusfChallengeEvent(long AmfUeNgapId, long Transaction, AusfResult<AusfChallenge> Result) : UeEvent(AmfUeNgapId);

/// <summary>Reply to the 5g-aka-confirmation PUT for SBI transaction <paramref name="Transaction"/>.</summary>
public sealed record AusfConfirmationEvent(long AmfUeNgapId, long Transaction, AusfResult<AusfConfirmation> Result) : UeEvent(AmfUeNgapId);

/// <summary>Initial Context Setup Failure from the RAN (TS 38.413 §8.3.1.3).</summary>
public sealed record InitialContextSetupFailedEvent(long AmfUeNgapId) : UeEvent(AmfUeNgapId);

/// <summary>The UE's N2 connection was released (CM-IDLE from here on, TS 23.502 §4.2.6).</summary>
public sealed record N2ReleasedEvent(long AmfUeNgapId) : UeEvent(AmfUeNgapId);

/// <summary>A NAS retransmission timer expired; <paramref name="Generation"/> identifies the start it belongs to.</summary>
public sealed record TimerExpiredEvent(long AmfUeNgapId, NasTimer Timer, long Generation) : UeEvent(AmfUeNgapId);
