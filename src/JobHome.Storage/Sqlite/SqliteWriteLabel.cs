namespace JobHome.Storage.Sqlite;

/// <summary>What a write on the embedded store's writer is for, counted per kind (<see cref="SqliteMetrics.WritesName"/>).</summary>
/// <param name="Kind">The write's kind: <c>state</c>, <c>stream_enqueue</c>, <c>stream_confirm</c>, … (docs/storage.md).</param>
/// <param name="Grain">For state writes: the grain type.</param>
/// <param name="State">For state writes: the state name (a sharded map's shard number left off).</param>
internal readonly record struct SqliteWriteLabel(string Kind, string? Grain = null, string? State = null)
{
    /// <summary>A write of a table that is not Orleans' (the audit log) or of tests.</summary>
    public static readonly SqliteWriteLabel Other = new("other");

    /// <summary>A stream publish (one queue row).</summary>
    public static readonly SqliteWriteLabel StreamEnqueue = new("stream_enqueue");

    /// <summary>The pulling agent's confirmation: delivered rows deleted.</summary>
    public static readonly SqliteWriteLabel StreamConfirm = new("stream_confirm");

    /// <summary>A read counted before delivery (rows left by an earlier process), with any poison dead-lettered.</summary>
    public static readonly SqliteWriteLabel StreamAttempt = new("stream_attempt");

    /// <summary>Rows of a given-up delivery put back at the end of the queue.</summary>
    public static readonly SqliteWriteLabel StreamRequeue = new("stream_requeue");

    /// <summary>A row moved to the dead letters by the failure handler.</summary>
    public static readonly SqliteWriteLabel StreamDeadLetter = new("stream_dead_letter");

    /// <summary>A reminder row written or removed.</summary>
    public static readonly SqliteWriteLabel Reminder = new("reminder");

    /// <summary>A grain state write (or clear) of <paramref name="grainType"/>'s <paramref name="stateName"/>.</summary>
    public static SqliteWriteLabel ForState(string grainType, string stateName) => new("state", grainType, ShardBase(stateName));

    // "indicator-sources-7" → "indicator-sources": one series per sharded map, not sixteen.
    private static string ShardBase(string stateName)
    {
        var dash = stateName.LastIndexOf('-');
        if (dash <= 0 || dash == stateName.Length - 1)
        {
            return stateName;
        }

        for (var i = dash + 1; i < stateName.Length; i++)
        {
            if (!char.IsAsciiDigit(stateName[i]))
            {
                return stateName;
            }
        }

        return stateName[..dash];
    }
}
