// TS 24.501 §9.11.3.2: the 5GMM cause values the AMF sends.
namespace GlassCore.Amf.Gmm;

public static class GmmCauses
{
    public const byte IllegalUe = 3;
    public const byte FiveGsServicesNotAllowed = 7;
    public const byte UeIdentityCannotBeDerived = 9;
    public const byte PlmnNotAllowed = 11;
    public const byte MacFailure = 20;
    public const byte SynchFailure = 21;
    public const byte UeSecurityCapabilitiesMismatch = 23;
    public const byte NonFiveGAuthenticationUnacceptable = 26;
    public const byte NoNetworkSlicesAvailable = 62;
    public const byte PayloadWasNotForwarded = 90;
    public const byte DnnNotSupportedOrNotSubscribedInTheSlice = 91;
    public const byte InvalidMandatoryInformation = 96;
    public const byte ConditionalIeError = 100;
    public const byte MessageNotCompatibleWithProtocolState = 101;
    public const byte ProtocolErrorUnspecified = 111;
}
