using System.Diagnostics;
using System.Globalization;
using System.Text;
using JobHome.Matching.Assignment;

namespace JobHome.Benchmarks.Matching;

/// <summary>
/// Non-BenchmarkDotNet commands for the side-by-side comparison: <c>export-fair DIR [sizes]</c> writes
/// <c>SIZE.pairs.csv</c> (<c>seeker_id,post_id,score</c>, score with 6 decimals) and <c>SIZE.posts.csv</c>
/// (<c>post_id,openings</c>); <c>time-fair DIR SIZE [runs] [objective]</c> reads them back and times our solver.
/// </summary>
public static class FairCommands
{
    /// <summary>Runs a fair command if <paramref name="args"/> names one; false otherwise.</summary>
    public static bool TryRun(string[] args)
    {
        if (args.Length >= 2 && args[0] == "export-fair")
        {
            string[] sizes = args.Length > 2 ? args[2..] : FairInstanceSizes.Names[..2];
            Directory.CreateDirectory(args[1]);
            foreach (string size in sizes)
            {
                Export(FairInstanceSizes.Create(size), Path.Combine(args[1], size));
            }
            return true;
        }
        if (args.Length >= 3 && args[0] == "time-fair")
        {
            int runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
            var objective = args.Length > 4 ? Enum.Parse<FairObjective>(args[4], ignoreCase: true) : FairObjective.Score;
            Time(Import(Path.Combine(args[1], args[2])), args[2], runs, objective);
            return true;
        }
        if (args.Length >= 2 && args[0] == "time-fair-size")
        {
            int runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
            var objective = args.Length > 3 ? Enum.Parse<FairObjective>(args[3], ignoreCase: true) : FairObjective.Score;
            Time(FairInstanceSizes.Create(args[1]), args[1], runs, objective);
            return true;
        }
        return false;
    }

    private static void Time(CandidateGraph graph, string name, int runs, FairObjective objective)
    {
        var times = new List<double>();
        FairAssignment? result = null;
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            result = FairSolver.Solve(graph, objective, FairMode.Optimal, new Reporter());
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"csharp {name} objective={objective} edges={graph.EdgeCount} total_micro={result!.TotalScoreMicro} placed={result.Placed} median_ms={times[times.Count / 2]:F1} min_ms={times[0]:F1} peak_working_set_mb={Environment.WorkingSet / 1048576}"));
    }

    private static void Export(CandidateGraph graph, string prefix)
    {
        var text = new StringBuilder("seeker_id,post_id,score\n");
        for (int s = 0; s < graph.SeekerCount; s++)
        {
            for (int e = graph.EdgeStart[s]; e < graph.EdgeStart[s + 1]; e++)
            {
                int score = graph.EdgeScore[e];
                text.Append(CultureInfo.InvariantCulture, $"{s},{graph.EdgePost[e]},{score / CandidateGraph.ScoreScale}.{score % CandidateGraph.ScoreScale:D6}\n");
            }
        }
        File.WriteAllText(prefix + ".pairs.csv", text.ToString());
        var posts = new StringBuilder("post_id,openings\n");
        for (int p = 0; p < graph.PostCount; p++)
        {
            posts.Append(CultureInfo.InvariantCulture, $"{p},{graph.Capacity[p]}\n");
        }
        File.WriteAllText(prefix + ".posts.csv", posts.ToString());
    }

    private static CandidateGraph Import(string prefix)
    {
        string[] postLines = File.ReadAllLines(prefix + ".posts.csv");
        int[] capacity = new int[postLines.Length - 1];
        for (int i = 1; i < postLines.Length; i++)
        {
            string[] parts = postLines[i].Split(',');
            capacity[int.Parse(parts[0], CultureInfo.InvariantCulture)] = int.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        string[] pairLines = File.ReadAllLines(prefix + ".pairs.csv");
        var seekers = new int[pairLines.Length - 1];
        var postIds = new int[pairLines.Length - 1];
        var scores = new int[pairLines.Length - 1];
        int seekerCount = 0;
        for (int i = 1; i < pairLines.Length; i++)
        {
            string[] parts = pairLines[i].Split(',');
            seekers[i - 1] = int.Parse(parts[0], CultureInfo.InvariantCulture);
            postIds[i - 1] = int.Parse(parts[1], CultureInfo.InvariantCulture);
            scores[i - 1] = (int)decimal.Round(decimal.Parse(parts[2], CultureInfo.InvariantCulture) * CandidateGraph.ScoreScale);
            seekerCount = Math.Max(seekerCount, seekers[i - 1] + 1);
        }

        // The exporter writes rows grouped by seeker in order, so the CSR arrays follow directly.
        int[] edgeStart = new int[seekerCount + 1];
        foreach (int s in seekers)
        {
            edgeStart[s + 1]++;
        }
        for (int s = 0; s < seekerCount; s++)
        {
            edgeStart[s + 1] += edgeStart[s];
        }
        return new CandidateGraph(seekerCount, capacity, edgeStart, postIds, scores);
    }
}

/// <summary>Prints the augment phase size.</summary>
internal sealed class Reporter : IProgress<SolveProgress>
{
    /// <inheritdoc/>
    public void Report(SolveProgress value)
    {
        if (value.Done == value.Total && value.Phase == "augment")
        {
            Console.WriteLine($"augment {value.Total}");
        }
    }
}
