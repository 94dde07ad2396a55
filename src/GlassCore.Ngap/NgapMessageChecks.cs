// TS 38.413 §10.3.4-10.3.6: what a receiver does about a not comprehended procedure code, not comprehended or missing
// IEs, and IEs in wrong order or with too many occurrences, from the generated object-set checks of each message.
using GlassCore.Asn1;

namespace GlassCore.Ngap;

/// <summary>What the receiver does with the message (§10.3.4.2, §10.3.5, §10.3.6).</summary>
public enum NgapErrorAction
{
    /// <summary>Nothing to report: handle the message (IEs with criticality "ignore" in error are ignored).</summary>
    Proceed,

    /// <summary>"Ignore IE and notify sender": handle the message without the IEs in error and report them.</summary>
    ProceedAndNotify,

    /// <summary>Execute none of the message's requests: reject the procedure (or, for a response, fail it locally).</summary>
    Reject,
}

/// <summary>Where the report goes (§10.3.4.2, §10.3.5, §10.3.6).</summary>
public enum NgapErrorReport
{
    None,

    /// <summary>In the procedure's response message, with Criticality Diagnostics (class 1, ignore and notify).</summary>
    ResponseMessage,

    /// <summary>In the procedure's unsuccessful outcome, with Cause and Criticality Diagnostics (class 1, reject).</summary>
    FailureMessage,

    /// <summary>An Error Indication (§8.7.3) with Cause and Criticality Diagnostics.</summary>
    ErrorIndication,

    /// <summary>A response in error: the procedure is unsuccessfully terminated and handled locally, nothing is sent.</summary>
    LocalErrorHandling,
}

/// <summary>The §10.3 verdict on one decoded NGAP PDU.</summary>
public sealed record NgapMessageCheckResult(
    NgapMessageType MessageType,
    int? ProcedureCode,
    Criticality ProcedureCriticality,
    bool ProcedureUnderstood,
    IReadOnlyList<ProtocolIeIssue<Criticality>> Issues,
    NgapErrorAction Action,
    NgapErrorReport Report,
    Cause? Cause)
{
    /// <summary>
    /// Criticality Diagnostics (§9.3.1.3) for the report: the procedure, the triggering message and each IE not
    /// comprehended or missing whose criticality asks for a report (reject, or ignore and notify).
    /// </summary>
    public CriticalityDiagnostics Diagnostics() => NgapErrorIndication.Diagnostics(
        ProcedureCode,
        (TriggeringMessage)(int)MessageType,
        ProcedureCriticality,
        Issues.Where(i => i.Kind is ProtocolIeIssueKind.NotUnderstood or ProtocolIeIssueKind.Missing && i.Criticality != Criticality.Ignore)
            .Select(i => new IeDiagnostic(i.Criticality, (int)i.Id, i.Kind == ProtocolIeIssueKind.Missing ? TypeOfError.Missing : TypeOfError.NotUnderstood)));
}

