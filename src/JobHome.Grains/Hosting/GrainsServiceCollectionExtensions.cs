using JobHome.Grains.Diagnostics;
using JobHome.Grains.Matching;
using JobHome.Grains.People;
using JobHome.Grains.Placements;
using JobHome.Grains.Sites;
using JobHome.Grains.Time;
using JobHome.Storage.Calls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace JobHome.Grains.Hosting;

/// <summary>Registers the services JobHome's grains need on a silo.</summary>
public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the server clock (over <paramref name="time"/>, default the system clock), the ID-card registry keys and the
    /// placement step hook (a no-op unless a test registered one first), the matching options (defaults unless
    /// registered first), the silo-wide bound on rebuild reads, the silo's caches of known sites and of sites noted by match partitions, the
    /// activations' idle ages and memory shedding (<see cref="ActivationOptions"/>, defaults unless
    /// registered first), and the grain call timings (<see cref="GrainCallTiming"/> on the server clock's time, as an incoming
    /// call filter and an outgoing call observer; <see cref="GrainCallTimingOptions"/> defaults unless registered first).
    /// </summary>
    public static IServiceCollection AddJobHomeGrains(
        this IServiceCollection services,
        ServerClockOptions? clock = null,
        IdCardKeyOptions? idCardKeys = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(new ServerClock(time ?? TimeProvider.System, clock ?? new ServerClockOptions()));
        services.TryAddSingleton(new IdCardKeys(idCardKeys ?? new IdCardKeyOptions()));
        services.TryAddSingleton<IPlacementStepHook, NoPlacementStepHook>();
        services.TryAddSingleton(new MatchingOptions());
        services.TryAddSingleton(new AwareListOptions());
        services.TryAddSingleton(new ActivationOptions());
        services.AddOptions<GrainCollectionOptions>()
            .Configure<ActivationOptions>((options, activations) => activations.Apply(options, ActivationOptions.AvailableBytes()));
        services.TryAddSingleton(new GrainCallTimingOptions());
        if (!services.Any(static d => d.ServiceType == typeof(GrainCallTiming)))
        {
            services.AddSingleton(sp => new GrainCallTiming(sp.GetRequiredService<ServerClock>().Time,
                sp.GetRequiredService<GrainCallTimingOptions>(), sp.GetRequiredService<ILogger<GrainCallTiming>>()));
            services.AddSingleton<IIncomingGrainCallFilter>(sp => sp.GetRequiredService<GrainCallTiming>());
            services.AddOutgoingCallObserver<GrainCallTiming>();
        }
        services.TryAddSingleton<ModelCatalog>();
        services.TryAddSingleton<KnownSites>();
        services.TryAddSingleton<Indicators.IndicatorStreamKeys>();
        services.TryAddSingleton<NotedMatchSites>();
        services.TryAddSingleton(sp => new RebuildReadLimiter(sp.GetRequiredService<MatchingOptions>().RebuildReadsInFlight));
        services.TryAddSingleton(sp =>
            new StaleListNotices(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<MatchingOptions>(),
                sp.GetRequiredService<ServerClock>().Time));
        return services;
    }
}
