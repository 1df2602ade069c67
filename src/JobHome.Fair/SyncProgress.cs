namespace JobHome.Fair;

/// <summary>An <see cref="IProgress{T}"/> that reports synchronously on the caller's thread (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Action<T> _report = report;

    /// <inheritdoc />
    public void Report(T value) => _report(value);
}
