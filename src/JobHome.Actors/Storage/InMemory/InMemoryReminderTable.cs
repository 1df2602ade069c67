using System.Globalization;
using JobHome.Actors.Reminders;

namespace JobHome.Actors.Storage.InMemory;

/// <summary>Process-memory <see cref="IReminderTable"/> for unit tests.</summary>
public sealed class InMemoryReminderTable : IReminderTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string GrainType, string GrainId, string Name), ReminderEntry> _rows = [];
    private long _version;

    /// <inheritdoc />
    public Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var etag = (++_version).ToString(CultureInfo.InvariantCulture);
            _rows[(entry.GrainType, entry.GrainId, entry.ReminderName)] = entry with { Etag = etag };
            return Task.FromResult(etag);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string grainType, string grainId, string reminderName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_rows.Remove((grainType, grainId, reminderName)));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadGrainAsync(string grainType, string grainId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<ReminderEntry> rows = [.. _rows.Values.Where(r => r.GrainType == grainType && r.GrainId == grainId)];
            return Task.FromResult(rows);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadRangeAsync(uint beginHash, uint endHash, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<ReminderEntry> rows = [.. _rows.Values.Where(r => r.GrainHash >= beginHash && r.GrainHash <= endHash)];
            return Task.FromResult(rows);
        }
    }
}
