namespace JobHome.Silo.Security.Access;

/// <summary>
/// The one place that says what each <c>/api</c> endpoint requires: explicit rules first, then the rules of its area
/// (first path segment). An endpoint of an unknown area needs sign-in to read and an operator to change, and any site
/// it names must lie in the caller's subtree.
/// </summary>
public static class AccessRules
{
    /// <summary>Rules of single endpoints, by <c>METHOD /route/pattern</c>.</summary>
    public static readonly IReadOnlyDictionary<string, AccessLevel> Explicit = new Dictionary<string, AccessLevel>(StringComparer.Ordinal)
    {
        ["POST /api/auth/login"] = AccessLevel.Anonymous,
        ["POST /api/auth/token"] = AccessLevel.Anonymous,
        ["POST /api/auth/logout"] = AccessLevel.Anonymous,
        ["GET /api/auth/oidc/login"] = AccessLevel.Anonymous,
        ["GET /api/auth/me"] = AccessLevel.Self,
        ["POST /api/auth/keys/rotate"] = AccessLevel.Admin,
        ["POST /api/users/me/password"] = AccessLevel.Self,
        ["POST /api/seekers/search"] = AccessLevel.PersonalRead,
        ["POST /api/seekers/{id}/reveal"] = AccessLevel.Reveal,
        ["GET /api/sites/{code}/alerts"] = AccessLevel.PersonalRead,
        ["GET /api/sites/{code}/export"] = AccessLevel.PersonalRead,
        ["GET /api/posts/{id}/candidates"] = AccessLevel.PersonalRead,
    };

    /// <summary>The requirement of <paramref name="method"/> on <paramref name="pattern"/> (a route pattern under <c>/api</c>).</summary>
    public static AccessLevel For(string method, string pattern)
    {
        var key = $"{method.ToUpperInvariant()} {Normalize(pattern)}";
        if (Explicit.TryGetValue(key, out var level))
        {
            return level;
        }
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        return Area(pattern) switch
        {
            "auth" => AccessLevel.Self,
            "users" => AccessLevel.Admin,
            "audit" => AccessLevel.AuditRead,
            "seekers" or "households" or "placements" => read ? AccessLevel.PersonalRead : AccessLevel.PersonalWrite,
            "sites" or "employers" or "posts" or "indicators" => read ? AccessLevel.SignedIn : AccessLevel.PublicWrite,
            "fairs" => read ? AccessLevel.SignedIn : AccessLevel.FairRun,
            _ => read ? AccessLevel.SignedIn : AccessLevel.PersonalWrite,
        };
    }

    /// <summary><c>api/seekers/{id}/</c> → <c>/api/seekers/{id}</c>.</summary>
    public static string Normalize(string pattern)
    {
        var trimmed = pattern.Trim('/');
        return "/" + trimmed;
    }

    /// <summary>The first segment after <c>/api</c>.</summary>
    public static string Area(string pattern)
    {
        var parts = Normalize(pattern).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 1 ? parts[1] : string.Empty;
    }
}
