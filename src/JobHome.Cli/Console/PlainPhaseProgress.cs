using System.Diagnostics;
using System.Globalization;

namespace JobHome.Cli.Console;

/// <summary>
/// Progress as plain lines (for logs and pipes): one line when a phase starts, one at most every
/// <see cref="Interval"/> while it runs, one when it ends.
/// </summary>
internal sealed class PlainPhaseProgress(TextWriter writer) : IPhaseProgress
{
    /// <summary>Least time between two lines of one phase. Default: 1 second.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly TextWriter _writer = writer;
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public ProgressPhase Start(string name, long total)
    {
        Write($"{name}: started ({total.ToString("N0", CultureInfo.InvariantCulture)} steps)");
        var phase = new Phase(this, name, total);
        return new ProgressPhase(phase.Report, phase.End);
    }

    private void Write(string line)
    {
        lock (_lock)
        {
            _writer.WriteLine(line);
        }
    }

    private sealed class Phase(PlainPhaseProgress owner, string name, long total)
    {
        private readonly PlainPhaseProgress _owner = owner;
        private readonly string _name = name;
        private readonly long _total = total;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _lastTicks;

        /// <summary>Prints a progress line when at least <see cref="Interval"/> has passed since the last one.</summary>
        public void Report(long done)
        {
            var now = _clock.ElapsedTicks;
            var last = Interlocked.Read(ref _lastTicks);
            if (now - last < Interval.TotalSeconds * Stopwatch.Frequency || Interlocked.CompareExchange(ref _lastTicks, now, last) != last)
            {
                return;
            }
            var percent = _total > 0 ? 100.0 * done / _total : 0;
            _owner.Write(string.Create(CultureInfo.InvariantCulture, $"{_name}: {percent:0}% ({done:N0}/{_total:N0})"));
        }

        /// <summary>Prints the phase's elapsed time.</summary>
        public void End() =>
            _owner.Write(string.Create(CultureInfo.InvariantCulture, $"{_name}: done in {_clock.Elapsed.TotalMilliseconds:0} ms"));
    }
}
