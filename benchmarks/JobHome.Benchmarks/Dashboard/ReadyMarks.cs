using System.Collections.Concurrent;

namespace JobHome.Benchmarks.Dashboard;

/// <summary>
/// The browser's <c>jobhome:ready</c> times of every invocation, per benchmark method, in order; read by
/// <see cref="ReadyMarkColumn"/>. Works because the dashboard job runs in process (<see cref="DashboardPageConfig"/>).
/// </summary>
internal static class ReadyMarks
{
    private static readonly ConcurrentDictionary<string, List<double>> Marks = new();

    /// <summary>Records one invocation's mark of <paramref name="method"/>.</summary>
    public static void Add(string method, double milliseconds)
    {
        var list = Marks.GetOrAdd(method, _ => []);
        lock (list)
        {
            list.Add(milliseconds);
        }
    }

    /// <summary>
    /// The last <paramref name="count"/> marks of <paramref name="method"/>: the measured iterations, which follow the warm-up.
    /// </summary>
    public static double[] Last(string method, int count)
    {
        if (!Marks.TryGetValue(method, out var list))
        {
            return [];
        }

        lock (list)
        {
            return [.. list.Skip(Math.Max(0, list.Count - count))];
        }
    }
}
