using JobHome.Cluster.Tests.Support;
using Microsoft.Data.Sqlite;

namespace JobHome.Cluster.Tests.Network;

/// <summary>The stores of the network kill tests: the embedded SQLite file and PostgreSQL.</summary>
public static class NetworkStores
{
    /// <summary>A fresh embedded store in a temporary folder.</summary>
    public static Task<INetworkStore> EmbeddedAsync() =>
        Task.FromResult<INetworkStore>(new Embedded(Directory.CreateTempSubdirectory("jobhome-network-kill-").FullName));

    /// <summary>A fresh PostgreSQL database (JOBHOME_TEST_PG's server) with its own cluster id.</summary>
    public static async Task<INetworkStore> PostgresAsync() =>
        new Postgres(await TestPostgres.CreateDatabaseAsync("jobhome_network"));

    private sealed class Embedded(string folder) : INetworkStore
    {
        public IReadOnlyList<string> SiloArguments => ["--storage", "embedded", "--data", folder];

        public string? EmbeddedDatabase => Path.Combine(folder, "jobhome.db");

        public Task<TestClient> ConnectAsync(int gatewayPort, CancellationToken cancellationToken) =>
            TestClient.ConnectEmbeddedAsync(gatewayPort, cancellationToken);

        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Postgres(string connectionString) : INetworkStore
    {
        private readonly string _clusterId = $"network-{Guid.NewGuid():N}";

        public IReadOnlyList<string> SiloArguments =>
            ["--storage", "postgres", "--connection", connectionString, "--cluster-id", _clusterId];

        public string? EmbeddedDatabase => null;

        public Task<TestClient> ConnectAsync(int gatewayPort, CancellationToken cancellationToken) =>
            TestClient.ConnectPostgresAsync(connectionString, _clusterId, cancellationToken);

        public async ValueTask DisposeAsync() => await TestPostgres.DropDatabaseAsync(connectionString);
    }
}
