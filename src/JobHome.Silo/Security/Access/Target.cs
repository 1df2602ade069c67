namespace JobHome.Silo.Security.Access;

/// <summary>A record a request names (by route, query or body field) and the site it belongs to (null: unknown record).</summary>
internal sealed record Target(string Field, string Value, string? SiteCode);
