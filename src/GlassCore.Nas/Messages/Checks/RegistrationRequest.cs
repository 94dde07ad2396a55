// TS 24.501 §8.2.6 (table 8.2.6.1.1 and its IE clauses) and §7.7.2: the payload container IE and its type come together in a Registration request.
namespace GlassCore.Nas.Messages;

public sealed partial class RegistrationRequest
{
    /// <summary>
    /// §8.2.6: the payload container type IE is included if the payload container IE is, and a payload container has no
    /// meaning without its type. Either alone is a conditional IE error
    /// (§7.7.2, cause #100), reported with the IEI of the one that is missing.
    /// </summary>
    internal override NasError ValidateMessage() => ConditionalIes.PayloadContainerPair(this, PayloadContainerType is not null, PayloadContainer is not null);
}
