using JobHome.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace JobHome.Silo.Security.Audit;

/// <summary>
/// The audit log in the embedded SQLite file (table <c>audit_log</c>, schema script 0002): triggers refuse UPDATE and
/// DELETE, and an INSERT whose <c>prev_hash</c> is not the last record's hash. Appends join the embedded store's writer
/// loop (<see cref="SqliteWrites"/>): one transaction and one commit per batch with the grain states written meanwhile,
/// instead of a transaction of its own per request that competed with the store's writer for the file's lock (whoever
/// lost slept in SQLite's busy wait). An append's task completes only after its batch committed, so a record whose
/// append returned is durable; the chain continues inside the transaction from the last stored hash. Appends that arrive
/// while their write waits in the writer's queue join it: one queued write, one read of the chain's last hash and the
/// store's prepared insert (values bound in place) for all of them, the records chained in the order they joined (a
/// failure fails them together).
/// </summary>
public sealed class SqliteAuditLog(SqliteWrites writes) : IAuditLog
{
    private const string LastHashSql = "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1";

    private const string InsertSql = """
        INSERT INTO audit_log (at_us, actor, role, address, action, target_id, site_code, site_path, reason, status,
            prev_hash, hash)
        VALUES ($at, $actor, $role, $address, $action, $target, $site, $path, $reason, $status, $prev, $hash)
        RETURNING id
        """;

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = writes?.FilePath ?? throw new ArgumentNullException(nameof(writes)),
        Mode = SqliteOpenMode.ReadWrite, // the store created the file; a removed file is an error, never a new one
        Pooling = true,
        DefaultTimeout = 30,
    }.ConnectionString;

    private readonly Lock _gate = new();

    // The queued write that appends still join (null: none; the next append queues one).
    private Batch? _open;

    /// <inheritdoc />
    /// <remarks>The token cancels the wait for the store's start only: once queued, the record is stored or fails with its
    /// batch. An append with a token that can be cancelled is written on its own.</remarks>
    public Task<AuditRecord> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (cancellationToken.CanBeCanceled)
        {
            return SingleAsync(record, cancellationToken);
        }
        Batch batch;
        int index;
        lock (_gate)
        {
            if (_open is null)
            {
                // Queued under the lock: the writer's run of it closes it under the same lock, so no record joins after.
                _open = new Batch(this);
                _open.Written = writes.WriteAsync(_open.Execute, CancellationToken.None);
            }
            batch = _open;
            index = batch.Records.Count;
            batch.Records.Add(record);
        }
        return batch.ResultAsync(index);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(string? siteCode, DateTimeOffset? from, DateTimeOffset? to, int limit,
        CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, at_us, actor, role, address, action, target_id, site_code, site_path, reason, status, hash FROM audit_log
            WHERE ($site IS NULL OR site_path LIKE $site ESCAPE '\') AND ($from IS NULL OR at_us >= $from) AND ($to IS NULL OR at_us < $to)
            ORDER BY id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$site", siteCode is null ? DBNull.Value : $"%/{AuditChain.LikeEscape(siteCode)}/%");
        command.Parameters.AddWithValue("$from", from is null ? DBNull.Value : from.Value.ToUnixTimeMilliseconds() * 1000);
        command.Parameters.AddWithValue("$to", to is null ? DBNull.Value : to.Value.ToUnixTimeMilliseconds() * 1000);
        command.Parameters.AddWithValue("$limit", limit);
        var records = new List<AuditRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new AuditRecord(
                reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1) / 1000), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.GetInt32(10), reader.GetString(11)));
        }
        return records;
    }

    private async Task<AuditRecord> SingleAsync(AuditRecord record, CancellationToken cancellationToken) =>
        (await writes.WriteAsync(context => Append(context, [record]), cancellationToken))[0];

    // Runs in the writer's transaction (perhaps again, after another write of the batch failed): reads the chain's end there,
    // then appends the records in order, each chained to the one before.
    private static AuditRecord[] Append(SqliteWriteContext context, List<AuditRecord> records)
    {
        var previous = context.Command(LastHashSql).ExecuteScalar() as string;
        // The store's prepared statement: values bound in place, no parameter objects or readers per record.
        var insert = context.Statement(InsertSql);
        var stored = new AuditRecord[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var hash = AuditChain.Hash(previous ?? string.Empty, record);
            insert.Bind("$at", record.At.ToUnixTimeMilliseconds() * 1000);
            insert.Bind("$actor", record.Actor);
            insert.Bind("$role", record.Role);
            insert.Bind("$address", record.Address);
            insert.Bind("$action", record.Action);
            insert.Bind("$target", record.TargetId);
            BindOrNull(insert, "$site", record.SiteCode);
            insert.Bind("$path", record.SitePath);
            BindOrNull(insert, "$reason", record.Reason);
            insert.Bind("$status", record.Status);
            BindOrNull(insert, "$prev", previous);
            insert.Bind("$hash", hash);
            var id = insert.RunScalar() ?? throw new InvalidOperationException("The audit insert returned no id.");
            stored[i] = record with { Id = id, Hash = hash };
            previous = hash;
        }
        return stored;
    }

    private static void BindOrNull(SqlitePreparedStatement statement, string name, string? value)
    {
        if (value is null)
        {
            statement.BindNull(name);
        }
        else
        {
            statement.Bind(name, value);
        }
    }

    // Appends that joined one queued write.
    private sealed class Batch(SqliteAuditLog log)
    {
        public List<AuditRecord> Records { get; } = [];

        public Task<AuditRecord[]> Written { get; set; } = null!;

        public async Task<AuditRecord> ResultAsync(int index) => (await Written)[index];

        // On the writer: closes the batch (a later append queues a new write), then writes its records.
        public AuditRecord[] Execute(SqliteWriteContext context)
        {
            lock (log._gate)
            {
                if (ReferenceEquals(log._open, this))
                {
                    log._open = null;
                }
            }
            return Append(context, Records);
        }
    }
}
