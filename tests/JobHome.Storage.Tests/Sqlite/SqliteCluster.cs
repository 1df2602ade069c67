using JobHome.Storage.Hosting;
using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.Streams;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>Starts a one-silo in-process cluster on an embedded file; a "restart" is a new cluster on the same file.</summary>
internal static class SqliteCluster
{
    /// <summary>Through the production registration (<c>AddJobHomeStorage</c>, embedded).</summary>
    public static Task<InProcessTestCluster> StartAsync(SqliteTestFile file) =>
        StartAsync(silo => silo.AddJobHomeStorage(new JobHomeStorageOptions { DataDirectory = file.Directory }));

    /// <summary>With explicit stream options (e.g. a short delivery time for poison tests).</summary>
    public static Task<InProcessTestCluster> StartAsync(SqliteTestFile file, SqliteStreamOptions streams) =>
        StartAsync(silo => silo.AddJobHomeSqlite(new SqliteStoreOptions { Path = file.Path }, streams));

    /// <summary>With explicit stream options and more silo configuration (e.g. a short response timeout).</summary>
    public static Task<InProcessTestCluster> StartAsync(SqliteTestFile file, SqliteStreamOptions streams, Action<ISiloBuilder> more) =>
        StartAsync(silo =>
        {
            silo.AddJobHomeSqlite(new SqliteStoreOptions { Path = file.Path }, streams);
            more(silo);
        });

    public static async Task StopAsync(InProcessTestCluster cluster)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }

    private static async Task<InProcessTestCluster> StartAsync(Action<ISiloBuilder> configure)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            configure(silo);
            silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
