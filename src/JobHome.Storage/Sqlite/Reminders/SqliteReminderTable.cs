using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;

namespace JobHome.Storage.Sqlite.Reminders;

/// <summary>
/// Orleans' reminder table on the embedded SQLite file: Orleans' reminder service reads and schedules from it, so
/// reminders survive a silo restart. The ETag is the row's version; writes go through the group-commit writer.
/// </summary>
internal sealed class SqliteReminderTable(SqliteStore store) : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_at, period_us, version";

    private const string UpsertSql = """
        INSERT INTO reminders (grain_id, reminder_name, grain_hash, start_at, period_us, version)
        VALUES ($grain, $name, $hash, $start, $period, 1)
        ON CONFLICT (grain_id, reminder_name) DO UPDATE
            SET grain_hash = excluded.grain_hash, start_at = excluded.start_at, period_us = excluded.period_us,
                version = version + 1
        RETURNING version
        """;

    private const string DeleteSql = "DELETE FROM reminders WHERE grain_id = $grain AND reminder_name = $name AND version = $version";

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken = default) => store.StartAsync(cancellationToken);

    /// <inheritdoc />
    public Task Init() => store.StartAsync();

    /// <inheritdoc />
    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    /// <summary>Reads every reminder of one grain.</summary>
    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {Columns} FROM reminders WHERE grain_id = $grain",
            c => c.Parameters.AddWithValue("$grain", grainId.ToString()),
            cancellationToken);

    /// <inheritdoc />
    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>Reads the reminders whose grain hash lies in the ring range (begin, end]; wraps when begin ≥ end.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        var sql = begin < end
            ? $"SELECT {Columns} FROM reminders WHERE grain_hash > $begin AND grain_hash <= $end"
            : $"SELECT {Columns} FROM reminders WHERE grain_hash > $begin OR grain_hash <= $end";
        return QueryAsync(sql, c =>
        {
            c.Parameters.AddWithValue("$begin", (long)begin);
            c.Parameters.AddWithValue("$end", (long)end);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    /// <summary>Reads one reminder, or null.</summary>
    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var data = await QueryAsync($"SELECT {Columns} FROM reminders WHERE grain_id = $grain AND reminder_name = $name", c =>
        {
            c.Parameters.AddWithValue("$grain", grainId.ToString());
            c.Parameters.AddWithValue("$name", reminderName);
        }, cancellationToken).ConfigureAwait(false);
        return data.Reminders.Count == 0 ? null : data.Reminders[0];
    }

    /// <inheritdoc />
    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    /// <summary>Inserts or replaces a reminder; returns its new ETag.</summary>
    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var grain = entry.GrainId.ToString();
        var hash = (long)entry.GrainId.GetUniformHashCode();
        var start = SqliteStore.ToMicroseconds(new DateTimeOffset(DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc)));
        var period = entry.Period.Ticks / TimeSpan.TicksPerMicrosecond;
        var name = entry.ReminderName;
        var version = await store.WriteAsync(SqliteWriteLabel.Reminder, context =>
        {
            var command = context.Command(UpsertSql);
            command.Parameters.AddWithValue("$grain", grain);
            command.Parameters.AddWithValue("$name", name);
            command.Parameters.AddWithValue("$hash", hash);
            command.Parameters.AddWithValue("$start", start);
            command.Parameters.AddWithValue("$period", period);
            return (long)command.ExecuteScalar()!;
        }, cancellationToken).ConfigureAwait(false);
        var etag = version.ToString(CultureInfo.InvariantCulture);
        entry.ETag = etag;
        return etag;
    }

    /// <inheritdoc />
    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    /// <summary>Deletes a reminder if its ETag still matches; false otherwise.</summary>
    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return Task.FromResult(false);
        }

        var grain = grainId.ToString();
        return store.WriteAsync(SqliteWriteLabel.Reminder, context =>
        {
            var command = context.Command(DeleteSql);
            command.Parameters.AddWithValue("$grain", grain);
            command.Parameters.AddWithValue("$name", reminderName);
            command.Parameters.AddWithValue("$version", version);
            return command.ExecuteNonQuery() > 0;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    /// <summary>Deletes every reminder (tests only).</summary>
    public Task TestOnlyClearTable(CancellationToken cancellationToken) =>
        store.WriteAsync(
            SqliteWriteLabel.Reminder, context => context.Command("DELETE FROM reminders").ExecuteNonQuery(), cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    private async Task<ReminderTableData> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                ReminderName = reader.GetString(1),
                StartAt = DateTime.UnixEpoch.AddTicks(reader.GetInt64(2) * TimeSpan.TicksPerMicrosecond),
                Period = TimeSpan.FromTicks(reader.GetInt64(3) * TimeSpan.TicksPerMicrosecond),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return new ReminderTableData(entries);
    }
}
