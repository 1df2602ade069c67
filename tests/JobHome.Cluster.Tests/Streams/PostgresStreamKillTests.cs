using JobHome.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace JobHome.Cluster.Tests.Streams;

/// <summary>The stream kill guarantee on PostgreSQL (Orleans' ADO.NET stream provider on the project's schema).</summary>
public sealed class PostgresStreamKillTests(ITestOutputHelper output) : StreamKillTests(output)
{
    /// <inheritdoc />
    protected override async Task<IStreamKillStore> CreateStoreAsync() => new Store(await TestPostgres.CreateDatabaseAsync("jobhome_cluster"));

    private sealed class Store(string connectionString) : IStreamKillStore
    {
        private readonly string _clusterId = $"kill-{Guid.NewGuid():N}";

        // The poison event is retried MaxAttempts × MaxDeliveryTime before it is dead-lettered (10 × 30 s by default);
        // 5 × 5 s keeps the test short, and 5 attempts still leave room for the two kills' redeliveries.
        public IReadOnlyList<string> SiloArguments =>
        [
            "--storage", "postgres", "--connection", connectionString, "--cluster-id", _clusterId,
            "--stream-delivery-seconds", "5", "--stream-attempts", "5",
        ];

        public Task<TestClient> ConnectAsync(int gatewayPort, CancellationToken cancellationToken) =>
            TestClient.ConnectPostgresAsync(connectionString, _clusterId, cancellationToken);

        public Task<long> CountDeadLettersAsync(CancellationToken cancellationToken) =>
            TestPostgres.ScalarAsync(connectionString, "SELECT count(*) FROM orleans_stream_dead_letter");

        public async Task<string> DescribeDeadLettersAsync(CancellationToken cancellationToken)
        {
            // The ADO.NET dead letters keep no reason: the dequeue counts tell attempts exhausted from expiry.
            var lowest = await TestPostgres.ScalarAsync(connectionString, "SELECT coalesce(min(dequeued), 0) FROM orleans_stream_dead_letter");
            var highest = await TestPostgres.ScalarAsync(connectionString, "SELECT coalesce(max(dequeued), 0) FROM orleans_stream_dead_letter");
            return $"dequeued {lowest}–{highest} times";
        }

        public async ValueTask DisposeAsync() => await TestPostgres.DropDatabaseAsync(connectionString);
    }
}
