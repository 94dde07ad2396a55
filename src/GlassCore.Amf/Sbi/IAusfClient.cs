// TS 29.509 §5.2.2.2 Nausf_UEAuthentication (5G-AKA and EAP-AKA'): the AMF's (SEAF's) view of the AUSF.
namespace GlassCore.Amf.Sbi;

/// <summary>RAND and AUTN from a failed challenge and the UE's AUTS, for re-synchronisation (TS 33.501 §6.1.3.3.2).</summary>
public sealed record ResynchronisationInfo(byte[] Rand, byte[] Auts);

/// <summary>
/// The 5G SE AV the SEAF receives: RAND, AUTN, HXRES*, and where to confirm (the "5g-aka" link). For EAP-AKA'
/// (TS 33.501 §6.1.3.1) <see cref="EapMessage"/> holds the EAP-Request to relay and the URI is the "eap-session" link.
/// </summary>
public sealed record AusfChallenge(byte[] Rand, byte[] Autn, byte[] HxresStar, string ConfirmationUri)
{
    public byte[]? EapMessage { get; init; }

    public bool IsEap => EapMessage is not null;

    public static AusfChallenge Eap(byte[] eapRequest, string eapSessionUri) => new([], [], [], eapSessionUri) { EapMessage = eapRequest };
}

/// <summary>
/// The AUSF's answer to one EAP round (TS 29.509 §5.2.2.2.3): the EAP packet to relay, and the result: on
/// AUTHENTICATION_SUCCESS the SUPI and KSEAF; AUTHENTICATION_ONGOING with the next eap-session URI (a new challenge).
/// </summary>
public sealed record AusfEapResult(string AuthResult, byte[] EapMessage, string? Supi, byte[]? Kseaf, string? NextUri);

/// <summary>The AUSF's verdict on RES*: on success KSEAF and the SUPI (TS 33.501 §6.1.3.2 step 12).</summary>
public sealed record AusfConfirmation(bool Success, string? Supi, byte[]? Kseaf);

/// <summary>
/// An SBI failure: HTTP status and the ProblemDetails cause (e.g. 404 USER_NOT_FOUND, 403 SERVING_NETWORK_NOT_AUTHORIZED),
/// and its detail, which says what failed (logged before the reject it leads to).
/// </summary>
public sealed record AusfProblem(int Status, string? Cause, string? Detail = null);

/// <summary>Either a value or an <see cref="AusfProblem"/>.</summary>
public readonly record struct AusfResult<T>(T? Value, AusfProblem? Problem) where T : class
{
    public bool IsOk => Problem is null && Value is not null;

    public static implicit operator AusfResult<T>(T value) => new(value, null);

    public static implicit operator AusfResult<T>(AusfProblem problem) => new(null, problem);
}

/// <summary>
/// Consumer of Nausf_UEAuthentication (style anchor #10). The AMF never awaits it inside a UE handler: the mailbox
/// loop starts the call and the reply comes back as an event carrying the transaction ID.
/// </summary>
public interface IAusfClient
{
    /// <summary>POST /ue-authentications (AuthenticationInfo) → UEAuthenticationCtx with a 5G AV.</summary>
    Task<AusfResult<AusfChallenge>> AuthenticateAsync(string supiOrSuci, string servingNetworkName, ResynchronisationInfo? resync, CancellationToken ct);

    /// <summary>PUT {5g-aka link} (ConfirmationData with RES*) → ConfirmationDataResponse.</summary>
    Task<AusfResult<AusfConfirmation>> ConfirmAsync(string confirmationUri, byte[] resStar, CancellationToken ct);

    /// <summary>POST {eap-session link} (EapSession with the UE's EAP-Response) → EapSession.</summary>
    Task<AusfResult<AusfEapResult>> EapSessionAsync(string eapSessionUri, byte[] eapResponse, CancellationToken ct);
}
