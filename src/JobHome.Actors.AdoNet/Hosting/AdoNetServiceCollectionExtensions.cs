using System.Diagnostics.Metrics;
using JobHome.Actors.AdoNet.Diagnostics;
using JobHome.Actors.AdoNet.Dialects;
using JobHome.Actors.AdoNet.Reminders;
using JobHome.Actors.AdoNet.Schema;
using JobHome.Actors.AdoNet.Storage;
using JobHome.Actors.AdoNet.Streams;
using JobHome.Actors.Reminders;
using JobHome.Actors.Storage;
using JobHome.Actors.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JobHome.Actors.AdoNet;

/// <summary>Registers the ADO.NET providers as the silo's grain storage, reminder table and stream log.</summary>
public static class AdoNetServiceCollectionExtensions
{
    /// <summary>Default name of the connection string read from configuration (<c>ConnectionStrings:JobHome</c>).</summary>
    public const string DefaultConnectionStringName = "JobHome";

    /// <summary>Uses one SQLite file (WAL mode) for state, reminders and streams, e.g. <c>Data Source=data/jobhome.db</c>.</summary>
    public static IServiceCollection AddJobHomeSqliteStorage(this IServiceCollection services, string connectionString, Action<AdoNetStorageOptions>? configure = null) =>
        services.AddAdoNetStorage(connectionString, configure, static o => new SqliteDialect(o));

    /// <summary>Uses SQLite with the connection string <c>ConnectionStrings:&lt;name&gt;</c> of <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddJobHomeSqliteStorage(this IServiceCollection services, IConfiguration configuration, string name = DefaultConnectionStringName, Action<AdoNetStorageOptions>? configure = null) =>
        services.AddJobHomeSqliteStorage(ReadConnectionString(configuration, name), configure);

    /// <summary>Uses PostgreSQL (Npgsql) for state, reminders and streams, e.g. <c>Host=db;Database=jobhome;Username=jobhome;Password=…</c>.</summary>
    public static IServiceCollection AddJobHomePostgresStorage(this IServiceCollection services, string connectionString, Action<AdoNetStorageOptions>? configure = null) =>
        services.AddAdoNetStorage(connectionString, configure, static o => new PostgresDialect(o));

    /// <summary>Uses PostgreSQL with the connection string <c>ConnectionStrings:&lt;name&gt;</c> of <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddJobHomePostgresStorage(this IServiceCollection services, IConfiguration configuration, string name = DefaultConnectionStringName, Action<AdoNetStorageOptions>? configure = null) =>
        services.AddJobHomePostgresStorage(ReadConnectionString(configuration, name), configure);

    private static string ReadConnectionString(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration.GetConnectionString(name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new AdoNetStorageException($"Connection string 'ConnectionStrings:{name}' is missing from configuration.")
            : value;
    }

    private static IServiceCollection AddAdoNetStorage(
        this IServiceCollection services,
        string connectionString,
        Action<AdoNetStorageOptions>? configure,
        Func<AdoNetStorageOptions, AdoNetDialect> createDialect)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionString);
        var options = new AdoNetStorageOptions { ConnectionString = connectionString };
        configure?.Invoke(options);

        // The dialect is created on first resolution (at start), so a bad connection string fails the start with its message.
        services.AddSingleton(sp => new AdoNetStore(
            createDialect(options),
            new AdoNetStorageMetrics(sp.GetService<IMeterFactory>()),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));

        // These replace whatever default (e.g. in-memory) provider was registered before.
        services.RemoveAll<IGrainStorage>();
        services.RemoveAll<IReminderTable>();
        services.RemoveAll<IStreamLog>();
        services.AddSingleton<IGrainStorage>(sp => new AdoNetGrainStorage(sp.GetRequiredService<AdoNetStore>(), Logger<AdoNetGrainStorage>(sp)));
        services.AddSingleton<IReminderTable>(sp => new AdoNetReminderTable(sp.GetRequiredService<AdoNetStore>()));
        services.AddSingleton<IStreamLog>(sp => new AdoNetStreamLog(sp.GetRequiredService<AdoNetStore>(), Logger<AdoNetStreamLog>(sp)));
        services.AddSingleton<AdoNetStorageInitializer>(sp => new AdoNetStorageInitializer(sp.GetRequiredService<AdoNetStore>(), Logger<AdoNetStorageInitializer>(sp)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStorageInitializer, AdoNetStorageInitializer>(sp => sp.GetRequiredService<AdoNetStorageInitializer>()));
        return services;
    }

    private static ILogger<T> Logger<T>(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger<T>() ?? NullLogger<T>.Instance;
}
