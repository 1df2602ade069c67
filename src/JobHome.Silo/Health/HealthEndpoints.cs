using System.Text.Json;
using JobHome.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JobHome.Silo.Health;

/// <summary>Registers and maps <c>/health/live</c> and <c>/health/ready</c>.</summary>
internal static class HealthEndpoints
{
    /// <summary>Tag of the checks <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Path of the liveness probe: 200 while the process serves HTTP.</summary>
    public const string LivePath = "/health/live";

    /// <summary>Path of the readiness probe: 200 when the silo is active and the store reachable, else 503.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>Adds the readiness checks on the silo's lifecycle and on the store <paramref name="storage"/> names.</summary>
    public static IServiceCollection AddJobHomeHealthChecks(this IServiceCollection services, JobHomeStorageOptions storage)
    {
        services.AddSingleton(new DatabaseHealthCheck(storage));
        services.AddSingleton<SiloActiveHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<SiloActiveHealthCheck>("silo", tags: [ReadyTag])
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Maps both probes.</summary>
    public static void MapJobHomeHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        // Liveness runs no check: a process that answers HTTP is alive; restarting it for a database outage would not help.
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJsonAsync });
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(ReadyTag),
            ResponseWriter = WriteJsonAsync,
        });
    }

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new Dictionary<string, object>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new Dictionary<string, string?>
                {
                    ["status"] = entry.Value.Status.ToString(),
                    ["description"] = entry.Value.Description,
                }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}
