using Microsoft.Net.Http.Headers;

namespace JobHome.Silo.Dashboard;

/// <summary>
/// Serves the operators' dashboard (web/, see docs/dashboard.md) at <c>/</c>: the bundled files, and
/// <c>index.html</c> for every other GET outside the API and the operator endpoints (client routes such as
/// <c>/site/360722</c>), with the security headers of the sign-in contract (CSP without inline scripts or styles).
/// </summary>
/// <remarks>
/// A middleware that answers only GET/HEAD requests no endpoint matched, rather than a catch-all route: a route would
/// take part in endpoint matching and turn an unknown <c>PUT /api/…</c> into 405 instead of 404.
/// </remarks>
internal static class DashboardPageEndpoints
{
    /// <summary>Content-Security-Policy of the dashboard's responses.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>Path prefixes that never fall back to the page: a miss there is a real 404.</summary>
    private static readonly string[] ReservedPrefixes = ["/api", "/openapi", "/api-docs", "/orleans", "/health", "/metrics", "/assets"];

    /// <summary>Adds the middleware that serves <c>/</c>, the bundle's files and the client-route fallback.</summary>
    public static void UseJobHomeDashboard(this WebApplication app)
    {
        var assets = DashboardAssets.Load(typeof(DashboardPageEndpoints).Assembly);
        app.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            if (context.GetEndpoint() is null && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
                && TryResolve(assets, context.Request.Path.Value ?? "/", out var file))
            {
                await ServeAsync(context, file);
                return;
            }

            await next(context);
        });
    }

    /// <summary>
    /// False when <paramref name="path"/> is not the dashboard's (a 404 follows); else the file to send, null when the
    /// bundle was left out of the build.
    /// </summary>
    private static bool TryResolve(DashboardAssets assets, string path, out DashboardAsset? file)
    {
        file = path == "/" ? assets.Index : assets.Find(path);
        if (file is not null || path == "/")
        {
            return true;
        }

        // Missing files (a dot in the last segment) and reserved prefixes stay 404; every other path is a client route.
        var last = path[(path.LastIndexOf('/') + 1)..];
        if (last.Contains('.', StringComparison.Ordinal) || ReservedPrefixes.Any(p => IsUnder(path, p)))
        {
            return false;
        }

        file = assets.Index;
        return true;
    }

    private static bool IsUnder(string path, string prefix) =>
        path.Equals(prefix, StringComparison.OrdinalIgnoreCase)
        || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);

    private static async Task ServeAsync(HttpContext context, DashboardAsset? file)
    {
        if (file is null)
        {
            await Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "The dashboard was not built into this silo.",
                detail: "Build JobHome.Silo with Node.js and npm installed (the web/ bundle is embedded by its MSBuild target).")
                .ExecuteAsync(context);
            return;
        }

        var headers = context.Response.Headers;
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers[HeaderNames.ETag] = file.ETag;
        headers[HeaderNames.CacheControl] = file.Immutable ? "public, max-age=31536000, immutable" : "no-cache";
        headers[HeaderNames.Vary] = HeaderNames.AcceptEncoding;
        if (context.Request.Headers.IfNoneMatch.Contains(file.ETag))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var gzip = file.Gzip is not null
            && context.Request.Headers.AcceptEncoding.Any(v => v?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true);
        var body = gzip ? file.Gzip! : file.Content;
        if (gzip)
        {
            headers[HeaderNames.ContentEncoding] = "gzip";
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = file.ContentType;
        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}
