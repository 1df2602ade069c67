using BenchmarkDotNet.Attributes;
using JobHome.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace JobHome.Benchmarks.Orleans;

/// <summary>
/// The access pattern of Orleans' ADO.NET providers on SQLite, for comparison with group commit: every call opens a
/// pooled connection and runs one autocommitted statement (here the same queue INSERT our adapter issues), so every
/// call is its own transaction and concurrent callers compete for SQLite's single write lock across connections
/// (Microsoft.Data.Sqlite retries SQLITE_BUSY with sleeps). Time per insert.
/// </summary>
[Config(typeof(OrleansStorageBenchmarkConfig))]
[MemoryDiagnoser]
public class SqliteCommitPerCallBenchmarks
{
    private const int Inserts = 2000;
    private readonly byte[] _payload = new byte[128];
    private BenchmarkFile _file = null!;
    private string _connectionString = string.Empty;

    /// <summary>Concurrent callers.</summary>
    [Params(1, 16)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // The store creates the file and schema (WAL); the benchmark then bypasses its writer.
        _file = new BenchmarkFile(SqliteSynchronous.Full);
        _file.Store.StartAsync().GetAwaiter().GetResult();
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _file.Store.FilePath, Pooling = true }.ToString();
    }

    [GlobalCleanup]
    public void Cleanup() => _file.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Inserts)]
    public Task InsertPerCall() => Task.WhenAll(Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
    {
        for (var i = 0; i < Inserts / Callers; i++)
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous = FULL; " + JobHome.Storage.Sqlite.Streams.SqliteStreamQueue.EnqueueSql;
            command.Parameters.AddWithValue("$provider", "bench");
            command.Parameters.AddWithValue("$queue", c % 4);
            command.Parameters.AddWithValue("$stream", "s");
            command.Parameters.AddWithValue("$payload", _payload);
            command.Parameters.AddWithValue("$now", 0L);
            await command.ExecuteNonQueryAsync();
        }
    })));
}
