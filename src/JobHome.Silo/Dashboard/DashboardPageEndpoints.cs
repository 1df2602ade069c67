using Microsoft.Net.Http.Headers;

namespace JobHome.Silo.Dashboard;

/// <summary>
/// Serves the operators' dashboard (web/, see docs/dashboard.md) at <c>/</c>: the bundled files, and
/// <c>index.html</c> for every other GET outside the API and the operator endpoints (client routes such as
/// <c>/site/360722</c>), with the security headers of the sign-in contract (CSP without inline scripts or styles).
/// </summary>
internal static class DashboardPageEndpoints
{
    /// <summary>Content-Security-Policy of the dashboard's responses.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>Path prefixes that never fall back to the page: a miss there is a real 404.</summary>
    private static readonly string[] ReservedPrefixes = ["/api", "/openapi", "/api-docs", "/orleans", "/health", "/metrics", "/assets"];

    /// <summary>Maps <c>/</c>, the bundle's files and the client-route fallback.</summary>
    public static void MapJobHomeDashboard(this WebApplication app)
    {
        var assets = DashboardAssets.Load(typeof(DashboardPageEndpoints).Assembly);
        app.MapGet("/", (HttpContext context) => Serve(context, assets.Index)).ExcludeFromDescription();
        app.MapGet("/{**path}", (HttpContext context, string path) => ServePath(context, assets, "/" + path))
            .ExcludeFromDescription()
            .WithOrder(int.MaxValue);
    }

    private static IResult ServePath(HttpContext context, DashboardAssets assets, string path)
    {
        var file = assets.Find(path);
        if (file is not null)
        {
            return Serve(context, file);
        }

        // Missing files (a dot in the last segment) and reserved prefixes stay 404; every other path is a client route.
        var last = path[(path.LastIndexOf('/') + 1)..];
        if (last.Contains('.', StringComparison.Ordinal) || ReservedPrefixes.Any(p => IsUnder(path, p)))
        {
            return Results.NotFound();
        }

        return Serve(context, assets.Index);
    }

    private static bool IsUnder(string path, string prefix) =>
        path.Equals(prefix, StringComparison.OrdinalIgnoreCase)
        || path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);

    private static IResult Serve(HttpContext context, DashboardAsset? file)
    {
        if (file is null)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "The dashboard was not built into this silo.",
                detail: "Build JobHome.Silo with Node.js and npm installed (the web/ bundle is embedded by its MSBuild target).");
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
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var gzip = file.Gzip is not null
            && context.Request.Headers.AcceptEncoding.Any(v => v?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true);
        if (gzip)
        {
            headers[HeaderNames.ContentEncoding] = "gzip";
            return Results.Bytes(file.Gzip!, file.ContentType);
        }

        return Results.Bytes(file.Content, file.ContentType);
    }
}
