namespace JobHome.Storage.Sqlite;

/// <summary>One caller's write, queued for the writer loop; its task completes only after the batch holding it committed.</summary>
internal abstract class SqliteWriteOperation
{
    /// <summary>Runs the statements inside the batch transaction; may run again if another operation of the batch failed.</summary>
    public abstract void Execute(SqliteWriteContext context);

    /// <summary>Completes the caller's task with the result of the last <see cref="Execute"/>, after commit.</summary>
    public abstract void Complete();

    /// <summary>Fails the caller's task.</summary>
    public abstract void Fail(Exception exception);
}
