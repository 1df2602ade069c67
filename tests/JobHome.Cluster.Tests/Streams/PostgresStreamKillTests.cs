using JobHome.Cluster.Tests.Support;
using Npgsql;
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
            // Each dead letter's dequeue count and reason (schema 0009; none for a row Orleans' own handler moved).
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT coalesce(string_agg(message_id || ' dequeued ' || dequeued || ' times: ' || coalesce(reason, '(no reason)'), "
                + "'; ' ORDER BY message_id), '') FROM orleans_stream_dead_letter", connection);
            return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        public async ValueTask DisposeAsync() => await TestPostgres.DropDatabaseAsync(connectionString);
    }
}
