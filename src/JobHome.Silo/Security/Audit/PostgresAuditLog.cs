using Npgsql;

namespace JobHome.Silo.Security.Audit;

/// <summary>
/// The audit log in PostgreSQL (table <c>audit_log</c>, schema script 0006): the runtime role may only INSERT and
/// SELECT, triggers refuse UPDATE, DELETE and TRUNCATE even to the owner; appends across silos are serialised by a
/// transaction-scoped advisory lock so that the hash chain stays one chain.
/// </summary>
public sealed class PostgresAuditLog(string connectionString) : IAuditLog
{
    /// <summary>The advisory lock of audit appends ("AUDIT" in ASCII).</summary>
    public const long LockKey = 0x4155444954;

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    /// <inheritdoc />
    public async Task<AuditRecord> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", LockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        string? previous;
        await using (var last = new NpgsqlCommand("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", connection, transaction))
        {
            previous = await last.ExecuteScalarAsync(cancellationToken) as string;
        }
        var hash = AuditChain.Hash(previous ?? string.Empty, record);
        long id;
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO audit_log (at, actor, role, address, action, target_id, site_code, site_path, reason, status, prev_hash, hash)
            VALUES (@at, @actor, @role, @address, @action, @target, @site, @path, @reason, @status, @prev, @hash) RETURNING id
            """, connection, transaction))
        {
            AuditParameters.Add(insert, "at", DateTimeOffset.FromUnixTimeMilliseconds(record.At.ToUnixTimeMilliseconds()));
            AuditParameters.Bind(insert, string.Empty, record, previous, hash);
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }
        await transaction.CommitAsync(cancellationToken);
        return record with { Id = id, Hash = hash };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(string? siteCode, DateTimeOffset? from, DateTimeOffset? to, int limit,
        CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT id, at, actor, role, address, action, target_id, site_code, site_path, reason, status, hash FROM audit_log
            WHERE (@site::text IS NULL OR site_path LIKE @site ESCAPE '\') AND (@from::timestamptz IS NULL OR at >= @from)
              AND (@to::timestamptz IS NULL OR at < @to)
            ORDER BY id LIMIT @limit
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("site", NpgsqlTypes.NpgsqlDbType.Text)
        {
            Value = siteCode is null ? DBNull.Value : $"%/{AuditChain.LikeEscape(siteCode)}/%",
        });
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)from ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)to ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", limit);
        var records = new List<AuditRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new AuditRecord(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetInt32(10), reader.GetString(11)));
        }
        return records;
    }
}
