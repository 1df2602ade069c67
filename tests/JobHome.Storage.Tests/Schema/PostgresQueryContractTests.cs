using System.Data;
using JobHome.Storage.Schema;
using Npgsql;

namespace JobHome.Storage.Tests.Schema;

/// <summary>
/// The stored queries run the way Orleans' ADO.NET providers run them (query text from OrleansQuery, parameters
/// named and typed as in the 10.4.2 assemblies), covering paths a short cluster test never reaches: membership
/// conflicts that must roll back, defunct-silo cleanup, stream failures, release and eviction.
/// </summary>
public sealed class PostgresQueryContractTests : IAsyncLifetime
{
    private const string Deployment = "cluster-a";
    private string _connectionString = "";
    private NpgsqlConnection _connection = null!;
    private Dictionary<string, string> _queries = [];

    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync("pg_contract");
        _connection = new NpgsqlConnection(_connectionString);
        await _connection.OpenAsync();
        await SchemaMigrator.ForEmbeddedScripts(SchemaDialect.Postgres).MigrateAsync(_connection, CancellationToken.None);
        _queries = await LoadQueriesAsync(_connection);
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task InsertMembership_DuplicateRow_AnswersZeroAndLeavesVersionUnchanged()
    {
        Assert.Equal(1, await ScalarIntAsync("InsertMembershipVersionKey", P("DeploymentId", Deployment)));
        Assert.Equal(0, await ScalarIntAsync("InsertMembershipVersionKey", P("DeploymentId", Deployment)));
        Assert.Equal(1, await ScalarIntAsync("InsertMembershipKey", Member(version: 0, status: 3)));

        var duplicate = await ScalarIntAsync("InsertMembershipKey", Member(version: 1, status: 3));
        var staleVersion = await ScalarIntAsync("InsertMembershipKey", Member(version: 0, status: 3, generation: 2));

        Assert.Equal(0, duplicate);
        Assert.Equal(0, staleVersion);
        Assert.Equal(1, await TableVersionAsync());
    }

