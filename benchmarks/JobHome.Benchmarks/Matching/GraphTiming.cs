using System.Diagnostics;
using System.Globalization;
using System.Text;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Matching.Assignment;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Benchmarks.Matching;

/// <summary>
/// Console helpers for the fair candidate graph: <c>time-graph S P [top] [runs]</c> times
/// <see cref="CandidateGraphBuilder.Build"/> on <see cref="MatchingData"/> and prints a checksum of the graph (to
/// compare builds before and after a change); <c>export-match-csv S P dir</c> writes the same data as
/// <c>seekers.csv</c> / <c>posts.csv</c> for <c>jobhome fair match</c>.
/// </summary>
public static class GraphTiming
{
    /// <summary>Handles the two commands; returns false for other arguments.</summary>
    public static bool TryRun(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 3 || (args[0] != "time-graph" && args[0] != "export-match-csv"))
        {
            return false;
        }
        var seekerCount = Parse(args[1]);
        var postCount = Parse(args[2]);
        MatchSeeker[] seekers = [.. new MatchingData(8).Seekers(seekerCount)];
        MatchPost[] posts = [.. new MatchingData(9).Posts(postCount)];
        if (args[0] == "export-match-csv")
        {
            var dir = args.Length > 3 ? args[3] : ".";
            Directory.CreateDirectory(dir);
            Export(seekers, posts, dir);
            Console.WriteLine($"wrote {dir}/seekers.csv ({seekers.Length} rows), {dir}/posts.csv ({posts.Length} rows, {posts.Sum(p => p.Openings)} openings); use --as-of {MatchingData.AsOf:yyyy-MM-dd}");
            return true;
        }
        var top = args.Length > 3 ? Parse(args[3]) : 50;
        var runs = args.Length > 4 ? Parse(args[4]) : 5;
        var options = new MatchOptions(MatchingData.AsOf);
        var times = new List<double>();
        CandidateGraph? graph = null;
        for (var run = 0; run < runs; run++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            graph = CandidateGraphBuilder.Build(seekers, posts, options, ScoringModel.Default, top);
            watch.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            times.Add(watch.Elapsed.TotalMilliseconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run + 1}: {watch.Elapsed.TotalMilliseconds:F0} ms, allocated {allocated / 1e6:F1} MB, working set {Environment.WorkingSet / 1e6:F0} MB"));
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"graph {seekerCount} x {postCount} top-{top}: {graph!.EdgeCount} edges, checksum {Checksum(graph):X16}; median {times[times.Count / 2]:F0} ms (min {times[0]:F0}, max {times[^1]:F0}, {runs} runs); peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB"));
        return true;
    }

    private static int Parse(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>FNV-1a over row starts, posts and scores: equal graphs give equal checksums.</summary>
    private static ulong Checksum(CandidateGraph graph)
    {
        var h = 14695981039346656037UL;
        void Mix(int v)
        {
            h = (h ^ (uint)v) * 1099511628211UL;
        }
        foreach (var v in graph.EdgeStart)
        {
            Mix(v);
        }
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            Mix(graph.EdgePost[e]);
            Mix(graph.EdgeScore[e]);
        }
        return h;
    }

    private static void Export(MatchSeeker[] seekers, MatchPost[] posts, string dir)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using (var w = new StreamWriter(Path.Combine(dir, "seekers.csv"), append: false, utf8))
        {
            w.Write("id,name,birth_date,gender,education,occupations,skills,expected_pay_min,lat,lon,rural,availability,key_groups\n");
            foreach (var s in seekers)
            {
                w.Write(string.Join(',',
                    s.Id, "x", s.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.Gender == Gender.Male ? "M" : "F",
                    s.Education.ToToken(), string.Join(';', s.Occupations.Select(o => o.ToString())), string.Join(';', s.Skills),
                    s.ExpectedPayMin.ToString(CultureInfo.InvariantCulture), Coordinate(s.Location.Lat), Coordinate(s.Location.Lon),
                    s.Rural ? "1" : "0", WorkKinds.Format(s.Availability), KeyGroupTokens.Format(s.KeyGroups)));
                w.Write('\n');
            }
        }
        using (var w = new StreamWriter(Path.Combine(dir, "posts.csv"), append: false, utf8))
        {
            w.Write("id,employer,title,occupation,openings,pay_min,pay_max,lat,lon,kind,min_education,age_min,age_max,skills\n");
            foreach (var p in posts)
            {
                w.Write(string.Join(',',
                    p.Id, p.EmployerId, p.Title, p.Occupation.ToString(), p.Openings.ToString(CultureInfo.InvariantCulture),
                    p.PayMin.ToString(CultureInfo.InvariantCulture), p.PayMax.ToString(CultureInfo.InvariantCulture),
                    Coordinate(p.Location.Lat), Coordinate(p.Location.Lon), WorkKinds.Format(p.Kind),
                    p.MinEducation == EducationLevel.None ? string.Empty : p.MinEducation.ToToken(),
                    p.AgeMin?.ToString(CultureInfo.InvariantCulture) ?? string.Empty, p.AgeMax?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                    string.Join(';', p.Skills)));
                w.Write('\n');
            }
        }
    }

    private static string Coordinate(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
