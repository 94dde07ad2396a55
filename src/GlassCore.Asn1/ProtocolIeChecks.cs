// X.681 table-constrained IE containers as 3GPP RAN protocols use them (TS 38.413 §10.3.4-10.3.6, TS 36.413 §10.3.4-10.3.6):
// what a receiver finds wrong with the IEs of a decoded message, checked against the object set that defines it.
namespace GlassCore.Asn1;

/// <summary>The kind of IE error §10.3 distinguishes.</summary>
public enum ProtocolIeIssueKind
{
    /// <summary>An IE id the message's object set does not list (§10.3.4: not comprehended).</summary>
    NotUnderstood,

    /// <summary>An IE the object set lists with presence mandatory is absent (§10.3.5).</summary>
    Missing,

    /// <summary>An IE that occurs more than once (§10.3.6: too many occurrences).</summary>
    TooManyOccurrences,

    /// <summary>An IE that comes before one the object set lists ahead of it (§10.3.6: wrong order).</summary>
    WrongOrder,
}

/// <summary>
/// One IE error: its id, the criticality that governs the reaction (the received criticality for an IE that is
/// present, the object set's for a missing one) and the kind.
/// </summary>
public readonly record struct ProtocolIeIssue<TCriticality>(long Id, TCriticality Criticality, ProtocolIeIssueKind Kind)
    where TCriticality : struct, Enum;

/// <summary>A generated message whose protocol IE container is checked against its object set.</summary>
public interface IProtocolIeChecks<TCriticality> : IProtocolIeContainer where TCriticality : struct, Enum
{
    /// <summary>
    /// Appends every IE error of this message, in wire order, then the missing mandatory IEs in object-set order.
    /// Conditional IEs are treated as optional: their conditions are prose, not ASN.1.
    /// </summary>
    void CheckProtocolIes(List<ProtocolIeIssue<TCriticality>> issues);
}
