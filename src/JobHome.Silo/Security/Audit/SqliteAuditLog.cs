using System.Data;
using Microsoft.Data.Sqlite;

namespace JobHome.Silo.Security.Audit;

/// <summary>
/// The audit log in the embedded SQLite file (table <c>audit_log</c>, schema script 0002): triggers refuse UPDATE and
/// DELETE, and an INSERT whose <c>prev_hash</c> is not the last record's hash; appends are serialised here and by
/// <c>BEGIN IMMEDIATE</c>.
/// </summary>
public sealed class SqliteAuditLog(string databasePath) : IAuditLog
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Pooling = true,
        DefaultTimeout = 30,
    }.ConnectionString;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <inheritdoc />
    public async Task<AuditRecord> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            string? previous;
            await using (var last = connection.CreateCommand())
            {
                last.Transaction = transaction;
                last.CommandText = "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1";
                previous = await last.ExecuteScalarAsync(cancellationToken) as string;
            }
            var hash = AuditChain.Hash(previous ?? string.Empty, record);
            long id;
            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO audit_log (at_us, actor, role, address, action, target_id, site_code, site_path, reason, status, prev_hash, hash)
                    VALUES ($at, $actor, $role, $address, $action, $target, $site, $path, $reason, $status, $prev, $hash)
                    RETURNING id
                    """;
                insert.Parameters.AddWithValue("$at", record.At.ToUnixTimeMilliseconds() * 1000);
                insert.Parameters.AddWithValue("$actor", record.Actor);
                insert.Parameters.AddWithValue("$role", record.Role);
                insert.Parameters.AddWithValue("$address", record.Address);
                insert.Parameters.AddWithValue("$action", record.Action);
                insert.Parameters.AddWithValue("$target", record.TargetId);
                insert.Parameters.AddWithValue("$site", (object?)record.SiteCode ?? DBNull.Value);
                insert.Parameters.AddWithValue("$path", record.SitePath);
                insert.Parameters.AddWithValue("$reason", (object?)record.Reason ?? DBNull.Value);
                insert.Parameters.AddWithValue("$status", record.Status);
                insert.Parameters.AddWithValue("$prev", (object?)previous ?? DBNull.Value);
                insert.Parameters.AddWithValue("$hash", hash);
                id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
            }
            await transaction.CommitAsync(cancellationToken);
            return record with { Id = id, Hash = hash };
        }
        finally
        {
            _gate.Release();
        }
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
}
