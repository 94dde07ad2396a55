// TS 29.510 §5.4.2.2 / TS 33.501 §13.4.1.2: the NRF's half of Nnrf_AccessToken: an ES256-signed JWT with the
// AccessTokenClaims iss, sub, aud, scope, exp.
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GlassCore.Sbi.Security;

public sealed class AccessTokenIssuer(ECDsa nrfKey, string nrfInstanceId, TimeProvider? time = null)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials = new(new ECDsaSecurityKey(nrfKey), SecurityAlgorithms.EcdsaSha256);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public string Issue(string consumerInstanceId, string audience, string scope, TimeSpan lifetime)
    {
        DateTimeOffset now = _time.GetUtcNow();
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["iss"] = nrfInstanceId,
            ["sub"] = consumerInstanceId,
            ["aud"] = audience,
            ["scope"] = scope,
            ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
        };
        return _handler.CreateToken(new SecurityTokenDescriptor { Claims = claims, SigningCredentials = _credentials });
    }
}
