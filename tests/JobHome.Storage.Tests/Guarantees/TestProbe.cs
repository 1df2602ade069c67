using System.Collections.Concurrent;

namespace JobHome.Storage.Tests.Guarantees;

/// <summary>
/// Lets test grains (in-process silos share statics with the test) tell the test what happened: a test expects
/// <c>n</c> distinct values under a key and awaits them; reports under keys nobody expects are dropped.
/// </summary>
public static class TestProbe
{
    private static readonly ConcurrentDictionary<string, Expectation> Expectations = new();
    private static long _tickets;

    /// <summary>Starts (or restarts) expecting <paramref name="count"/> distinct values under <paramref name="key"/>.</summary>
    public static Task ExpectAsync(string key, int count)
    {
        var expectation = new Expectation(count);
        Expectations[key] = expectation;
        return expectation.Completion.Task;
    }

    /// <summary>Records <paramref name="value"/> under <paramref name="key"/>.</summary>
    public static void Report(string key, long value)
    {
        if (Expectations.TryGetValue(key, out var expectation))
        {
            expectation.Add(value);
        }
    }

    /// <summary>A value never returned before in this process.</summary>
    public static long NextTicket() => Interlocked.Increment(ref _tickets);

    private sealed class Expectation(int count)
    {
        private readonly HashSet<long> _values = [];

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Add(long value)
        {
            lock (_values)
            {
                if (_values.Add(value) && _values.Count >= count)
                {
                    Completion.TrySetResult();
                }
            }
        }
    }
}
