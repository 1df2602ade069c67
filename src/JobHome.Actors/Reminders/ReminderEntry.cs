namespace JobHome.Actors.Reminders;

/// <summary>A durable reminder: first due at <paramref name="StartAt"/>, then every <paramref name="Period"/>.</summary>
/// <param name="GrainType">Stable grain type name.</param>
/// <param name="GrainId">Grain key.</param>
/// <param name="ReminderName">Name unique per grain.</param>
/// <param name="StartAt">First due time (UTC).</param>
/// <param name="Period">Interval between ticks.</param>
/// <param name="GrainHash">Stable hash of grain type and id used for range partitioning across silos.</param>
/// <param name="Etag">Version of the row, null before it is stored.</param>
public sealed record ReminderEntry(
    string GrainType,
    string GrainId,
    string ReminderName,
    DateTimeOffset StartAt,
    TimeSpan Period,
    uint GrainHash,
    string? Etag = null);
