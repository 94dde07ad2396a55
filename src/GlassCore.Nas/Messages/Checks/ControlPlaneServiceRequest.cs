// TS 24.501 §8.2.30 and §7.7.2: the payload container IE and its type come together in a Control plane service request.
namespace GlassCore.Nas.Messages;

public sealed partial class ControlPlaneServiceRequest
{
    /// <summary>§8.2.30: as in the Registration request, a payload container without its type (or the reverse) is a conditional IE error (§7.7.2, #100).</summary>
    internal override NasError ValidateMessage() => ConditionalIes.PayloadContainerPair(this, PayloadContainerType is not null, PayloadContainer is not null);
}
