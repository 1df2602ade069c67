using JobHome.Storage.Calls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Configuration.Overrides;
using Orleans.Streams;

namespace JobHome.Storage.Postgres.Streams;

/// <summary>Puts <see cref="NotifiedQueueAdapterFactory"/> around the ADO.NET stream provider <c>AddAdoNetStreams</c> registered.</summary>
internal static class NotifiedStreamRegistration
{
    /// <summary>
    /// Replaces the keyed <see cref="IQueueAdapterFactory"/> of provider <paramref name="name"/> (Orleans' ADO.NET factory,
    /// internal to its assembly) by a wrapper that creates it through the original registration, and registers the
    /// outgoing call observer (<see cref="PostgresDeliveryOutcomes"/>, once per silo) whose notes let the wrapper's
    /// failure handler take back deliveries given up unanswered.
    /// </summary>
    public static IServiceCollection WakeStreamsByNotify(
        this IServiceCollection services, string name, string connectionString, PostgresStreamWakeUpOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        var original = services.LastOrDefault(d => d.ServiceType == typeof(IQueueAdapterFactory)
                && d.IsKeyedService && Equals(d.ServiceKey, name) && d.KeyedImplementationFactory is not null)
            ?? throw new InvalidOperationException(
                $"No queue adapter factory is registered for stream provider '{name}': call AddAdoNetStreams first.");
        var create = original.KeyedImplementationFactory!;
        services.Remove(original);
        if (!services.Any(static d => d.ServiceType == typeof(PostgresDeliveryOutcomes)))
        {
            services.AddSingleton<PostgresDeliveryOutcomes>();
            services.AddOutgoingCallObserver<PostgresDeliveryOutcomes>();
        }

        services.AddKeyedSingleton<IQueueAdapterFactory>(name, (provider, key) =>
        {
            var streams = provider.GetRequiredService<IOptionsMonitor<AdoNetStreamOptions>>().Get(name);
            return new NotifiedQueueAdapterFactory(
                (IQueueAdapterFactory)create(provider, key),
                connectionString,
                options,
                provider.GetService<TimeProvider>() ?? TimeProvider.System,
                provider.GetRequiredService<ILoggerFactory>(),
                new PostgresFailureHandling(
                    provider.GetRequiredService<PostgresDeliveryOutcomes>(),
                    provider.GetProviderClusterOptions(name).Value.ServiceId,
                    streams.MaxAttempts,
                    streams.DeadLetterEvictionTimeout));
        });
        return services;
    }
}
