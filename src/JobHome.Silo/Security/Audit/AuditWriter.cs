using System.Text.Json;
using JobHome.Silo.Security.Access;

namespace JobHome.Silo.Security.Audit;

/// <summary>Builds and appends the audit record of a request: who, when, from where, what, which record, why, and the outcome.</summary>
public sealed class AuditWriter(IAuditLog log, SiteScope scope, TimeProvider time, ILogger<AuditWriter> logger)
{
    /// <summary>Header carrying the reason of a change (also read from a body field or query parameter <c>reason</c>).</summary>
    public const string ReasonHeader = "X-JobHome-Reason";

    private const int MaxReasonLength = 500;

    private static readonly string[] RouteIdNames = ["id", "code", "creditCode", "username"];

    /// <summary>Appends a record; throws when the store refuses (callers that must audit first rely on that).</summary>
    public async Task<AuditRecord> AppendAsync(Caller caller, string address, string action, string targetId, string? siteCode,
        string? reason,
        int status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var record = new AuditRecord(0, time.GetUtcNow(), caller.Username, caller.Role, address, action, targetId, siteCode,
            await scope.PathTextAsync(siteCode), Truncate(reason), status, string.Empty);
        return await log.AppendAsync(record, cancellationToken);
    }

    /// <summary>
    /// Audits a finished write request as <paramref name="action"/> (<c>POST /api/seekers</c>); a failure is logged (the write
    /// has happened) and does not change the answer.
    /// </summary>
    internal async Task WriteAsync(HttpContext context, Caller caller, string action, IReadOnlyList<Target> targets, byte[]? body,
        int status)
    {
        try
        {
            var route = context.Request.RouteValues;
            var targetId = RouteId(route) ?? LocationId(context) ?? (targets.Count > 0 ? targets[0].Value : null) ?? string.Empty;
            string? site = null;
            for (var i = 0; i < targets.Count && site is null; i++)
            {
                site = targets[i].SiteCode;
            }
            var reason = context.Request.Headers[ReasonHeader].ToString() is { Length: > 0 } header ? header
                : BodyReason(body) ?? (context.Request.Query.TryGetValue("reason", out var query) ? query.ToString() : null);
            await AppendAsync(caller, Address(context), action, targetId, site, reason, status, CancellationToken.None);
        }
        catch (Exception e)
        {
            SecurityLog.AuditFailed(logger, e.GetType().Name);
        }
    }

    /// <summary>The client address as the server saw it.</summary>
    public static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string? RouteId(RouteValueDictionary route)
    {
        foreach (var name in RouteIdNames)
        {
            if (route.TryGetValue(name, out var value) && value is string { Length: > 0 } id)
            {
                return id;
            }
        }
        return null;
    }

    private static string? LocationId(HttpContext context)
    {
        var location = context.Response.Headers.Location.ToString().TrimEnd('/');
        return location.Length == 0 ? null : location[(location.LastIndexOf('/') + 1)..];
    }

    // The top-level "reason" string of a JSON body, read without building a document (every audited write passes here).
    private static string? BodyReason(byte[]? body)
    {
        if (body is not { Length: > 0 })
        {
            return null;
        }
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isReason = reader.ValueTextEquals("reason"u8);
                if (!reader.Read())
                {
                    return null;
                }
                if (isReason && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }
                reader.Skip();
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Truncate(string? reason) =>
        reason is null ? null : reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength];
}
