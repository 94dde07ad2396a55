// X.691 decoding failures: what went wrong and at which bit of the input, never an exception.
namespace GlassCore.Asn1;

/// <summary>Why a PER (or JER) decode failed.</summary>
public enum Asn1ErrorKind
{
    None = 0,
    /// <summary>The input ended before the value did.</summary>
    EndOfData,
    /// <summary>A value lies outside its PER-visible constraint.</summary>
    ValueOutOfRange,
    /// <summary>A length or count lies outside its SIZE constraint, or is too large for this implementation.</summary>
    LengthOutOfRange,
    /// <summary>A CHOICE index or ENUMERATED index that the root does not have and no extension marker allows.</summary>
    UnknownAlternative,
    /// <summary>An open type's contents do not decode as the type the table constraint selects.</summary>
    InvalidOpenType,
    /// <summary>Bits left over where the encoding must end (open types, contained types).</summary>
    TrailingData,
    /// <summary>An encoding X.691 allows that this implementation does not handle.</summary>
    Unsupported,
    /// <summary>JER text that is not what the type's JSON form requires.</summary>
    InvalidJson,
    /// <summary>Nested deeper than the decoder allows.</summary>
    TooDeep,
}

/// <summary>A typed decode failure: the kind and the bit offset into the outermost input.</summary>
public readonly record struct Asn1DecodeError(Asn1ErrorKind Kind, long BitOffset, string? Detail = null)
{
    public override string ToString() =>
        Detail is null ? $"{Kind} at bit {BitOffset}" : $"{Kind} at bit {BitOffset}: {Detail}";
}

/// <summary>Thrown only by convenience APIs (e.g. Decode(byte[])) that cannot return false; carries the typed error.</summary>
public sealed class Asn1DecodeException : Exception
{
    public Asn1DecodeException(Asn1DecodeError error) : base(error.ToString()) => Error = error;

    public Asn1DecodeException()
    {
    }

    public Asn1DecodeException(string message) : base(message)
    {
    }

    public Asn1DecodeException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public Asn1DecodeError Error { get; }
}
