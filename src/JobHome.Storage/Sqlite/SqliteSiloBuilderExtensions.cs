using JobHome.Storage.Calls;
using JobHome.Storage.Sqlite.Reminders;
using JobHome.Storage.Sqlite.State;
using JobHome.Storage.Sqlite.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace JobHome.Storage.Sqlite;

/// <summary>Registers the embedded SQLite providers (grain storage, reminders, durable streams) on one file.</summary>
public static class SqliteSiloBuilderExtensions
{
    /// <summary>
    /// Adds grain storage <see cref="StorageNames.Default"/> and <see cref="StorageNames.PubSub"/>, the reminder table and
    /// the durable stream provider <see cref="StorageNames.Streams"/>, all on the SQLite file of <paramref name="store"/>.
    /// </summary>
    public static ISiloBuilder AddJobHomeSqlite(this ISiloBuilder builder, SqliteStoreOptions store, SqliteStreamOptions? streams = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(store);
        var streamOptions = streams ?? new SqliteStreamOptions();
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(store);
        services.AddSingleton<SqliteStore>();
        services.AddSingleton(sp => new SqliteWrites(sp.GetRequiredService<SqliteStore>()));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SqliteStore>());
        // The stream provider's queues, known to the grain storage too: a record's state write carries its indicator
        // events (StreamOutbox) by inserting the provider's rows in its own transaction.
        services.AddSingleton(sp =>
        {
            var providers = new SqliteStreamProviders(
                sp.GetRequiredService<Serializer<SqliteBatchContainer>>(), sp.GetRequiredService<DeepCopier>());
            providers.Add(StorageNames.Streams, streamOptions);
            return providers;
        });

        // Tells the stream failure handler whether a given-up delivery failed in the consumer's code (dead-letter) or
        // was never answered (a timeout on a swamped silo: deliver again, no attempt counted).
        if (!services.Any(static d => d.ServiceType == typeof(SqliteDeliveryOutcomes)))
        {
            services.AddSingleton<SqliteDeliveryOutcomes>();
            services.AddOutgoingCallObserver<SqliteDeliveryOutcomes>();
        }

        services.AddGrainStorage(StorageNames.Default, SqliteGrainStorage.Create);
        services.AddGrainStorage(StorageNames.PubSub, SqliteGrainStorage.Create);

        builder.AddReminders();
        services.AddSingleton<SqliteReminderTable>();
        services.AddSingleton<IReminderTable>(sp => sp.GetRequiredService<SqliteReminderTable>());

        builder.AddPersistentStreams(
            StorageNames.Streams,
            (sp, name) => SqliteQueueAdapterFactory.Create(sp, name, streamOptions),
            configurator =>
            {
                configurator.ConfigurePullingAgent(options => options.Configure(o =>
                {
                    o.MaxEventDeliveryTime = streamOptions.MaxEventDeliveryTime;
                    o.GetQueueMsgsTimerPeriod = streamOptions.PollInterval;
                    o.BatchContainerBatchSize = streamOptions.DeliveryBatchSize;
                }));
                configurator.ConfigureStreamPubSub(Orleans.Streams.StreamPubSubType.ExplicitGrainBasedAndImplicit);
            });
        return builder;
    }
}
