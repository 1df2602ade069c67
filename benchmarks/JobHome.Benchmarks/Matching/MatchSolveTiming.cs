using System.Diagnostics;
using System.Globalization;
using JobHome.Matching.Assignment;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Benchmarks.Matching;

/// <summary>
/// Console helper <c>time-match-solve S P [runs]</c>: builds the top-50 candidate graph of <see cref="MatchingData"/>
/// (the data of <c>export-match-csv</c>, so the graph <c>jobhome fair match</c> solves) once, then times the optimal
/// solve for both objectives and prints medians and the objective values.
/// </summary>
public static class MatchSolveTiming
{
    /// <summary>Handles the command; returns false for other arguments.</summary>
    public static bool TryRun(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 3 || args[0] != "time-match-solve")
        {
            return false;
        }
        var seekerCount = int.Parse(args[1], CultureInfo.InvariantCulture);
        var postCount = int.Parse(args[2], CultureInfo.InvariantCulture);
        var runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
        MatchSeeker[] seekers = [.. new MatchingData(8).Seekers(seekerCount)];
        MatchPost[] posts = [.. new MatchingData(9).Posts(postCount)];
        var build = Stopwatch.StartNew();
        var graph = CandidateGraphBuilder.Build(seekers, posts, new MatchOptions(MatchingData.AsOf), ScoringModel.Default, 50);
        Console.WriteLine($"graph {seekerCount} x {postCount}: {graph.EdgeCount} edges, built in {build.ElapsedMilliseconds} ms");
        PrintComponents(graph);
        foreach (var objective in new[] { FairObjective.Score, FairObjective.Placements })
        {
            var times = new List<double>();
            var cpu = new List<double>();
            FairAssignment? result = null;
            for (var run = 0; run < runs; run++)
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                result = FairSolver.Solve(graph, objective, FairMode.Optimal);
                times.Add(watch.Elapsed.TotalMilliseconds);
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
            }
            times.Sort();
            cpu.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{objective}: median {times[times.Count / 2]:F1} ms (min {times[0]:F1}, max {times[^1]:F1}, {runs} runs), "
                + $"CPU median {cpu[cpu.Count / 2]:F1} ms, placed {result!.Placed}, score {result.TotalScoreMicro} micro"));
        }
        return true;
    }

    // Connected components of seekers and posts joined by edges: how far the solve could split into independent parts.
    private static void PrintComponents(CandidateGraph graph)
    {
        var parent = new int[graph.PostCount];
        for (var p = 0; p < parent.Length; p++)
        {
            parent[p] = p;
        }
        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }
        for (var s = 0; s < graph.SeekerCount; s++)
        {
            for (var e = graph.EdgeStart[s] + 1; e < graph.EdgeStart[s + 1]; e++)
            {
                parent[Find(graph.EdgePost[e])] = Find(graph.EdgePost[graph.EdgeStart[s]]);
            }
        }
        var edges = new Dictionary<int, long>();
        for (var s = 0; s < graph.SeekerCount; s++)
        {
            if (graph.EdgeStart[s + 1] > graph.EdgeStart[s])
            {
                var root = Find(graph.EdgePost[graph.EdgeStart[s]]);
                edges[root] = edges.GetValueOrDefault(root) + graph.EdgeStart[s + 1] - graph.EdgeStart[s];
            }
        }
        var largest = edges.Values.OrderDescending().Take(5).Select(v => v.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine($"components with edges: {edges.Count}; largest by edges: {string.Join(", ", largest)}");
    }
}
