// TS 24.007 §11.2.1-§11.2.5 (IE formats) and TS 24.501 §8 (the IE tables of every message).
namespace GlassCore.Nas.Ies;

/// <summary>The formats of TS 24.007 §11.2.1.1: V, LV, LV-E for mandatory IEs; TV, TLV, TLV-E for optional ones.</summary>
public enum IeFormat : byte
{
    /// <summary>Type 1 value in half an octet (mandatory, packed two to an octet, first one in bits 1-4).</summary>
    VHalf,
    /// <summary>Type 3 value of fixed length.</summary>
    V,
    Lv,
    LvE,
    /// <summary>Type 1 IE: IEI in bits 5-8, value in bits 1-4.</summary>
    Tv1,
    /// <summary>Type 3 IE: IEI then a fixed-length value.</summary>
    Tv,
    Tlv,
    TlvE,
}

/// <summary>How an IE's value is checked and shown; every kind has a validator in <see cref="IeValidation"/>.</summary>
public enum IeKind : byte
{
    Opaque,
    Spare,
    HalfOctet,
    RegistrationType,
    NasKeySetIdentifier,
    MobileIdentity,
    RegistrationResult,
    Nssai,
    SNssai,
    RejectedNssai,
    UeSecurityCapability,
    TaiList,
    Tai,
    NetworkFeatureSupport,
    PduSessionStatus,
    GprsTimer,
    GprsTimer2,
    GprsTimer3,
    FiveGmmCause,
    FiveGsmCause,
    QosRules,
    QosFlowDescriptions,
    SessionAmbr,
    PduAddress,
    SscMode,
    PduSessionType,
    Dnn,
    ExtendedPco,
    Rand,
    Autn,
    ResStar,
    Auts,
    Abba,
    EapMessage,
    NasMessageContainer,
    PayloadContainer,
    PayloadContainerType,
    IdentityType,
    DeregistrationType,
    ServiceType,
    NasSecurityAlgorithms,
    AccessType,
    RequestType,
    PduSessionIdentity,
    IntegrityProtectionMaximumDataRate,
    PlmnList,
    Octet,
}

/// <summary>One row of a message's IE table: name as TS 24.501 spells it, IEI (0 for mandatory), format, kind, value lengths.</summary>
/// <param name="FixedLength">Value octets of V/TV IEs (0 for half-octet and length-prefixed IEs).</param>
/// <param name="MinLength">Smallest value length the IE table allows (for LV, LV-E, TLV, TLV-E).</param>
public sealed record IeSpec(string Name, byte Iei, IeFormat Format, IeKind Kind, int FixedLength = 0, int MinLength = 0)
{
    public bool IsMandatory => Format is IeFormat.VHalf or IeFormat.V or IeFormat.Lv or IeFormat.LvE;

    public bool IsHalfOctet => Format is IeFormat.VHalf or IeFormat.Tv1;

    internal static IeSpec VHalf(string name, IeKind kind) => new(name, 0, IeFormat.VHalf, kind);

    internal static IeSpec Spare() => new("Spare half octet", 0, IeFormat.VHalf, IeKind.Spare);

    internal static IeSpec V(string name, IeKind kind, int length) => new(name, 0, IeFormat.V, kind, length, length);

    internal static IeSpec Lv(string name, IeKind kind, int min = 0) => new(name, 0, IeFormat.Lv, kind, 0, min);

    internal static IeSpec LvE(string name, IeKind kind, int min = 0) => new(name, 0, IeFormat.LvE, kind, 0, min);

    /// <summary>Type 1 optional IE; <paramref name="iei"/> is the high nibble as in the tables ("B-" is 0xB).</summary>
    internal static IeSpec Tv1(byte iei, string name, IeKind kind = IeKind.HalfOctet) => new(name, (byte)(iei << 4), IeFormat.Tv1, kind);

    internal static IeSpec Tv(byte iei, string name, IeKind kind, int valueLength) => new(name, iei, IeFormat.Tv, kind, valueLength, valueLength);

    internal static IeSpec Tlv(byte iei, string name, IeKind kind = IeKind.Opaque, int min = 0) => new(name, iei, IeFormat.Tlv, kind, 0, min);

    internal static IeSpec TlvE(byte iei, string name, IeKind kind = IeKind.Opaque, int min = 0) => new(name, iei, IeFormat.TlvE, kind, 0, min);
}

/// <summary>A message's IE table with lookups from IEI to row.</summary>
public sealed class MessageLayout
{
    private readonly sbyte[] _byIei = new sbyte[128];
    private readonly sbyte[] _byNibble = new sbyte[16];

    internal MessageLayout(byte messageType, string name, IeSpec[] ies)
    {
        MessageType = messageType;
        Name = name;
        Ies = ies;
        Array.Fill(_byIei, (sbyte)-1);
        Array.Fill(_byNibble, (sbyte)-1);
        int mandatory = 0;
        while (mandatory < ies.Length && ies[mandatory].IsMandatory)
        {
            mandatory++;
        }
        MandatoryCount = mandatory;
        for (int i = mandatory; i < ies.Length; i++)
        {
            var s = ies[i];
            if (s.IsMandatory)
            {
                throw new InvalidOperationException($"{name}: mandatory IE {s.Name} after optional ones");
            }
            if (s.Format == IeFormat.Tv1)
            {
                _byNibble[s.Iei >> 4] = (sbyte)i;
            }
            else
            {
                _byIei[s.Iei] = (sbyte)i;
            }
        }
    }

    public byte MessageType { get; }

    /// <summary>The message name as TS 24.501 §8 heads its clause.</summary>
    public string Name { get; }

    public IReadOnlyList<IeSpec> Ies { get; }

    internal IeSpec this[int index] => ((IeSpec[])Ies)[index];

    public int MandatoryCount { get; }

    /// <summary>The row of an optional IE by its first octet, or -1.</summary>
    internal int Find(byte firstOctet) => firstOctet >= 0x80 ? _byNibble[firstOctet >> 4] : _byIei[firstOctet];

    public int IndexOf(string name)
    {
        var ies = (IeSpec[])Ies;
        for (int i = 0; i < ies.Length; i++)
        {
            if (string.Equals(ies[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        return -1;
    }
}
