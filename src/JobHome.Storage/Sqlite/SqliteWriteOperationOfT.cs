namespace JobHome.Storage.Sqlite;

/// <summary>A queued write whose statements produce a <typeparamref name="T"/> for the caller.</summary>
internal sealed class SqliteWriteOperation<T>(
    SqliteWriteLabel label,
    Func<SqliteWriteContext, T> execute,
    Action? committed,
    SqliteAckPart? acknowledgement,
    long queuedAt) : SqliteWriteOperation
{
    // Continuations run on the thread pool, never inline on the writer loop.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    /// <summary>Completes after the operation's batch committed (or failed).</summary>
    public Task<T> Task => _completion.Task;

    public override long QueuedAt => queuedAt;

    public override SqliteWriteLabel Label => label;

    public override void Execute(SqliteWriteContext context) => _result = execute(context);

    // The actions must not throw (the writer loop would fail the rest of the committed batch): signals only.
    public override void Complete()
    {
        acknowledgement?.Committed();
        committed?.Invoke();
        _completion.TrySetResult(_result!);
    }

    public override void Fail(Exception exception)
    {
        // On the writer, before it runs the next batch: a later write of the same acknowledgement sees it.
        acknowledgement?.Failed();
        _completion.TrySetException(exception);
    }
}
