using System.Globalization;
using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.State;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace JobHome.Storage.Tests.Sqlite;

/// <summary>
/// The state table's layout (schema 3): a rowid table found through the unique index on its key, and files written with
/// schema 1's WITHOUT ROWID table migrated on open with every row, version (the ETag) and tombstone kept.
/// </summary>
public sealed class SqliteStateTableTests : IAsyncLifetime
{
    private const string StateName = "counter";

    private readonly SqliteTestFile _file = new();
    private SqliteStore? _store;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _file.Dispose();
    }

    [Fact]
    public async Task StartAsync_FreshFile_StateTableIsARowidTableReadAndWrittenThroughItsKeyIndex()
    {
        var storage = await OpenAsync();
        await storage.WriteStateAsync(StateName, Grain(1), new TestGrainState<CounterState> { State = { Value = 1 } });

        Assert.DoesNotContain("WITHOUT ROWID", TableSql(), StringComparison.OrdinalIgnoreCase);
        // Every statement of SqliteGrainStorage names one key: each must search the key's index, never scan the table.
        foreach (var where in new[] { "grain_id = 'x' AND state_name = 'y'", "state_name = 'y' AND grain_id IN ('x', 'z')" })
        {
            var plan = Plan($"SELECT version, payload FROM grain_state WHERE {where}");
            Assert.Contains("USING INDEX", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("SCAN", plan, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StartAsync_FileWithSchemaOnesTable_MigratesKeepingEveryRowVersionAndTombstone()
    {
        var storage = await OpenAsync();
        var small = new TestGrainState<CounterState> { State = { Value = 41 } };
        await storage.WriteStateAsync(StateName, Grain(1), small);
        small.State.Value = 42;
        await storage.WriteStateAsync(StateName, Grain(1), small);
        // Longer than a WITHOUT ROWID cell holds (~1 KB with 4 KiB pages): its tail was on an overflow page.
        var large = new TestGrainState<Dictionary<string, string>>();
        for (var i = 0; i < 100; i++)
        {
            large.State[$"seeker-{i:D4}"] = new string((char)('a' + (i % 26)), 40);
        }
        await storage.WriteStateAsync("large", Grain(2), large);
        var cleared = new TestGrainState<CounterState> { State = { Value = 7 } };
        await storage.WriteStateAsync(StateName, Grain(3), cleared);
        var beforeClear = cleared.ETag;
        await storage.ClearStateAsync(StateName, Grain(3), cleared);
        await _store!.DisposeAsync();
        _store = null;
        var rowsBefore = Rows();
        SchemaOneStateTable.PutBack(_file.Path, forgetLaterScripts: true);
        Assert.Contains("WITHOUT ROWID", TableSql(), StringComparison.OrdinalIgnoreCase);

        storage = await OpenAsync();

        Assert.DoesNotContain("WITHOUT ROWID", TableSql(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1L, _file.Scalar("SELECT count(*) FROM schema_version WHERE version = 3"));
        Assert.Equal(rowsBefore, Rows());
        var readSmall = new TestGrainState<CounterState>();
        await storage.ReadStateAsync(StateName, Grain(1), readSmall);
        Assert.Equal((42L, small.ETag), (readSmall.State.Value, readSmall.ETag));
        var readLarge = new TestGrainState<Dictionary<string, string>>();
        await storage.ReadStateAsync("large", Grain(2), readLarge);
        Assert.Equal(large.State, readLarge.State);
        Assert.Equal(large.ETag, readLarge.ETag);

        // The versions carried over are the ETags: the one read writes, an older one is refused, the tombstone still
        // refuses the ETag from before its clear, and a new state inserts.
        var stale = new TestGrainState<CounterState> { ETag = "1", RecordExists = true, State = { Value = 0 } };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain(1), stale));
        readSmall.State.Value = 43;
        await storage.WriteStateAsync(StateName, Grain(1), readSmall);
        var oldClear = new TestGrainState<CounterState> { ETag = beforeClear, RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain(3), oldClear));
        await storage.WriteStateAsync(StateName, Grain(4), new TestGrainState<CounterState> { State = { Value = 4 } });
        var reread = new TestGrainState<CounterState>();
        await storage.ReadStateAsync(StateName, Grain(1), reread);
        Assert.Equal(43L, reread.State.Value);
        Assert.Equal(4L, _file.Scalar("SELECT count(*) FROM grain_state"));
    }

    private async Task<IGrainStorage> OpenAsync()
    {
        _store = _file.OpenStore();
        await _store.StartAsync();
        return new SqliteGrainStorage("Default", _store, TestStorageSerializer.Value);
    }

    private static GrainId Grain(int i) => GrainId.Create("counter", string.Create(CultureInfo.InvariantCulture, $"g{i}"));

    private string TableSql()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'grain_state'";
        return (string)command.ExecuteScalar()!;
    }

    private string Plan(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(3));
        }
        return string.Join(" | ", lines);
    }

    // Every row with its version, payload and time, in key order.
    private List<string> Rows()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT grain_id, state_name, version, hex(payload), modified_at FROM grain_state ORDER BY grain_id, state_name";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(",", Enumerable.Range(0, 5).Select(i => reader.IsDBNull(i) ? "null" : reader.GetValue(i).ToString())));
        }
        return rows;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        return connection;
    }
}
