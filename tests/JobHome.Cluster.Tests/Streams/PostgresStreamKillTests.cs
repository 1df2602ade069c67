using JobHome.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace JobHome.Cluster.Tests.Streams;

/// <summary>The stream kill guarantee on PostgreSQL (Orleans' ADO.NET stream provider on the project's schema).</summary>
public sealed class PostgresStreamKillTests(ITestOutputHelper output) : StreamKillTests(output)
{
    /// <inheritdoc />
    protected override async Task<IStreamKillStore> CreateStoreAsync() => new Store(await TestPostgres.CreateDatabaseAsync());

    private sealed class Store(string connectionString) : IStreamKillStore
    {
        private readonly string _clusterId = $"kill-{Guid.NewGuid():N}";

        public IReadOnlyList<string> SiloArguments =>
            ["--storage", "postgres", "--connection", connectionString, "--cluster-id", _clusterId];

        public Task<TestClient> ConnectAsync(int gatewayPort, CancellationToken cancellationToken) =>
            TestClient.ConnectPostgresAsync(connectionString, _clusterId, cancellationToken);

        public Task<long> CountDeadLettersAsync(CancellationToken cancellationToken) =>
            TestPostgres.ScalarAsync(connectionString, "SELECT count(*) FROM orleans_stream_dead_letter");

        public async ValueTask DisposeAsync() => await TestPostgres.DropDatabaseAsync(connectionString);
    }
}
