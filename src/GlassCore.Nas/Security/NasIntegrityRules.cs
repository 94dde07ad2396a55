// TS 24.501 §4.4.4.2 (UE) and §4.4.4.3 (AMF): the 5GMM messages processed before secure exchange of NAS messages exists.
using GlassCore.Nas.Ies;
using GlassCore.Nas.Messages;

namespace GlassCore.Nas;

/// <summary>
/// The two lists of §4.4.4 in one place, for the AMF's uplink path and the UE simulator's downlink path. Every other
/// 5GMM message (and every 5GSM message, which only travels inside protected transport) is discarded when it arrives
/// without integrity protection that verified.
/// </summary>
public static class NasIntegrityRules
{
    /// <summary>#76 "Not authorized for this CAG or authorized for CAG cells only" (§9.11.3.2).</summary>
    public const byte CauseNotAuthorizedForThisCag = 76;

    /// <summary>#78 "PLMN not allowed to operate at the present UE location" (§9.11.3.2).</summary>
    public const byte CausePlmnNotAllowedAtPresentUeLocation = 78;

    /// <summary>
    /// §4.4.4.3: the AMF processes these without integrity protection: REGISTRATION REQUEST, IDENTITY RESPONSE (when
    /// the requested identity is the SUCI, i.e. it carries a SUCI), AUTHENTICATION RESPONSE, AUTHENTICATION FAILURE,
    /// SECURITY MODE REJECT, DEREGISTRATION REQUEST (UE originating), DEREGISTRATION ACCEPT (UE terminated) and
    /// SERVICE REQUEST.
    /// </summary>
    public static bool AmfMayProcessWithoutIntegrity(FiveGmmMessage message) => message switch
    {
        RegistrationRequest or AuthenticationResponse or AuthenticationFailure or SecurityModeReject
            or DeregistrationRequestUeOriginating or DeregistrationAcceptUeTerminated or ServiceRequest => true,
        IdentityResponse r => r.MobileIdentity.Type == MobileIdentityType.Suci,
        _ => false,
    };

    /// <summary>
    /// §4.4.4.2: the UE processes these without integrity protection: IDENTITY REQUEST (for the SUCI),
    /// AUTHENTICATION REQUEST, AUTHENTICATION RESULT, AUTHENTICATION REJECT, REGISTRATION REJECT and SERVICE REJECT
    /// (unless the cause is #76 or #78), and DEREGISTRATION ACCEPT (UE originating; the UE that sent a switch-off
    /// deregistration is not waiting for one).
    /// </summary>
    public static bool UeMayProcessWithoutIntegrity(FiveGmmMessage message) => message switch
    {
        AuthenticationRequest or AuthenticationResult or AuthenticationReject or DeregistrationAcceptUeOriginating => true,
        IdentityRequest r => (r.IdentityType.Value & 0x07) == (byte)MobileIdentityType.Suci,
        RegistrationReject r => CauseAllowsUnprotected(r.Cause),
        ServiceReject r => CauseAllowsUnprotected(r.Cause),
        _ => false,
    };

    private static bool CauseAllowsUnprotected(OctetValue cause) =>
        !cause.Value.IsEmpty && cause.Octet is not (CauseNotAuthorizedForThisCag or CausePlmnNotAllowedAtPresentUeLocation);
}
