// TS 29.500 §5.2.7.2 application errors: HTTP status + the protocol "cause" string, as ProblemDetails.
using GlassCore.Sbi.Models;

namespace GlassCore.Sbi;

public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static ProblemDetails Make(int status, string cause, string detail, string? param = null) => new()
    {
        Status = status,
        Title = TitleOf(status),
        Cause = cause,
        Detail = detail,
        InvalidParams = param is null ? null : [new InvalidParam { Param = param, Reason = detail }],
    };

    // TS 29.500 Table 5.2.7.2-1 (protocol errors) and the per-service causes of TS 29.503/29.504/29.509/29.510.
    public static ProblemDetails InvalidMsgFormat(string detail) => Make(400, "INVALID_MSG_FORMAT", detail);
    public static ProblemDetails MandatoryIeMissing(string detail, string? param = null) => Make(400, "MANDATORY_IE_MISSING", detail, param);
    public static ProblemDetails MandatoryIeIncorrect(string detail, string? param = null) => Make(400, "MANDATORY_IE_INCORRECT", detail, param);
    public static ProblemDetails OptionalIeIncorrect(string detail, string? param = null) => Make(400, "OPTIONAL_IE_INCORRECT", detail, param);
    public static ProblemDetails InvalidQueryParam(string detail, string? param = null) => Make(400, "INVALID_QUERY_PARAM", detail, param);
    public static ProblemDetails UserNotFound(string detail) => Make(404, "USER_NOT_FOUND", detail);
    public static ProblemDetails DataNotFound(string detail) => Make(404, "DATA_NOT_FOUND", detail);
    public static ProblemDetails ContextNotFound(string detail) => Make(404, "CONTEXT_NOT_FOUND", detail);
    public static ProblemDetails ResourceUriStructureNotFound(string detail) => Make(404, "RESOURCE_URI_STRUCTURE_NOT_FOUND", detail);
    public static ProblemDetails SubscriptionNotFound(string detail) => Make(404, "SUBSCRIPTION_NOT_FOUND", detail);
    public static ProblemDetails ModificationNotAllowed(string detail) => Make(403, "MODIFICATION_NOT_ALLOWED", detail);
    public static ProblemDetails AuthenticationRejected(string detail) => Make(403, "AUTHENTICATION_REJECTED", detail);
    public static ProblemDetails ServingNetworkNotAuthorized(string detail) => Make(403, "SERVING_NETWORK_NOT_AUTHORIZED", detail);
    public static ProblemDetails AuthenticationSubscriptionNotFound(string detail) => Make(404, "AUTHENTICATION_SUBSCRIPTION_NOT_FOUND", detail);
    public static ProblemDetails UnsupportedMediaType(string detail) => Make(415, "UNSUPPORTED_MEDIA_TYPE", detail);
    public static ProblemDetails Conflict(string detail) => Make(409, "RESOURCE_CONFLICT", detail);
    public static ProblemDetails PreconditionFailed(string detail) => Make(412, "PRECONDITION_FAILED", detail);
    public static ProblemDetails SystemFailure(string detail) => Make(500, "SYSTEM_FAILURE", detail);
    public static ProblemDetails NfServiceFailure(string detail) => Make(503, "NF_SERVICE_FAILURE", detail);
    public static ProblemDetails UpstreamServerError(string detail) => Make(504, "UPSTREAM_SERVER_ERROR", detail);
    public static ProblemDetails TargetNfNotReachable(string detail) => Make(504, "TARGET_NF_NOT_REACHABLE", detail);
    public static ProblemDetails AccessTokenDenied(string detail) => Make(401, "ACCESS_TOKEN_DENIED", detail);
    public static ProblemDetails InsufficientScope(string detail) => Make(403, "ACCESS_TOKEN_DENIED", detail);

    private static string TitleOf(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        412 => "Precondition Failed",
        415 => "Unsupported Media Type",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    };
}
