using JobHome.Actors;
using JobHome.Actors.Dispatch;
using JobHome.Actors.Hosting;
using JobHome.Actors.Streams;
using Microsoft.Extensions.DependencyInjection.Extensions;

#pragma warning disable IDE0130 // DI registration extensions conventionally live in the DI namespace.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the JobHome silo runtime.</summary>
public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Adds the silo: <see cref="IGrainFactory"/>, <see cref="IStreamProvider"/>, a <see cref="TimeProvider"/> (system clock
    /// unless one is registered), the metrics meter factory and the hosted service that starts it. Register grains in <paramref name="configure"/>
    /// and a storage provider separately.
    /// </summary>
    public static IServiceCollection AddJobHomeSilo(this IServiceCollection services, Action<SiloOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SiloOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics(); // IMeterFactory: each silo's meters are scoped to its container
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.TryAddSingleton<IStreamProvider>(sp => sp.GetRequiredService<GrainRuntime>().Streams);
        services.AddHostedService<SiloHostedService>();
        return services;
    }
}
