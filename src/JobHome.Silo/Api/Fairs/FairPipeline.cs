using System.Diagnostics;
using System.Globalization;
using JobHome.Fair;
using JobHome.Fair.Csv;
using JobHome.Matching.Model;

namespace JobHome.Silo.Api.Fairs;

/// <summary>
/// The <c>jobhome fair match</c> pipeline for one job: read (or collect), candidate graph, solve, recommend, write the
/// assignment and recommendations CSV (all or nothing, through <see cref="OutputSet"/>). Input problems fail the job with
/// the first problems named, as the CLI prints them.
/// </summary>
internal static class FairPipeline
{
    /// <summary>Input problems named in a failed job's error; the rest are counted.</summary>
    public const int MaxShownIssues = 20;

    /// <summary>Runs the job to its end; returns the summary, or null after marking the job failed.</summary>
    public static async Task<FairSummaryResponse?> RunAsync(FairJob job, IGrainFactory grains, int recommendationsPerSeeker,
        Func<DateTimeOffset> now, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<MatchSeeker> seekers;
        IReadOnlyList<MatchPost> posts;
        if (job.SiteCode is { } siteCode)
        {
            (seekers, posts) = await FairInputs.CollectAsync(grains, siteCode, job, cancellationToken);
        }
        else
        {
            job.Enter("read", 2);
            var seekerLoad = SeekerCsv.Read(job.SeekersPath, job.Settings.AsOf);
            job.Report(1);
            var postLoad = PostCsv.Read(job.PostsPath);
            job.Report(2);
            List<CsvIssue> issues = [.. seekerLoad.Issues, .. postLoad.Issues];
            if (!seekerLoad.Usable || !postLoad.Usable || issues.Count > 0)
            {
                job.Fail(Describe(issues), now());
                return null;
            }
            (seekers, posts) = (seekerLoad.Items, postLoad.Items);
        }
        if (seekers.Count == 0 || posts.Count == 0)
        {
            var which = seekers.Count == 0 ? "seekers" : "posts";
            job.Fail($"{which}: no valid rows (没有有效数据): a fair needs at least one seeker and one post with a free opening", now());
            return null;
        }

        return await Task.Run(() => Solve(job, seekers, posts, recommendationsPerSeeker, clock, now, cancellationToken),
            cancellationToken);
    }

    private static FairSummaryResponse Solve(FairJob job, IReadOnlyList<MatchSeeker> seekers, IReadOnlyList<MatchPost> posts, int k,
        Stopwatch clock, Func<DateTimeOffset> now, CancellationToken cancellationToken)
    {
        var engine = MatchingFairEngine.Create(null);
        var progress = new SyncProgress<long>(job.Report);
        job.Enter("graph", seekers.Count);
        var graph = engine.BuildGraph(seekers, posts, job.Settings, progress, cancellationToken);
        job.Enter("solve", MatchingFairEngine.SolveSteps);
        var assignment = engine.Solve(graph, job.Settings, progress, cancellationToken);
        job.Enter("recommend", seekers.Count);
        var recommendations = engine.Recommend(seekers, posts, job.Settings, k, progress, cancellationToken);
        job.Enter("write", 2);
        var result = new FairResult(seekers, posts, graph, AssignmentCheck.EdgesOf(graph, assignment), recommendations, []);
        using (var outputs = new OutputSet())
        {
            outputs.WriteCsv(job.AssignmentPath, csv => FairOutputs.WriteAssignment(csv, result));
            job.Report(1);
            outputs.WriteCsv(job.RecommendationsPath, csv => FairOutputs.WriteRecommendations(csv, result));
            cancellationToken.ThrowIfCancellationRequested();
            outputs.Commit();
            job.Report(2);
        }
        double? mean = assignment.Placed == 0 ? null : assignment.TotalScoreMicro / 1_000_000.0 / assignment.Placed;
        var summary = new FairSummaryResponse(seekers.Count, posts.Count, posts.Sum(p => (long)p.Openings), assignment.Placed, mean,
            job.Objective, job.Mode, Math.Round(clock.Elapsed.TotalSeconds, 3));
        job.Finish(summary, now());
        return summary;
    }

    private static string Describe(IReadOnlyList<CsvIssue> issues)
    {
        var text = string.Join("; ", issues.Take(MaxShownIssues).Select(i => i.ToString()));
        if (issues.Count > MaxShownIssues)
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $"; … and {issues.Count - MaxShownIssues} more problems (共 {issues.Count} 个问题)");
        }
        return issues.Count == 0 ? "the files cannot be read (文件无法读取)" : text;
    }
}
