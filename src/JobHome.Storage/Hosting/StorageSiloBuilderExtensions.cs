using JobHome.Storage.Postgres;
using JobHome.Storage.Postgres.Streams;
using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.Streams;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace JobHome.Storage.Hosting;

/// <summary>Registers JobHome's durable providers on an Orleans silo.</summary>
public static class StorageSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant under which Orleans finds Npgsql's factory.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>
    /// Adds grain storage (<see cref="StorageNames.Default"/>, <see cref="StorageNames.PubSub"/>), reminders and the
    /// durable stream provider <see cref="StorageNames.Streams"/> on the store the options name.
    /// </summary>
    public static ISiloBuilder AddJobHomeStorage(this ISiloBuilder builder, JobHomeStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Kind == StorageKind.Embedded)
        {
            builder.Services.AddSingleton(options);
            return builder.AddJobHomeSqlite(new SqliteStoreOptions { Path = options.EmbeddedPath },
                new SqliteStreamOptions { DeliveryBatchSize = options.StreamDeliveryBatchSize });
        }

        AddPostgres(builder, options, PostgresConnectionDefaults.Apply(options.ConnectionString
            ?? throw new ArgumentException("A PostgreSQL store needs ConnectionString (ConnectionStrings:JobHome).", nameof(options))));
        builder.Services.AddSingleton(options);
        return builder;
    }

    // Every provider reads its statements from OrleansQuery once at start; StorageStartup.PrepareAsync must have
    // applied (or checked) the schema before the silo starts.
    private static void AddPostgres(ISiloBuilder builder, JobHomeStorageOptions options, string connectionString)
    {
        builder.UseAdoNetClustering(o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        builder.AddAdoNetGrainStorage(StorageNames.Default, o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        builder.AddAdoNetGrainStorage(StorageNames.PubSub, o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        builder.UseAdoNetReminderService(o =>
        {
            o.Invariant = PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        builder.AddAdoNetStreams(StorageNames.Streams, (SiloAdoNetStreamConfigurator streams) =>
        {
            streams.ConfigureAdoNet(adoNet => adoNet.Configure(o =>
            {
                o.Invariant = PostgresInvariant;
                o.ConnectionString = connectionString;
                o.VisibilityTimeout = options.StreamVisibilityTimeout;
                o.MaxAttempts = options.StreamMaxAttempts;
            }));
            streams.ConfigurePullingAgent(agent => agent.Configure(o =>
            {
                o.MaxEventDeliveryTime = options.StreamMaxDeliveryTime;
                o.BatchContainerBatchSize = options.StreamDeliveryBatchSize;
                o.GetQueueMsgsTimerPeriod = options.StreamWakeUp.PollInterval;
            }));
            streams.ConfigurePartitioning(options.StreamPartitions);
            streams.ConfigureCache(options.StreamCacheSize);
        });
        // Receivers wait for the enqueue's NOTIFY instead of polling every agent tick (schema 0008).
        builder.Services.WakeStreamsByNotify(StorageNames.Streams, connectionString, options.StreamWakeUp);
    }
}
