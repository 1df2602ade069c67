using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace JobHome.Silo.Security.Tokens;

/// <summary>Issues the JWTs of bearer clients and of the dashboard's sign-in cookie.</summary>
public sealed class TokenIssuer(SigningKeyRing keys, IOptions<SecurityOptions> options, TimeProvider time)
{
    /// <summary>Claim with the token's own id, by which <c>POST /api/auth/logout</c> signs it out.</summary>
    public const string TokenIdClaim = "jti";

    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>A signed token for <paramref name="caller"/>; <paramref name="xsrf"/> binds a cookie session to its XSRF value.</summary>
    public (string Token, int ExpiresIn) Issue(Caller caller, string stamp, string? xsrf)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var now = time.GetUtcNow();
        var lifetime = options.Value.TokenLifetime;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = caller.Username,
            [Caller.RoleClaim] = caller.Role,
            [Caller.StampClaim] = stamp,
            [TokenIdClaim] = Guid.NewGuid().ToString("N"),
        };
        if (caller.SiteCode is not null)
        {
            claims[Caller.SiteClaim] = caller.SiteCode;
        }
        if (xsrf is not null)
        {
            claims[Caller.XsrfClaim] = xsrf;
        }
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Claims = claims,
            Subject = new ClaimsIdentity(),
            SigningCredentials = keys.Active,
        });
        return (token, (int)lifetime.TotalSeconds);
    }
}
