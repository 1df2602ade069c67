using System.Diagnostics;
using System.Globalization;
using System.Text;
using JobHome.Matching.Assignment;

namespace JobHome.Benchmarks.Matching;

/// <summary>Console helpers: <c>time-fair</c> times one instance, <c>export-fair</c> writes CSV files for the scipy comparison.</summary>
public static class FairTiming
{
    /// <summary>Handles <c>time-fair S P O [seed]</c> and <c>export-fair S P O seed dir</c>; returns false for other arguments.</summary>
    public static bool TryRun(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 4 || (args[0] != "time-fair" && args[0] != "export-fair"))
        {
            return false;
        }
        int seekers = Parse(args[1]);
        int posts = Parse(args[2]);
        int openings = Parse(args[3]);
        int seed = args.Length > 4 ? Parse(args[4]) : 42;
        var build = Stopwatch.StartNew();
        CandidateGraph graph = FairInstances.Create(seekers, posts, openings, seed: seed);
        Console.WriteLine($"instance {seekers} seekers x {posts} posts, {openings} openings, {graph.EdgeCount} edges, built in {build.ElapsedMilliseconds} ms");
        var lines = new StringBuilder();
        foreach (FairObjective objective in new[] { FairObjective.Score, FairObjective.Placements })
        {
            var times = new List<double>();
            FairAssignment? result = null;
            int runs = seekers >= 100_000 ? 3 : 7;
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int run = 0; run < runs; run++)
            {
                var watch = Stopwatch.StartNew();
                result = FairSolver.Solve(graph, objective, FairMode.Optimal);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            long allocated = (GC.GetTotalAllocatedBytes(precise: true) - before) / runs;
            times.Sort();
            double median = times[times.Count / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{objective}: median {median:F1} ms (min {times[0]:F1}, max {times[^1]:F1}, {runs} runs), allocated {allocated / 1e6:F1} MB/solve, placed {result!.Placed}, score {result.TotalScoreMicro} micro, peak working set {Environment.WorkingSet / 1e6:F0} MB"));
            lines.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{objective.ToString().ToLowerInvariant()} {median:F3} {result.Placed} {result.TotalScoreMicro}"));
        }
        if (args[0] == "export-fair")
        {
            string dir = args.Length > 5 ? args[5] : ".";
            Directory.CreateDirectory(dir);
            Export(graph, dir);
            File.WriteAllText(Path.Combine(dir, "ours.txt"), lines.ToString());
            Console.WriteLine($"wrote {dir}/pairs.csv, {dir}/posts.csv, {dir}/ours.txt");
        }
        return true;
    }

    private static int Parse(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static void Export(CandidateGraph graph, string dir)
    {
        using (var pairs = new StreamWriter(Path.Combine(dir, "pairs.csv")))
        {
            pairs.WriteLine("seeker_id,post_id,score");
            for (int s = 0; s < graph.SeekerCount; s++)
            {
                for (int e = graph.EdgeStart[s]; e < graph.EdgeStart[s + 1]; e++)
                {
                    int micro = graph.EdgeScore[e];
                    pairs.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s},{graph.EdgePost[e]},{micro / CandidateGraph.ScoreScale}.{micro % CandidateGraph.ScoreScale:D6}"));
                }
            }
        }
        using var openings = new StreamWriter(Path.Combine(dir, "posts.csv"));
        openings.WriteLine("post_id,openings");
        for (int p = 0; p < graph.PostCount; p++)
        {
            openings.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p},{graph.Capacity[p]}"));
        }
    }
}
