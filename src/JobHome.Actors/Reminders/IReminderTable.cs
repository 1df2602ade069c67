namespace JobHome.Actors.Reminders;

/// <summary>Durable reminder registrations; the runtime schedules ticks from them, so they survive restarts.</summary>
public interface IReminderTable
{
    /// <summary>Inserts or replaces the reminder (grain type, grain id, name) and returns its new ETag.</summary>
    Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken);

    /// <summary>Removes the reminder; false when it did not exist.</summary>
    Task<bool> RemoveAsync(string grainType, string grainId, string reminderName, CancellationToken cancellationToken);

    /// <summary>Reads one grain's reminders.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadGrainAsync(string grainType, string grainId, CancellationToken cancellationToken);

    /// <summary>Reads every reminder whose grain-id hash (<see cref="ReminderEntry.GrainHash"/>) lies in [<paramref name="beginHash"/>, <paramref name="endHash"/>]; a single silo reads the whole range.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRangeAsync(uint beginHash, uint endHash, CancellationToken cancellationToken);
}
