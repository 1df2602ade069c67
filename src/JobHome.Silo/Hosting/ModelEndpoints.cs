using JobHome.Grains.Matching;
using JobHome.Matching.Congestion;
using JobHome.Matching.Scoring;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace JobHome.Silo.Hosting;

/// <summary>The matching model of this silo: <c>GET /api/matching/model</c>, and its registration.</summary>
public static class ModelEndpoints
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>
    /// Registers the model catalogue's file watcher from <c>JobHome:Matching</c> (<see cref="ModelReloadOptions"/>) and the
    /// list kind (<c>Lists</c>: aware or plain) with the price interval (<c>PriceInterval</c>) of <see cref="AwareListOptions"/>.
    /// </summary>
    public static IServiceCollection AddJobHomeModelReload(this IServiceCollection services, IConfiguration configuration)
    {
        var (options, lists) = ReadSettings(configuration);
        services.AddSingleton(lists);
        return services.AddJobHomeModelReload(options);
    }

    /// <summary>
    /// Reads <c>JobHome:Matching</c>; throws <see cref="SiloConfigurationException"/> with one message per bad value naming
    /// the key, the value and the rule.
    /// </summary>
    internal static (ModelReloadOptions Options, AwareListOptions Lists) ReadSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ModelReloadOptions.SectionName);
        var errors = new List<string>();
        var reader = new SettingReader(section, errors);
        var defaults = new AwareListOptions();
        var poll = reader.Duration("PollInterval", new ModelReloadOptions().PollInterval, Second, Hour, "模型检查间隔");
        var prices = reader.Duration(nameof(defaults.PriceInterval), defaults.PriceInterval, Second, Hour, "岗位竞争价更新间隔");
        // SettingReader has no reader for a choice of words; the one choice here stays written out.
        var listsText = section["Lists"] ?? "aware";
        var lists = PostListKind.Aware;
        if (string.Equals(listsText, "plain", StringComparison.OrdinalIgnoreCase))
        {
            lists = PostListKind.Plain;
        }
        else if (!string.Equals(listsText, "aware", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{ModelReloadOptions.SectionName}:Lists = '{listsText}': must be aware or plain "
                + "(推荐列表类型: aware 竞争感知 / plain 按得分).");
        }
        var sample = reader.Whole(nameof(defaults.PricingSample), defaults.PricingSample, 1, int.MaxValue, "定价样本人数");
        var atOnce = reader.Whole(nameof(defaults.PricingsAtOnce), defaults.PricingsAtOnce, 1, 64, "同时定价分区数");
        var path = section["ModelPath"];
        if (errors.Count > 0)
        {
            throw new SiloConfigurationException(errors);
        }
        return (new ModelReloadOptions { ModelPath = string.IsNullOrWhiteSpace(path) ? null : path, PollInterval = poll },
            new AwareListOptions { Lists = lists, PriceInterval = prices, PricingSample = sample, PricingsAtOnce = atOnce });
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
                return Results.Ok(new ModelResponse(model.Version, model.Reranker is not null,
                    catalog.Lists.Lists == PostListKind.Aware ? "aware" : "plain", weights, catalog.LoadedAt,
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
    /// <param name="Lists">How the seekers' post lists are ordered: <c>aware</c> (score − congestion penalty) or <c>plain</c>.</param>
    /// <param name="Weights">The linear stage's weights by factor token.</param>
    /// <param name="LoadedAt">When the model was loaded (null for the built-in weights).</param>
    /// <param name="File">The configured file's name (null when none).</param>
    /// <param name="CheckedAt">When the file was last looked at.</param>
    /// <param name="Error">The file's last problem, if its latest version could not be used.</param>
    public sealed record ModelResponse(string Version, bool Reranker, string Lists, IReadOnlyDictionary<string, double> Weights,
        DateTimeOffset? LoadedAt, string? File, DateTimeOffset? CheckedAt, string? Error);
}
