using System.Diagnostics;
using System.Globalization;

namespace JobHome.Benchmarks.GrainsMatching;

/// <summary>Console helper <c>time-postlist POSTS SEEKERS CALLS</c>: per-call latency percentiles of a new seeker's post list.</summary>
public static class PostListTiming
{
    /// <summary>Handles <c>time-postlist</c>; returns false for other arguments.</summary>
    public static bool TryRun(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 4 || args[0] != "time-postlist")
        {
            return false;
        }
        RunAsync(Parse(args[1]), Parse(args[2]), Parse(args[3])).GetAwaiter().GetResult();
        return true;
    }

    private static async Task RunAsync(int posts, int seekers, int calls)
    {
        var load = Stopwatch.StartNew();
        await using var cluster = await PostListCluster.StartAsync(posts, seekers);
        Console.WriteLine($"loaded {posts} posts and {seekers} seekers into the partitions in {load.Elapsed.TotalSeconds:F1} s; " +
            $"memory {GC.GetTotalMemory(forceFullCollection: true) / (1 << 20)} MiB");
        for (var i = 0; i < 200; i++)
        {
            await cluster.RegisterNewSeekerAsync();
        }
        var times = new double[calls];
        var listed = 0L;
        for (var i = 0; i < calls; i++)
        {
            var watch = Stopwatch.StartNew();
            listed += await cluster.RegisterNewSeekerAsync();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"register + post list, {calls} new seekers one at a time: mean {times.Average():F2} ms, p50 {P(times, 0.50):F2}, " +
            $"p90 {P(times, 0.90):F2}, p99 {P(times, 0.99):F2}, max {times[^1]:F2} ms; {listed / (double)calls:F1} posts listed on average"));
    }

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static int Parse(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
