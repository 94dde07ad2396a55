// TS 24.501 §9.11.4.2 5GSM cause values the SMF sends.
namespace GlassCore.Smf.Gsm;

public static class FiveGsmCauses
{
    public const byte InsufficientResources = 26;
    public const byte MissingOrUnknownDnn = 27;
    public const byte UnknownPduSessionType = 28;
    public const byte UserAuthenticationOrAuthorizationFailed = 29;
    public const byte RequestRejectedUnspecified = 31;
    public const byte ServiceOptionNotSupported = 32;
    public const byte RequestedServiceOptionNotSubscribed = 33;
    public const byte PtiAlreadyInUse = 35;
    public const byte RegularDeactivation = 36;
    public const byte NetworkFailure = 38;
    public const byte InvalidPduSessionIdentity = 43;
    public const byte PduSessionTypeIpv4OnlyAllowed = 50;
    public const byte PduSessionTypeIpv6OnlyAllowed = 51;
    public const byte PduSessionDoesNotExist = 54;
    public const byte NotSupportedSscMode = 68;
    public const byte MissingOrUnknownDnnInASlice = 70;
    public const byte SemanticallyIncorrectMessage = 95;
    public const byte InvalidMandatoryInformation = 96;
    public const byte MessageTypeNonExistent = 97;
    public const byte MessageTypeNotCompatibleWithProtocolState = 98;
    public const byte ProtocolErrorUnspecified = 111;
}

/// <summary>§9.11.4.11 PDU session type values (also the selected type of the accept).</summary>
public static class PduSessionTypeValues
{
    public const byte Ipv4 = 1;
    public const byte Ipv6 = 2;
    public const byte Ipv4v6 = 3;
    public const byte Unstructured = 4;
    public const byte Ethernet = 5;

    public static string ToSbi(byte type) => type switch
    {
        Ipv4 => "IPV4",
        Ipv6 => "IPV6",
        Ipv4v6 => "IPV4V6",
        Unstructured => "UNSTRUCTURED",
        Ethernet => "ETHERNET",
        _ => "IPV4",
    };
}
