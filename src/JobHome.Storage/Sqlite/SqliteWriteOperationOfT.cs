namespace JobHome.Storage.Sqlite;

/// <summary>A queued write whose statements produce a <typeparamref name="T"/> for the caller.</summary>
internal sealed class SqliteWriteOperation<T>(Func<SqliteWriteContext, T> execute, Action? committed, long queuedAt)
    : SqliteWriteOperation
{
    // Continuations run on the thread pool, never inline on the writer loop.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    /// <summary>Completes after the operation's batch committed (or failed).</summary>
    public Task<T> Task => _completion.Task;

    public override long QueuedAt => queuedAt;

    public override void Execute(SqliteWriteContext context) => _result = execute(context);

    // The action must not throw (the writer loop would fail the rest of the committed batch): signals only.
    public override void Complete()
    {
        committed?.Invoke();
        _completion.TrySetResult(_result!);
    }

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
