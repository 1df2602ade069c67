namespace JobHome.Storage.Sqlite;

/// <summary>One caller's write, queued for the writer loop; its task completes only after the batch holding it committed.</summary>
internal abstract class SqliteWriteOperation
{
    /// <summary>When the caller queued it (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>).</summary>
    public abstract long QueuedAt { get; }

    /// <summary>What the write is for (counted per kind once committed).</summary>
    public abstract SqliteWriteLabel Label { get; }

    /// <summary>Runs the statements inside the batch transaction; may run again if another operation of the batch failed.</summary>
    public abstract void Execute(SqliteWriteContext context);

    /// <summary>Runs the caller's after-commit action, then completes its task with the result of the last <see cref="Execute"/>.</summary>
    public abstract void Complete();

    /// <summary>Fails the caller's task.</summary>
    public abstract void Fail(Exception exception);
}
