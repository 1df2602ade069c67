using JobHome.Silo.Api.Alerts;
using JobHome.Silo.Api.Audit;
using JobHome.Silo.Api.Auth;
using JobHome.Silo.Api.Dashboard;
using JobHome.Silo.Api.Employers;
using JobHome.Silo.Api.Fairs;
using JobHome.Silo.Api.Households;
using JobHome.Silo.Api.Import;
using JobHome.Silo.Api.Indicators;
using JobHome.Silo.Api.Placements;
using JobHome.Silo.Api.Posts;
using JobHome.Silo.Api.Seekers;
using JobHome.Silo.Api.Sites;
using JobHome.Silo.Api.Users;
using JobHome.Silo.Dashboard;
using Scalar.AspNetCore;

namespace JobHome.Silo.Api;

/// <summary>The HTTP API under <c>/api</c>, its OpenAPI document and its reference page.</summary>
internal static class ApiEndpoints
{
    /// <summary>Path of the OpenAPI document.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>Path of the API reference page (Scalar).</summary>
    public const string ReferencePath = "/api-docs";

    /// <summary>Adds what the API needs: JSON options, OpenAPI, problem details and binder failures as exceptions.</summary>
    public static void AddJobHomeApi(this IServiceCollection services)
    {
        // The document describes the JobHome API only, not the Orleans Dashboard's internal endpoints.
        services.AddOpenApi(options => options.ShouldInclude = description =>
            description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        services.AddProblemDetails();
        // The change endpoints' types from source-generated metadata (no reflection per request); the rest as before.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJson.Default));
        services.AddSingleton<ImportService>();
        services.AddSingleton<BulkImportService>();
        services.AddOptions<BulkImportOptions>().BindConfiguration("JobHome:Import");
        // Binding failures throw, so MalformedRequestMiddleware can answer them with the field named.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddJobHomeFairs();
    }

    /// <summary>Maps every API area, the OpenAPI document and the reference page.</summary>
    public static void MapJobHomeApi(this WebApplication app)
    {
        app.UseMiddleware<MalformedRequestMiddleware>();
        app.MapOpenApi(OpenApiPath);
        app.MapScalarApiReference(ReferencePath, options => options.WithOpenApiRoutePattern(OpenApiPath).WithTitle("JobHome API"));

        var api = app.MapGroup("/api")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapAuthEndpoints();
        api.MapUserEndpoints();
        api.MapAuditEndpoints();
        api.MapSiteEndpoints();
        api.MapAlertEndpoints();
        api.MapSeekerEndpoints();
        api.MapEmployerEndpoints();
        api.MapPostEndpoints();
        api.MapHouseholdEndpoints();
        api.MapPlacementEndpoints();
        api.MapIndicatorEndpoints();
        api.MapRecountEndpoints();
        api.MapImportEndpoints();
        api.MapDashboardEndpoints();
        api.MapFairEndpoints();
        app.MapMatchingEndpoints();
        // The operators' dashboard at /: GET/HEAD requests that no endpoint above matched.
        app.UseJobHomeDashboard();
    }
}
