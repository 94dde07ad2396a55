// X.680 §24 NULL: a value with no content; X.691 §18 encodes nothing.
namespace GlassCore.Asn1;

/// <summary>The one NULL value.</summary>
public readonly record struct Asn1Null;