    [Fact]
    public async Task UpdateMembership_MissingRow_AnswersZeroAndLeavesVersionUnchanged()
    {
        await ScalarIntAsync("InsertMembershipVersionKey", P("DeploymentId", Deployment));
        await ScalarIntAsync("InsertMembershipKey", Member(version: 0, status: 3));

        var missing = await ScalarIntAsync("UpdateMembershipKey", Update(version: 1, generation: 99, status: 6));
        var updated = await ScalarIntAsync("UpdateMembershipKey", Update(version: 1, generation: 1, status: 6));
        var stale = await ScalarIntAsync("UpdateMembershipKey", Update(version: 1, generation: 1, status: 3));

        Assert.Equal(0, missing);
        Assert.Equal(1, updated);
        Assert.Equal(0, stale);
        Assert.Equal(2, await TableVersionAsync());
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_DeletesOnlyOldDeadRows()
    {
        await ScalarIntAsync("InsertMembershipVersionKey", P("DeploymentId", Deployment));
        await ScalarIntAsync("InsertMembershipKey", Member(version: 0, status: 6, generation: 1));
        await ScalarIntAsync("InsertMembershipKey", Member(version: 1, status: 3, generation: 2));

        await ExecuteAsync("CleanupDefunctSiloEntriesKey", P("DeploymentId", Deployment), P("IAmAliveTime", DateTime.UtcNow.AddMinutes(1), DbType.DateTime));

        Assert.Equal([2], await ListAsync("SELECT generation FROM orleans_membership ORDER BY 1"));
    }

    [Fact]
    public async Task MembershipReads_RowAllAndMissing_CarryTheTableVersion()
    {
        await ScalarIntAsync("InsertMembershipVersionKey", P("DeploymentId", Deployment));
        Assert.Equal([(null, 0)], await ReadMembersAsync(_connection, _queries, "MembershipReadAllKey"));
        await ScalarIntAsync("InsertMembershipKey", Member(version: 0, status: 3, generation: 1));
        await ScalarIntAsync("InsertMembershipKey", Member(version: 1, status: 6, generation: 2));

        Assert.Equal([(1, 2), (2, 2)], await ReadMembersAsync(_connection, _queries, "MembershipReadAllKey"));
        Assert.Equal([(2, 2)], await ReadMembersAsync(_connection, _queries, "MembershipReadRowKey", generation: 2));
        // A silo without a row still learns the version (one row, silo columns NULL), as Orleans expects.
        Assert.Equal([(null, 2)], await ReadMembersAsync(_connection, _queries, "MembershipReadRowKey", generation: 7));
        // Another deployment's rows are never read.
        Assert.Empty(await ReadMembersAsync(_connection, _queries, "MembershipReadAllKey", deployment: "cluster-b"));
    }

    [Fact]
    public async Task MembershipSql_IsDefinedOnce_InSchema7()
    {
        Assert.Contains("jobhome_orleans_write_member(true,", _queries["InsertMembershipKey"], StringComparison.Ordinal);
        Assert.Contains("jobhome_orleans_write_member(false,", _queries["UpdateMembershipKey"], StringComparison.Ordinal);
        Assert.Contains("jobhome_orleans_read_members(", _queries["MembershipReadRowKey"], StringComparison.Ordinal);
        Assert.Contains("jobhome_orleans_read_members(", _queries["MembershipReadAllKey"], StringComparison.Ordinal);
        // One function bumps the membership version; 0002's writers are wrappers of it (for silos started before 0007).
        await using var command = new NpgsqlCommand(
            "SELECT proname, prosrc FROM pg_proc WHERE proname LIKE 'jobhome_orleans_%member%' ORDER BY proname", _connection);
        await using var reader = await command.ExecuteReaderAsync();
        var bodies = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            bodies[reader.GetString(0)] = reader.GetString(1);
        }
        Assert.Equal(["jobhome_orleans_insert_member", "jobhome_orleans_read_members", "jobhome_orleans_update_member",
            "jobhome_orleans_write_member"], bodies.Keys);
        Assert.Equal(["jobhome_orleans_write_member"],
            bodies.Where(b => b.Value.Contains("UPDATE orleans_membership_version", StringComparison.Ordinal)).Select(b => b.Key));
        Assert.Contains("jobhome_orleans_write_member(true,", bodies["jobhome_orleans_insert_member"], StringComparison.Ordinal);
        Assert.Contains("jobhome_orleans_write_member(false,", bodies["jobhome_orleans_update_member"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema7_OverAClusterOfSchema6_KeepsItsRowsAndConflictRules()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("pg_upgrade");
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var scripts = SchemaScripts.Load(SchemaDialect.Postgres);
            Assert.True(scripts.Count >= 7);
            await new SchemaMigrator(SchemaDialect.Postgres, scripts.Take(6)).MigrateAsync(connection, CancellationToken.None);
            var before = await LoadQueriesAsync(connection);
            Assert.Equal(1, await ScalarIntAsync(connection, before["InsertMembershipVersionKey"], P("DeploymentId", Deployment)));
            Assert.Equal(1, await ScalarIntAsync(connection, before["InsertMembershipKey"], Member(version: 0, status: 3)));
            var rows = await ReadMembersAsync(connection, before, "MembershipReadAllKey");

            var result = await new SchemaMigrator(SchemaDialect.Postgres, scripts.Take(7)).MigrateAsync(connection, CancellationToken.None);
            Assert.Equal([7], result.Applied.Select(s => s.Version));
            var after = await LoadQueriesAsync(connection);
            Assert.NotEqual(before["MembershipReadAllKey"], after["MembershipReadAllKey"]);
            Assert.Equal(rows, await ReadMembersAsync(connection, after, "MembershipReadAllKey"));
            // A silo started before the upgrade keeps 0002's texts: they still work, under the same rules.
            Assert.Equal(rows, await ReadMembersAsync(connection, before, "MembershipReadAllKey"));
            Assert.Equal(0, await ScalarIntAsync(connection, before["InsertMembershipKey"], Member(version: 1, status: 3)));
            Assert.Equal(0, await ScalarIntAsync(connection, before["UpdateMembershipKey"], Update(version: 1, generation: 99, status: 6)));
            // The same conflicts as before the upgrade: a duplicate row or a stale version changes nothing.
            Assert.Equal(0, await ScalarIntAsync(connection, after["InsertMembershipKey"], Member(version: 1, status: 3)));
            Assert.Equal(0, await ScalarIntAsync(connection, after["UpdateMembershipKey"], Update(version: 1, generation: 99, status: 6)));
            Assert.Equal(0, await ScalarIntAsync(connection, after["UpdateMembershipKey"], Update(version: 0, generation: 1, status: 6)));
            Assert.Equal([(1, 1)], await ReadMembersAsync(connection, after, "MembershipReadRowKey"));
            Assert.Equal(1, await ScalarIntAsync(connection, after["UpdateMembershipKey"], Update(version: 1, generation: 1, status: 6)));
            Assert.Equal(1, await ScalarIntAsync(connection, before["InsertMembershipKey"], Member(version: 2, status: 3, generation: 2)));
            Assert.Equal([(1, 3), (2, 3)], await ReadMembersAsync(connection, after, "MembershipReadAllKey"));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task StreamFail_AttemptsUsedUp_MovesMessageToDeadLetters()
    {
        var id = await QueueAsync(expirySeconds: 600);
        var dequeued = await DequeueAsync(maxAttempts: 1);
        Assert.Equal([(id, 1)], dequeued);

        await ExecuteAsync("FailStreamMessageKey", Queue(), P("MessageId", id, DbType.Int64), P("MaxAttempts", 1, DbType.Int32), P("RemovalTimeout", 60, DbType.Int32));

        Assert.Empty(await ListAsync("SELECT message_id FROM orleans_stream_message"));
        Assert.Equal([id], await ListAsync("SELECT message_id FROM orleans_stream_dead_letter"));
    }

    [Fact]
    public async Task StreamFail_AttemptsLeft_MakesMessageVisibleAgain()
    {
        var id = await QueueAsync(expirySeconds: 600);
        await DequeueAsync(maxAttempts: 5);

        await ExecuteAsync("FailStreamMessageKey", Queue(), P("MessageId", id, DbType.Int64), P("MaxAttempts", 5, DbType.Int32), P("RemovalTimeout", 60, DbType.Int32));

        Assert.Equal([(id, 2)], await DequeueAsync(maxAttempts: 5));
    }

    [Fact]
    public async Task StreamConfirm_StaleReceipt_KeepsMessageAndCurrentReceiptDeletesIt()
    {
        var id = await QueueAsync(expirySeconds: 600);
        await DequeueAsync(maxAttempts: 5);

        var stale = await ConfirmAsync($"{id}:7");
        var released = await ConfirmAsync($"{id}:-1");
        var again = await DequeueAsync(maxAttempts: 5);
        var confirmed = await ConfirmAsync($"{id}:2");

        Assert.Empty(stale);
        Assert.Equal([id], released);
        Assert.Equal([(id, 2)], again);
        Assert.Equal([id], confirmed);
        Assert.Empty(await ListAsync("SELECT message_id FROM orleans_stream_message"));
    }

    [Fact]
    public async Task StreamEviction_ExpiredMessageAndEndedDeadLetter_AreMovedThenRemoved()
    {
        var id = await QueueAsync(expirySeconds: 0);

        await ExecuteAsync("EvictStreamMessagesKey", Queue(), P("MaxCount", 10, DbType.Int32), P("MaxAttempts", 5, DbType.Int32), P("RemovalTimeout", 0, DbType.Int32));
        var deadLetters = await ListAsync("SELECT message_id FROM orleans_stream_dead_letter");
        await ExecuteAsync("EvictStreamDeadLettersKey", Queue(), P("MaxCount", 10, DbType.Int32));

        Assert.Equal([id], deadLetters);
        Assert.Empty(await ListAsync("SELECT message_id FROM orleans_stream_dead_letter"));
        Assert.Empty(await ListAsync("SELECT message_id FROM orleans_stream_message"));
    }

    [Fact]
    public async Task ReminderRanges_WrapAroundRing_ReadInclusiveEnd()
    {
        foreach (var (grain, hash) in new[] { ("g-low", int.MinValue + 5), ("g-mid", 0), ("g-high", int.MaxValue - 5) })
        {
            await ScalarIntAsync("UpsertReminderRowKey", P("ServiceId", "svc"), P("GrainId", grain, DbType.AnsiString), P("ReminderName", "r"),
                P("StartTime", DateTime.UtcNow, DbType.DateTime), P("Period", 60000, DbType.Int32), P("GrainHash", hash, DbType.Int32));
        }

        var inside = await ReadGrainsAsync("ReadRangeRows1Key", -10, 0);
        var wrapped = await ReadGrainsAsync("ReadRangeRows2Key", 0, int.MinValue + 5);

        Assert.Equal(["g-mid"], inside);
        Assert.Equal(["g-high", "g-low"], wrapped);
    }

    private static NpgsqlParameter P(string name, object value, DbType type = DbType.String) => new(name, type) { Value = value };

    private static NpgsqlParameter[] Member(int version, int status, int generation = 1) =>
    [
        P("DeploymentId", Deployment), P("Address", "10.0.0.1", DbType.AnsiString), P("Port", 11111, DbType.Int32),
        P("Generation", generation, DbType.Int32), P("SiloName", "silo"), P("HostName", "host"), P("Status", status, DbType.Int32),
        P("ProxyPort", 30000, DbType.Int32), P("StartTime", DateTime.UtcNow.AddMinutes(-10), DbType.DateTime),
        P("IAmAliveTime", DateTime.UtcNow.AddMinutes(-10), DbType.DateTime), P("Version", version, DbType.Int32),
    ];

    private static NpgsqlParameter[] Update(int version, int generation, int status) =>
    [
        P("DeploymentId", Deployment), P("Address", "10.0.0.1", DbType.AnsiString), P("Port", 11111, DbType.Int32),
        P("Generation", generation, DbType.Int32), P("Status", status, DbType.Int32), P("SuspectTimes", DBNull.Value),
        P("IAmAliveTime", DateTime.UtcNow, DbType.DateTime), P("Version", version, DbType.Int32),
    ];

    private static NpgsqlParameter[] Queue() => [P("ServiceId", "svc"), P("ProviderId", "jobhome"), P("QueueId", "q-0")];

    private async Task<long> QueueAsync(int expirySeconds)
    {
        await using var command = Command("QueueStreamMessageKey", [.. Queue(), P("Payload", new byte[] { 1, 2, 3 }, DbType.Binary), P("ExpiryTimeout", expirySeconds, DbType.Int32)]);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (long)reader["MessageId"];
    }

    private async Task<List<(long Id, int Dequeued)>> DequeueAsync(int maxAttempts)
    {
        await using var command = Command("GetStreamMessagesKey",
        [
            .. Queue(), P("MaxCount", 10, DbType.Int32), P("MaxAttempts", maxAttempts, DbType.Int32), P("VisibilityTimeout", 60, DbType.Int32),
            P("RemovalTimeout", 60, DbType.Int32), P("EvictionInterval", 60, DbType.Int32), P("EvictionBatchSize", 10, DbType.Int32),
        ]);
        var rows = new List<(long, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // The provider casts exactly these types.
            _ = (DateTime)reader["VisibleOn"];
            _ = (byte[])reader["Payload"];
            rows.Add(((long)reader["MessageId"], (int)reader["Dequeued"]));
        }

        return rows;
    }

    private async Task<List<long>> ConfirmAsync(string items)
    {
        await using var command = Command("ConfirmStreamMessagesKey", [.. Queue(), P("Items", items)]);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add((long)reader["MessageId"]);
        }

        return ids;
    }

    private async Task<List<string>> ReadGrainsAsync(string key, int begin, int end)
    {
        await using var command = Command(key, [P("ServiceId", "svc"), P("BeginHash", begin, DbType.Int32), P("EndHash", end, DbType.Int32)]);
        var grains = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            grains.Add((string)reader["GrainId"]);
            _ = reader.GetInt64(reader.GetOrdinal("Period"));
        }

        grains.Sort(StringComparer.Ordinal);
        return grains;
    }

    private NpgsqlCommand Command(string key, NpgsqlParameter[] parameters) => Command(_connection, _queries[key], parameters);

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private async Task<int> ScalarIntAsync(string key, params NpgsqlParameter[] parameters) =>
        await ScalarIntAsync(_connection, _queries[key], parameters);

    private static async Task<int> ScalarIntAsync(NpgsqlConnection connection, string sql, params NpgsqlParameter[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1, reader.FieldCount);
        return Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a membership read as Orleans does (columns by name, cast to its types): (generation, version) per row.</summary>
    private static async Task<List<(int? Generation, int Version)>> ReadMembersAsync(NpgsqlConnection connection,
        Dictionary<string, string> queries, string key, int generation = 1, string deployment = Deployment)
    {
        NpgsqlParameter[] parameters = key == "MembershipReadRowKey"
            ? [P("DeploymentId", deployment), P("Address", "10.0.0.1", DbType.AnsiString), P("Port", 11111, DbType.Int32),
                P("Generation", generation, DbType.Int32)]
            : [P("DeploymentId", deployment)];
        await using var command = Command(connection, queries[key], parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int?, int)>();
        while (await reader.ReadAsync())
        {
            Assert.Equal(deployment, (string)reader["DeploymentId"]);
            var present = reader["Address"] is not DBNull;
            if (present)
            {
                Assert.Equal("10.0.0.1", (string)reader["Address"]);
                Assert.Equal(11111, (int)reader["Port"]);
                Assert.Equal("silo", (string)reader["SiloName"]);
                Assert.Equal("host", (string)reader["HostName"]);
                _ = (int)reader["Status"];
                Assert.Equal(30000, (int)reader["ProxyPort"]);
                _ = (DateTime)reader["StartTime"];
                _ = (DateTime)reader["IAmAliveTime"];
            }
            rows.Add((present ? (int)reader["Generation"] : null, (int)reader["Version"]));
        }
        rows.Sort();
        return rows;
    }

    private static async Task<Dictionary<string, string>> LoadQueriesAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT QueryKey, QueryText FROM OrleansQuery", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var queries = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            queries[reader.GetString(0)] = reader.GetString(1);
        }
        return queries;
    }

    private async Task ExecuteAsync(string key, params NpgsqlParameter[] parameters)
    {
        await using var command = Command(key, parameters);
        await command.ExecuteNonQueryAsync();
    }

    private async Task ExecuteAsync(string key, NpgsqlParameter[] first, params NpgsqlParameter[] more) => await ExecuteAsync(key, [.. first, .. more]);

    private async Task<int> TableVersionAsync()
    {
        await using var command = new NpgsqlCommand("SELECT version FROM orleans_membership_version", _connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<long>> ListAsync(string sql)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        var values = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return values;
    }
}
