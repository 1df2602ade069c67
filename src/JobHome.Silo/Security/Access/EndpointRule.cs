using System.Collections.Concurrent;

namespace JobHome.Silo.Security.Access;

/// <summary>
/// What the access middleware and the audit need of one method on one route pattern: the rule, the area and the audit
/// action (<c>POST /api/seekers</c>). Worked out once per endpoint and method, not per request.
/// </summary>
internal sealed record EndpointRule(AccessLevel Level, string Area, string Action)
{
    private const int MaxCached = 4096;

    private static readonly ConcurrentDictionary<(string Method, string Pattern), EndpointRule> Cache = new();

    /// <summary>The rule of <paramref name="method"/> on <paramref name="pattern"/> (a route pattern under <c>/api</c>).</summary>
    public static EndpointRule Of(string method, string pattern)
    {
        if (Cache.TryGetValue((method, pattern), out var rule))
        {
            return rule;
        }
        rule = new EndpointRule(AccessRules.For(method, pattern), AccessRules.Area(pattern),
            $"{method.ToUpperInvariant()} {AccessRules.Normalize(pattern)}");
        // Route patterns are the app's own (a bounded set), methods are any token a client sends: cap the cache.
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd((method, pattern), rule);
        }
        return rule;
    }
}
