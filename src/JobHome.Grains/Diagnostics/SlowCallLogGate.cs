using System.Collections.Concurrent;

namespace JobHome.Grains.Diagnostics;

/// <summary>
/// Lets one slow-call log line per key (grain type and method) through per <see cref="Interval"/> and counts the ones held
/// back, so a saturated silo (thousands of slow calls a minute) logs a few lines that say how many they stand for, while
/// the slow-call counter on /metrics stays exact.
/// </summary>
public sealed class SlowCallLogGate(TimeProvider time, TimeSpan interval)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>At most one line per key in this long (on the silo's clock).</summary>
    public TimeSpan Interval { get; } = interval > TimeSpan.Zero
        ? interval
        : throw new ArgumentOutOfRangeException(nameof(interval), interval, "must be positive");

    /// <summary>
    /// True when a line for <paramref name="key"/> may be written now; <paramref name="heldBack"/> is then the number of
    /// slow calls of that key not logged since its last line.
    /// </summary>
    public bool TryEnter(string key, out int heldBack)
    {
        ArgumentNullException.ThrowIfNull(key);
        var entry = _entries.GetOrAdd(key, static _ => new Entry());
        var now = time.GetUtcNow();
        lock (entry)
        {
            if (entry.Next is { } next && now < next)
            {
                entry.HeldBack++;
                heldBack = 0;
                return false;
            }
            heldBack = entry.HeldBack;
            entry.HeldBack = 0;
            entry.Next = now + Interval;
            return true;
        }
    }

    private sealed class Entry
    {
        public DateTimeOffset? Next { get; set; }

        public int HeldBack { get; set; }
    }
}
