// TS 38.413 §9.2: the IE ids of any message, in wire order, without knowing its type.
using GlassCore.Asn1;

namespace GlassCore.Ngap;

public static class NgapIeList
{
    /// <summary>The ids of a decoded message's protocol IEs (empty for a message without an IE container).</summary>
    public static List<int> Ids(IOpenTypeValue? message) =>
        message?.BoxedValue is IProtocolIeContainer c ? c.ProtocolIeIds().Select(id => (int)id).ToList() : [];
}
