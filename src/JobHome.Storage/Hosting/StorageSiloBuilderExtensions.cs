using JobHome.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace JobHome.Storage.Hosting;

/// <summary>Registers JobHome's durable providers on an Orleans silo.</summary>
public static class StorageSiloBuilderExtensions
{
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
            return builder.AddJobHomeSqlite(new SqliteStoreOptions { Path = options.EmbeddedPath });
        }

        // PLACEHOLDER until the SQLite and PostgreSQL providers land: in-memory providers with the final names.
        builder.AddMemoryGrainStorage(StorageNames.Default);
        builder.AddMemoryGrainStorage(StorageNames.PubSub);
        builder.UseInMemoryReminderService();
        builder.AddMemoryStreams(StorageNames.Streams);
        builder.Services.AddSingleton(options);
        return builder;
    }
}
