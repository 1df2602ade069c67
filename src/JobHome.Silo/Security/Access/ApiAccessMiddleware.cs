using System.Security.Cryptography;
using System.Text;
using JobHome.Domain.Validation;
using JobHome.Silo.Api;
using JobHome.Silo.Security.Audit;
using Microsoft.Extensions.Options;

namespace JobHome.Silo.Security.Access;

/// <summary>
/// Enforces <see cref="AccessRules"/> on every <c>/api</c> request and admin-only on the operator pages: 401 without
/// sign-in, 403 for a role that may not, 404 (personal records) or 403 (public records) outside the caller's subtree,
/// antiforgery on cookie-authenticated writes, the JSON limits; then passes the caller's scope to the grains and audits
/// every write.
/// </summary>
internal sealed class ApiAccessMiddleware(
    RequestDelegate next,
    IOptions<SecurityOptions> options,
    TargetResolver resolver,
    SiteScope scope,
    AuditWriter audit,
    ILogger<ApiAccessMiddleware> logger)
{
    /// <summary>Header the dashboard echoes the <c>XSRF-TOKEN</c> cookie in.</summary>
    public const string XsrfHeader = "X-XSRF-TOKEN";

    /// <summary>Item set when the request was authenticated by the sign-in cookie rather than a bearer header.</summary>
    public const string ViaCookieItem = "jobhome.via-cookie";

    /// <summary>Paths only admin may open (the Orleans Dashboard, the API reference, the OpenAPI document, metrics).</summary>
    public static readonly string[] AdminPaths = ["/orleans", "/api-docs", "/openapi", "/metrics"];

    /// <summary>Checks the request, then runs the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        var caller = Caller.From(context.User);
        if (IsAdminPath(path))
        {
            if (caller is null)
            {
                await Problems.Unauthorized(context);
                return;
            }
            if (caller.Role != Roles.Admin)
            {
                await Problems.Forbidden(context, "admin only (仅限管理员)");
                return;
            }
            await next(context);
            return;
        }
        if (!path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || HttpMethods.IsOptions(context.Request.Method))
        {
            await next(context);
            return;
        }

        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        var rule = pattern is null ? null : EndpointRule.Of(context.Request.Method, pattern);
        var level = rule?.Level ?? AccessLevel.SignedIn;
        if (level != AccessLevel.Anonymous && caller is null)
        {
            await Problems.Unauthorized(context);
            return;
        }
        if (caller is not null && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && level != AccessLevel.Anonymous && !XsrfMatches(context))
        {
            await Problems.Forbidden(context, $"a cookie-authenticated change needs the {XsrfHeader} header (防跨站请求伪造)");
            return;
        }

        byte[]? body = null;
        if (JsonBodyGuard.HasJsonBody(context.Request))
        {
            var (buffered, error, status) = await JsonBodyGuard.ReadAsync(context, options.Value);
            if (error is not null)
            {
                SecurityLog.BodyRefused(logger, pattern ?? "(no route)", error.Field, error.Problem);
                await Problems.Write(context, status, ApiResults.InvalidType, "The request has invalid fields.", error);
                return;
            }
            body = buffered;
        }

        if (caller is null || rule is null)
        {
            await next(context);
            return;
        }
        if (!Allowed(caller.Role, level))
        {
            await Problems.Forbidden(context, $"the role {caller.Role} may not do this ({Describe(level)})");
            return;
        }

        var area = rule.Area;
        // Public information (sites, employers, posts, indicators) is readable by every signed-in account: no scope.
        var scoped = level is not (AccessLevel.Admin or AccessLevel.Self or AccessLevel.SignedIn or AccessLevel.Anonymous);
        var targets = scoped || !HttpMethods.IsGet(context.Request.Method) ? await resolver.ResolveAsync(context, area, body) : [];
        if (!caller.IsNetworkWide)
        {
            foreach (var target in targets.Where(t => scoped && t.SiteCode is not null))
            {
                if (await scope.ContainsAsync(caller.SiteCode, target.SiteCode!) != false)
                {
                    continue;
                }
                if (level is AccessLevel.PublicWrite)
                {
                    await Problems.Forbidden(context, $"{target.Field} {target.Value} is outside your scope (管辖范围)");
                }
                else
                {
                    // Outside the subtree a personal record is answered as unknown: its existence is not confirmed.
                    await ApiResults.NotFound(target.Field, target.Value).ExecuteAsync(context);
                }
                return;
            }
            // The grains' entry check (ScopeGrainCallFilter) needs the account and role only with a scope (to audit a
            // duplicate ID outside it); a network-wide caller's calls carry no request context at all, since Orleans copies
            // a non-empty one into every message and stream event of the call chain.
            Orleans.Runtime.RequestContext.Set(ScopeGrainCallFilter.ScopeKey, caller.SiteCode!);
            Orleans.Runtime.RequestContext.Set(ScopeGrainCallFilter.UserKey, caller.Username);
            Orleans.Runtime.RequestContext.Set(ScopeGrainCallFilter.RoleKey, caller.Role);
        }

        var status500 = true;
        try
        {
            await next(context);
            status500 = false;
        }
        finally
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && level != AccessLevel.Reveal)
            {
                await audit.WriteAsync(context, caller, rule.Action, targets, body, status500 ? 500 : context.Response.StatusCode);
            }
        }
    }

    private static bool IsAdminPath(PathString path)
    {
        foreach (var prefix in AdminPaths)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Allowed(string role, AccessLevel level) => level switch
    {
        AccessLevel.Anonymous or AccessLevel.SignedIn or AccessLevel.Self or AccessLevel.PersonalRead => true,
        AccessLevel.Admin => role == Roles.Admin,
        AccessLevel.PersonalWrite or AccessLevel.PublicWrite => Roles.CanWrite(role),
        AccessLevel.FairRun => Roles.CanRunFairs(role),
        AccessLevel.Reveal => Roles.CanReveal(role),
        AccessLevel.AuditRead => Roles.CanReadAudit(role),
        _ => false,
    };

    private static string Describe(AccessLevel level) => level switch
    {
        AccessLevel.Admin => "accounts and keys are for admin",
        AccessLevel.PersonalWrite or AccessLevel.PublicWrite => "changes are for operators and admin",
        AccessLevel.FairRun => "fairs are run by operators and fair organisers",
        AccessLevel.Reveal => "revealing an ID number is for site and township operators",
        AccessLevel.AuditRead => "the audit log is for auditors and admin",
        _ => level.ToString(),
    };

    private static bool XsrfMatches(HttpContext context)
    {
        if (!context.Items.ContainsKey(ViaCookieItem))
        {
            return true; // bearer tokens are not sent by browsers on their own
        }
        var expected = context.User.FindFirst(Caller.XsrfClaim)?.Value;
        var sent = context.Request.Headers[XsrfHeader].ToString();
        return !string.IsNullOrEmpty(expected) && sent.Length > 0
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(sent));
    }
}
