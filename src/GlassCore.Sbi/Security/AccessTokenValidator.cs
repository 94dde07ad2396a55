// TS 33.501 §13.4.1.2 and TS 29.510 §6.3.5.2.5 AccessTokenClaims: a producer checks the NRF's signature, that it is
// the audience (its NF type or instance id), that the token has not expired and that the scope names the service.
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GlassCore.Sbi.Security;

public enum TokenCheck
{
    Valid,
    /// <summary>No token, bad signature, wrong issuer or audience, expired: 401 invalid_token (RFC 6750 §3.1).</summary>
    Invalid,
    /// <summary>Valid token whose scope does not include the service: 403 insufficient_scope.</summary>
    InsufficientScope,
}

public sealed class AccessTokenValidator
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;
    private readonly TimeProvider _time;
    // Tokens are reused for their lifetime by consumers; remembering a verified token's expiry and scope
    // saves an ECDSA verification per request. Bounded: cleared when it grows past MaxCached.
    private readonly ConcurrentDictionary<string, (DateTimeOffset Exp, string[] Scopes)> _verified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Exp, string[] Scopes)>.AlternateLookup<ReadOnlySpan<char>> _verifiedBySpan;
    private const int MaxCached = 10_000;

    public AccessTokenValidator(ECDsa nrfPublicKey, string nfType, string nfInstanceId, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _verifiedBySpan = _verified.GetAlternateLookup<ReadOnlySpan<char>>();
        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new ECDsaSecurityKey(nrfPublicKey),
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidateIssuer = false, // iss is the NRF's instance id, which a producer need not know in advance
            ValidAudiences = [nfType, nfInstanceId],
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(5),
            LifetimeValidator = (notBefore, expires, _, _) => expires is DateTime e && e > _time.GetUtcNow().UtcDateTime,
        };
    }

    public async ValueTask<TokenCheck> CheckAsync(string? authorizationHeader, string requiredScope)
    {
        if (authorizationHeader is null || !authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return TokenCheck.Invalid;
        }
        // Looked up without cutting the token out of the header: a known token costs no allocation.
        ReadOnlySpan<char> span = authorizationHeader.AsSpan(7).Trim();
        DateTimeOffset now = _time.GetUtcNow();
        if (_verifiedBySpan.TryGetValue(span, out var seen))
        {
            if (seen.Exp <= now)
            {
                _verifiedBySpan.TryRemove(span, out _);
                return TokenCheck.Invalid;
            }
            return HasScope(seen.Scopes, requiredScope) ? TokenCheck.Valid : TokenCheck.InsufficientScope;
        }
        string token = span.ToString();
        TokenValidationResult result = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return TokenCheck.Invalid;
        }
        string[] scopes = jwt.TryGetPayloadValue("scope", out string scope) ? scope.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (_verified.Count > MaxCached)
        {
            _verified.Clear();
        }
        _verified[token] = (new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), scopes);
        return HasScope(scopes, requiredScope) ? TokenCheck.Valid : TokenCheck.InsufficientScope;
    }

    private static bool HasScope(string[] scopes, string required) => Array.IndexOf(scopes, required) >= 0;
}
