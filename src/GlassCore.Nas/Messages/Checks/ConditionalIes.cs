// TS 24.501 §7.7.2 (conditional IE errors): checks that several messages share.
namespace GlassCore.Nas.Messages;

internal static class ConditionalIes
{
    private const byte PayloadContainerTypeIei = 0x80;
    private const byte PayloadContainerIei = 0x7B;

    /// <summary>A payload container IE (0x7B) and its payload container type IE (8-) are present together or not at all.</summary>
    public static NasError PayloadContainerPair(NasMessage m, bool hasType, bool hasContainer) =>
        hasType == hasContainer ? default : NasError.Conditional(m.GetEncodedLength(), hasType ? PayloadContainerIei : PayloadContainerTypeIei);
}
