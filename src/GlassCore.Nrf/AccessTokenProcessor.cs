// TS 29.510 §5.4.2.2 Nnrf_AccessToken Get (TS 33.501 §13.4.1.2): the NRF checks that the consumer is registered
// and may ask for the scope, then issues an ES256 JWT whose audience is the producer's NF type or instance.
using GlassCore.Sbi;
using GlassCore.Sbi.Models;
using GlassCore.Sbi.Security;

namespace GlassCore.Nrf;

public sealed class AccessTokenProcessor(NfInstanceStore store, AccessTokenIssuer issuer, NrfOptions options)
{
    /// <summary>The NF type whose services carry each API name prefix (TS 29.510 ServiceName values).</summary>
    private static readonly (string Prefix, string NfType)[] s_serviceOwners =
    [
        ("nnrf-", NfTypes.Nrf), ("nudm-", NfTypes.Udm), ("nudr-", NfTypes.Udr), ("nausf-", NfTypes.Ausf),
        ("namf-", NfTypes.Amf), ("nsmf-", NfTypes.Smf), ("npcf-", "PCF"), ("nnssf-", "NSSF"), ("nchf-", "CHF"),
    ];

    /// <summary>On failure the ProblemDetails' cause carries the RFC 6749 error code for AccessTokenErr.</summary>
    public Result<AccessTokenRsp> Issue(AccessTokenReq req)
    {
        if (req.GrantType != "client_credentials")
        {
            return Problems.Make(400, "unsupported_grant_type", "grant_type must be client_credentials");
        }
        if (!store.TryGet(req.NfInstanceId, out NfInstanceStore.Entry consumer))
        {
            return Problems.Make(400, "invalid_client", "consumer " + req.NfInstanceId + " is not registered");
        }
        if (req.NfType is not null && req.NfType != consumer.Profile.NfType)
        {
            return Problems.Make(400, "invalid_client", "nfType does not match the registered profile");
        }
        string[] scopes = req.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? audience = req.TargetNfType ?? req.TargetNfInstanceId;
        if (audience is null || scopes.Length == 0)
        {
            return Problems.Make(400, "invalid_request", "targetNfType or targetNfInstanceId, and scope, are required");
        }
        string? targetType = req.TargetNfType;
        if (targetType is null && store.TryGet(req.TargetNfInstanceId!, out NfInstanceStore.Entry target))
        {
            targetType = target.Profile.NfType;
        }
        foreach (string scope in scopes)
        {
            string? owner = s_serviceOwners.FirstOrDefault(o => scope.StartsWith(o.Prefix, StringComparison.Ordinal)).NfType;
            if (owner is null || (targetType is not null && owner != targetType))
            {
                return Problems.Make(400, "invalid_scope", $"scope {scope} is not a service of {targetType ?? "the target"}");
            }
        }
        string token = issuer.Issue(req.NfInstanceId, audience, string.Join(' ', scopes), options.TokenLifetime);
        return Result<AccessTokenRsp>.Ok(new AccessTokenRsp
        {
            AccessToken = token,
            TokenType = "Bearer",
            ExpiresIn = (int)options.TokenLifetime.TotalSeconds,
            Scope = string.Join(' ', scopes),
        });
    }
}
