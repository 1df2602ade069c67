using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using JobHome.Actors.AdoNet.Dialects;
using JobHome.Actors.Reminders;

namespace JobHome.Actors.AdoNet.Reminders;

/// <summary>Reminders in table <c>reminders</c>, keyed by (grain type, grain id, name); the ETag is the row version.</summary>
internal sealed class AdoNetReminderTable(AdoNetStore store) : IReminderTable
{
    private const string Columns = "grain_type, grain_id, reminder_name, start_at, period_us, grain_hash, version";

    private const string UpsertSql = """
        INSERT INTO reminders (grain_type, grain_id, reminder_name, start_at, period_us, grain_hash, version)
        VALUES (@type, @id, @name, @start, @period, @hash, 1)
        ON CONFLICT (grain_type, grain_id, reminder_name) DO UPDATE
            SET start_at = excluded.start_at, period_us = excluded.period_us, grain_hash = excluded.grain_hash,
                version = reminders.version + 1
        RETURNING version
        """;

    public async Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var start = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = await store.OpenWriteAsync(transaction: false, cancellationToken).ConfigureAwait(false);
            await using var command = scope.CreateCommand(UpsertSql);
            command.AddParameter("@type", entry.GrainType);
            command.AddParameter("@id", entry.GrainId);
            command.AddParameter("@name", entry.ReminderName);
            store.Dialect.AddTimestamp(command, "@start", entry.StartAt);
            command.AddParameter("@period", entry.Period.Ticks / TimeSpan.TicksPerMicrosecond);
            command.AddParameter("@hash", (long)entry.GrainHash);
            var version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return Convert.ToInt64(version, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }
        finally
        {
            store.Record("reminder.upsert", start);
        }
    }

    public async Task<bool> RemoveAsync(string grainType, string grainId, string reminderName, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await using var scope = await store.OpenWriteAsync(transaction: false, cancellationToken).ConfigureAwait(false);
            await using var command = scope.CreateCommand(
                "DELETE FROM reminders WHERE grain_type = @type AND grain_id = @id AND reminder_name = @name");
            command.AddParameter("@type", grainType);
            command.AddParameter("@id", grainId);
            command.AddParameter("@name", reminderName);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
        finally
        {
            store.Record("reminder.remove", start);
        }
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadGrainAsync(string grainType, string grainId, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM reminders WHERE grain_type = @type AND grain_id = @id ORDER BY reminder_name";
            command.AddParameter("@type", grainType);
            command.AddParameter("@id", grainId);
            return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            store.Record("reminder.read_grain", start);
        }
    }

    /// <remarks>When <paramref name="beginHash"/> &gt; <paramref name="endHash"/> the range wraps around the hash ring.</remarks>
    public async Task<IReadOnlyList<ReminderEntry>> ReadRangeAsync(uint beginHash, uint endHash, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await using var connection = await store.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            var condition = beginHash <= endHash ? "grain_hash >= @begin AND grain_hash <= @end" : "grain_hash >= @begin OR grain_hash <= @end";
            command.CommandText = $"SELECT {Columns} FROM reminders WHERE {condition} ORDER BY grain_hash, grain_type, grain_id, reminder_name";
            command.AddParameter("@begin", (long)beginHash);
            command.AddParameter("@end", (long)endHash);
            return await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            store.Record("reminder.read_range", start);
        }
    }

    private async Task<IReadOnlyList<ReminderEntry>> ReadEntriesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                store.Dialect.GetTimestamp(reader, 3),
                TimeSpan.FromTicks(reader.GetInt64(4) * TimeSpan.TicksPerMicrosecond),
                (uint)reader.GetInt64(5),
                reader.GetInt64(6).ToString(CultureInfo.InvariantCulture)));
        }

        return entries;
    }
}
