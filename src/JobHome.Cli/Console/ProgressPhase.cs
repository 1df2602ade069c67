namespace JobHome.Cli.Console;

/// <summary>
/// A running phase of an <see cref="IPhaseProgress"/> display: reports are synchronous and cheap and may come from any
/// thread; disposing ends the phase (once).
/// </summary>
internal sealed class ProgressPhase(Action<long> report, Action end) : IProgress<long>, IDisposable
{
    private readonly Action<long> _report = report;
    private readonly Action _end = end;
    private int _ended;

    /// <summary>Sets the number of steps done so far.</summary>
    public void Report(long value) => _report(value);

    /// <summary>Ends the phase; later calls do nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            _end();
        }
    }
}
