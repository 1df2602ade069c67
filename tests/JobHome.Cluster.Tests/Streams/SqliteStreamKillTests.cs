using JobHome.Cluster.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace JobHome.Cluster.Tests.Streams;

/// <summary>The stream kill guarantee on the embedded SQLite file.</summary>
public sealed class SqliteStreamKillTests(ITestOutputHelper output) : StreamKillTests(output)
{
    /// <inheritdoc />
    protected override Task<IStreamKillStore> CreateStoreAsync() =>
        Task.FromResult<IStreamKillStore>(new Store(Directory.CreateTempSubdirectory("jobhome-kill-").FullName));

    private sealed class Store(string folder) : IStreamKillStore
    {
        public IReadOnlyList<string> SiloArguments => ["--storage", "embedded", "--data", folder];

        public Task<TestClient> ConnectAsync(int gatewayPort, CancellationToken cancellationToken) =>
            TestClient.ConnectEmbeddedAsync(gatewayPort, cancellationToken);

        public async Task<long> CountDeadLettersAsync(CancellationToken cancellationToken)
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM stream_dead_letters"; // table name: see the SQLite stream provider
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        public async Task<string> DescribeDeadLettersAsync(CancellationToken cancellationToken)
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*), attempts, reason FROM stream_dead_letters GROUP BY attempts, reason";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var lines = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                lines.Add($"{reader.GetInt64(0)} × attempts {reader.GetInt64(1)}: {reader.GetString(2)}");
            }

            return string.Join("; ", lines);
        }

        private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
        {
            var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "jobhome.db"), Mode = SqliteOpenMode.ReadOnly };
            var connection = new SqliteConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            return connection;
        }

        public ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            return ValueTask.CompletedTask;
        }
    }
}
