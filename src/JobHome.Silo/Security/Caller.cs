using System.Security.Claims;

namespace JobHome.Silo.Security;

/// <summary>The signed-in account making a request: name, role and the site its scope starts at (null: whole network).</summary>
public sealed record Caller(string Username, string Role, string? SiteCode)
{
    /// <summary>Claim with the role.</summary>
    public const string RoleClaim = "role";

    /// <summary>Claim with the site code the account is bound to.</summary>
    public const string SiteClaim = "site";

    /// <summary>Claim with the account's security stamp (changes on password change and disable, revoking tokens).</summary>
    public const string StampClaim = "stamp";

    /// <summary>Claim with the value the dashboard must echo in <c>X-XSRF-TOKEN</c> on cookie-authenticated writes.</summary>
    public const string XsrfClaim = "xsrf";

    /// <summary>True for admin, whose scope is the whole network.</summary>
    public bool IsNetworkWide => Role == Roles.Admin || SiteCode is null;

    /// <summary>
    /// The caller of a signed-in principal, or null when the principal lacks the claims; a bearer token's principal
    /// answers the caller it worked out once from the same (unchangeable) claims.
    /// </summary>
    public static Caller? From(ClaimsPrincipal? principal) =>
        principal is Tokens.BearerPrincipal bearer ? bearer.Caller : FromClaims(principal);

    /// <summary>
    /// The account name of the caller <see cref="From"/> would return, without making one (null exactly when it returns
    /// null): the rate limits ask it on every request.
    /// </summary>
    public static string? NameOf(ClaimsPrincipal? principal) =>
        principal is Tokens.BearerPrincipal bearer ? bearer.Caller?.Username : NameOfClaims(principal);

    /// <summary>The caller <paramref name="principal"/>'s claims name, read from the claims.</summary>
    internal static Caller? FromClaims(ClaimsPrincipal? principal)
    {
        if (principal is null || NameOfClaims(principal) is not { } name)
        {
            return null;
        }
        var site = principal.FindFirstValue(SiteClaim);
        return new Caller(name, principal.FindFirstValue(RoleClaim)!, string.IsNullOrEmpty(site) ? null : site);
    }

    private static string? NameOfClaims(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        var name = principal.FindFirstValue("sub");
        return string.IsNullOrEmpty(name) || !Roles.IsKnown(principal.FindFirstValue(RoleClaim)) ? null : name;
    }
}
