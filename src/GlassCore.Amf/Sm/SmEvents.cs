// TS 23.502 §4.3.2.2.1, §4.2.3, §4.3.4: the session-management inputs of a UE's mailbox (style anchor #1: events
// carry IDs and values, and each is handled on the UE's own task).
using GlassCore.Nas.Ies;
using GlassCore.Sbi.Models;

namespace GlassCore.Amf.Sm;

/// <summary>N2 SM information for the RAN (TS 38.413 §9.3.4): one PDU session's transfer and, with it, the NAS-PDU for the UE.</summary>
public sealed record N2SmTransfer(byte PduSessionId, SNssaiValue SNssai, byte[] Transfer, byte[]? NasPdu = null);

/// <summary>N2 SM information from the RAN: a PDU session, what the transfer is (TS 29.502 N2SmInfoType), its bytes.</summary>
public sealed record N2SmResponse(byte PduSessionId, string N2SmInfoType, byte[] Transfer);

/// <summary>Which Nsmf_PDUSession call an answer belongs to.</summary>
public enum SmOperation : byte
{
    Create,
    UpdateN1,
    UpdateN2,
    Activate,
    Deactivate,
    Release,
}

public abstract record SmEvent(long AmfUeNgapId) : UeEvent(AmfUeNgapId);

/// <summary>The SMF's answer to the <paramref name="Operation"/> for PDU session <paramref name="PduSessionId"/>; <paramref name="UplinkN1"/> is the 5GSM message sent, for #90 back.</summary>
public sealed record SmfAnswerEvent(long AmfUeNgapId, byte PduSessionId, SmOperation Operation, long Transaction, SmfAnswer Answer, byte[]? UplinkN1) : SmEvent(AmfUeNgapId);

/// <summary>PDU Session Resource Setup/Release Response or Initial Context Setup Response lists from the gNB.</summary>
public sealed record N2SmResponseEvent(long AmfUeNgapId, IReadOnlyList<N2SmResponse> Items) : SmEvent(AmfUeNgapId);

/// <summary>TS 29.518 §5.2.2.3.1 N1N2MessageTransfer, validated: what to deliver, and where the answer goes.</summary>
/// <param name="FailureNotifyUri">n1n2FailureTxfNotifURI: where to say that a transfer answered with 202 was not delivered.</param>
/// <param name="MessageUri">The transfer's resource URI (the 202's Location), named in that failure notification.</param>
public sealed record N1N2Request(byte PduSessionId, byte[]? N1SmMsg, byte[]? N2SmInfo, string? N2SmInfoType, Snssai? SNssai,
    string? FailureNotifyUri = null, string? MessageUri = null);

/// <summary>The status and body cause of the N1N2MessageTransfer answer (200 N1_N2_TRANSFER_INITIATED, 202 ATTEMPTING_TO_REACH_UE) or a problem.</summary>
public sealed record N1N2Outcome(int Status, string? Cause, ProblemDetails? Problem = null);

public sealed record N1N2TransferEvent(long AmfUeNgapId, N1N2Request Request, TaskCompletionSource<N1N2Outcome> Reply) : SmEvent(AmfUeNgapId);

/// <summary>TS 29.502 §5.2.2.5.2 SmContextStatusNotify from the SMF: <paramref name="ResourceStatus"/> (RELEASED) for PDU session <paramref name="PduSessionId"/>; the reply is false when the UE has no such session.</summary>
public sealed record SmContextStatusEvent(long AmfUeNgapId, byte PduSessionId, string ResourceStatus, string? Cause, TaskCompletionSource<bool> Reply) : SmEvent(AmfUeNgapId);

/// <summary>T3513 (paging) expired; <paramref name="Generation"/> tells a stale expiry from the running timer's.</summary>
public sealed record PagingTimerExpiredEvent(long AmfUeNgapId, long Generation) : SmEvent(AmfUeNgapId);