public static class NgapMessageChecks
{
    /// <summary>
    /// Checks a decoded PDU against TS 38.413 §10.3.4-10.3.6. With <paramref name="tolerateOrderAndRepeats"/>, IEs out
    /// of order or repeated are still listed but do not reject the message (the typed getters take the first
    /// occurrence): real peers send both (see docs/interop-notes.md), and §10.3.6 would refuse them.
    /// </summary>
    public static NgapMessageCheckResult Check(NgapPdu pdu, bool tolerateOrderAndRepeats = false)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        (NgapMessageType type, long code, Criticality criticality, IOpenTypeValue? value, bool known) = pdu switch
        {
            NgapPdu.InitiatingMessage m => (NgapMessageType.InitiatingMessage, m.Value.ProcedureCode, m.Value.Criticality, m.Value.Value, m.Value.Value is not InitiatingMessageValue.Unknown),
            NgapPdu.SuccessfulOutcome m => (NgapMessageType.SuccessfulOutcome, m.Value.ProcedureCode, m.Value.Criticality, m.Value.Value, m.Value.Value is not SuccessfulOutcomeValue.Unknown),
            NgapPdu.UnsuccessfulOutcome m => (NgapMessageType.UnsuccessfulOutcome, m.Value.ProcedureCode, m.Value.Criticality, m.Value.Value, m.Value.Value is not UnsuccessfulOutcomeValue.Unknown),
            _ => (NgapMessageType.InitiatingMessage, -1L, Criticality.Reject, (IOpenTypeValue?)null, false),
        };
        int? procedureCode = code is >= 0 and <= 255 ? (int)code : null;
        bool initiating = type == NgapMessageType.InitiatingMessage;
        bool class1 = SuccessfulOutcomeValue.IsDefinedKey(code);
        bool hasFailure = UnsuccessfulOutcomeValue.IsDefinedKey(code);
        var issues = new List<ProtocolIeIssue<Criticality>>();
        if (!known)
        {
            // §10.3.4.1: a procedure code not comprehended is handled by the procedure's criticality, always by Error Indication.
            return criticality switch
            {
                Criticality.Ignore => new(type, procedureCode, criticality, false, issues, NgapErrorAction.Reject, NgapErrorReport.None, null),
                Criticality.Notify => new(type, procedureCode, criticality, false, issues, NgapErrorAction.Reject, NgapErrorReport.ErrorIndication, Protocol(CauseProtocol.AbstractSyntaxErrorIgnoreAndNotify)),
                _ => new(type, procedureCode, criticality, false, issues, NgapErrorAction.Reject, NgapErrorReport.ErrorIndication, Protocol(CauseProtocol.AbstractSyntaxErrorReject)),
            };
        }
        if (value?.BoxedValue is IProtocolIeChecks<Criticality> message)
        {
            message.CheckProtocolIes(issues);
        }
        bool falselyConstructed = !tolerateOrderAndRepeats && issues.Exists(i => i.Kind is ProtocolIeIssueKind.WrongOrder or ProtocolIeIssueKind.TooManyOccurrences);
        bool reject = issues.Exists(i => i.Kind is ProtocolIeIssueKind.NotUnderstood or ProtocolIeIssueKind.Missing && i.Criticality == Criticality.Reject);
        bool notify = issues.Exists(i => i.Kind is ProtocolIeIssueKind.NotUnderstood or ProtocolIeIssueKind.Missing && i.Criticality == Criticality.Notify);
        if (falselyConstructed || reject)
        {
            // §10.3.4.2 / §10.3.5 "reject IE" and §10.3.6: the failure message if the procedure has one, else Error Indication;
            // a response in error fails the procedure locally.
            var report = !initiating ? NgapErrorReport.LocalErrorHandling
                : class1 && hasFailure ? NgapErrorReport.FailureMessage
                : NgapErrorReport.ErrorIndication;
            var cause = falselyConstructed ? CauseProtocol.AbstractSyntaxErrorFalselyConstructedMessage : CauseProtocol.AbstractSyntaxErrorReject;
            return new(type, procedureCode, criticality, true, issues, NgapErrorAction.Reject, report, Protocol(cause));
        }
        if (notify)
        {
            // "Ignore IE and notify sender": in the response of a class 1 procedure, otherwise by Error Indication.
            var report = initiating && class1 ? NgapErrorReport.ResponseMessage : NgapErrorReport.ErrorIndication;
            return new(type, procedureCode, criticality, true, issues, NgapErrorAction.ProceedAndNotify, report, Protocol(CauseProtocol.AbstractSyntaxErrorIgnoreAndNotify));
        }
        return new(type, procedureCode, criticality, true, issues, NgapErrorAction.Proceed, NgapErrorReport.None, null);
    }

    private static Cause.Protocol Protocol(CauseProtocol value) => new() { Value = value };
}
