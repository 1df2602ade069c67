using JobHome.Grains.Matching;
using JobHome.Matching.Scoring;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JobHome.Silo.Hosting;

/// <summary>The matching model of this silo: <c>GET /api/matching/model</c>, and its registration.</summary>
public static class ModelEndpoints
{
    /// <summary>
    /// Registers the model catalogue's file watcher from <c>JobHome:Matching</c> (<see cref="ModelReloadOptions"/>);
    /// throws <see cref="InvalidOperationException"/> naming the key when the poll interval is outside 1 s – 1 h.
    /// </summary>
    public static IServiceCollection AddJobHomeModelReload(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(ModelReloadOptions.SectionName).Get<ModelReloadOptions>() ?? new ModelReloadOptions();
        if (options.PollInterval < TimeSpan.FromSeconds(1) || options.PollInterval > TimeSpan.FromHours(1))
        {
            throw new InvalidOperationException(
                $"{ModelReloadOptions.SectionName}:PollInterval = {options.PollInterval}: must be from 00:00:01 to 01:00:00 (模型检查间隔)");
        }
        return services.AddJobHomeModelReload(options);
    }

    /// <summary>Registers the catalogue and the watcher with <paramref name="options"/>.</summary>
    public static IServiceCollection AddJobHomeModelReload(this IServiceCollection services, ModelReloadOptions options)
    {
        services.AddSingleton(options);
        services.TryAddSingleton<ModelCatalog>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ModelFileWatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<ModelFileWatcher>());
        return services;
    }

    /// <summary>Maps <c>GET /api/matching/model</c>: the version, stages and weights in use on this silo, and the file's last problem.</summary>
    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/api/matching/model", (ModelCatalog catalog, ModelFileWatcher watcher) =>
            {
                var model = catalog.Current;
                var weights = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var factor in Enum.GetValues<Factor>())
                {
                    weights[FactorNames.Token(factor)] = model.Linear.Weight(factor);
                }
                return Results.Ok(new ModelResponse(model.Version, model.Reranker is not null, weights, catalog.LoadedAt,
                    watcher.ModelPath is { } path ? Path.GetFileName(path) : null, watcher.LastCheckedAt, watcher.LastError));
            })
            .WithName("GetMatchingModel")
            .WithSummary("The matching model in use on this silo (匹配模型): version, stages, linear weights, the file's last problem.")
            .Produces<ModelResponse>();
        return endpoints;
    }

    /// <summary>The body of <c>GET /api/matching/model</c>.</summary>
    /// <param name="Version"><c>sha256:</c> + 12 hex digits of the file, or <c>default</c>.</param>
    /// <param name="Reranker">True when a re-ranker orders the seekers' post lists.</param>
    /// <param name="Weights">The linear stage's weights by factor token.</param>
    /// <param name="LoadedAt">When the model was loaded (null for the built-in weights).</param>
    /// <param name="File">The configured file's name (null when none).</param>
    /// <param name="CheckedAt">When the file was last looked at.</param>
    /// <param name="Error">The file's last problem, if its latest version could not be used.</param>
    public sealed record ModelResponse(string Version, bool Reranker, IReadOnlyDictionary<string, double> Weights,
        DateTimeOffset? LoadedAt, string? File, DateTimeOffset? CheckedAt, string? Error);
}
