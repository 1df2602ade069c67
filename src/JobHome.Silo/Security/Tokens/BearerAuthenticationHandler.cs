using System.Text.Encodings.Web;
using JobHome.Silo.Security.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace JobHome.Silo.Security.Tokens;

/// <summary>What the bearer scheme requires of the silo's tokens (issuer, audience, signing keys, lifetime).</summary>
public sealed class BearerAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The validation parameters; used as they are, never changed per request.</summary>
    public TokenValidationParameters TokenValidationParameters { get; set; } = new();
}

/// <summary>
/// The bearer scheme for the silo's own tokens, in place of ASP.NET Core's JWT bearer handler and with the same checks:
/// the token comes from the <c>Authorization: Bearer</c> header or, without that header, from the sign-in cookie; its
/// signature, issuer, audience, algorithm and lifetime are validated by the JSON web token handler, remembered per token for
/// at most <see cref="SecurityOptions.TokenCheckCacheDuration"/> and never past its expiry (<see cref="ValidatedTokenCache"/>);
/// then, on every request, the account must still accept it (<see cref="TokenAcceptanceCache"/>: disabled accounts, changed
/// passwords and signed-out tokens are refused). What it leaves out is work per request that changed nothing: the copy of
/// the validation parameters, the copy of the identity and its claims, the token's text cut out of the header on every
/// request, and the claim lookups of the validated-token event. A remembered token's principal is shared by its requests
/// and cannot be changed (<see cref="BearerPrincipal"/>).
/// </summary>
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<BearerAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ValidatedTokenCache tokens,
    TokenAcceptanceCache accounts)
    : AuthenticationHandler<BearerAuthenticationOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name (the default scheme; the name ASP.NET Core's JWT bearer handler had).</summary>
    public const string SchemeName = "Bearer";

    private const string Prefix = "Bearer ";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = TokenOf(Context);
        if (token.IsEmpty)
        {
            return AuthenticateResult.NoResult();
        }
        var (validated, error) = await tokens.ValidateAsync(token, Options.TokenValidationParameters);
        if (validated is null)
        {
            return AuthenticateResult.Fail(error ?? new SecurityTokenValidationException("The token is not valid."));
        }
        // Disabled accounts and changed passwords revoke tokens (the stamp must still be the account's), and a signed-out
        // token (its id) is refused until it expires: at once on this silo, within TokenCheckCacheDuration on others.
        if (validated.Stamp is null || validated.Name is null)
        {
            return AuthenticateResult.Fail("The token lacks its account claims.");
        }
        if (!validated.Stamp.StartsWith(OidcSignIn.StampPrefix, StringComparison.Ordinal)
            && (string.IsNullOrEmpty(validated.TokenId) || !await accounts.AcceptsAsync(validated.Name, validated.Stamp, validated.TokenId)))
        {
            return AuthenticateResult.Fail("The account is disabled, its password changed or the token was signed out.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(validated.Principal, Scheme.Name));
    }

    // The bearer header's token (as ASP.NET Core's handler reads it: "Bearer " in any case, then trimmed), or without an
    // Authorization header the sign-in cookie's; empty when there is none. A slice of the header, not a new string.
    private static ReadOnlyMemory<char> TokenOf(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization;
        if (StringValues.IsNullOrEmpty(authorization))
        {
            if (context.Request.Cookies.TryGetValue(SessionCookies.AuthCookie, out var cookie) && cookie.Length > 0)
            {
                context.Items[ApiAccessMiddleware.ViaCookieItem] = true;
                return cookie.AsMemory();
            }
            return default;
        }
        var header = authorization.ToString();
        return header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? header.AsMemory(Prefix.Length).Trim() : default;
    }
}
