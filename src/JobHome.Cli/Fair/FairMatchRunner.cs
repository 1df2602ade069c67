using System.Diagnostics;
using System.Globalization;
using JobHome.Cli.Console;
using JobHome.Cli.Csv;
using JobHome.Cli.Model;
using JobHome.Matching.Assignment;
using JobHome.Matching.Model;

namespace JobHome.Cli.Fair;

/// <summary>
/// Runs <c>fair match</c>: read and validate both files completely, build the candidate graph, solve,
/// then write every output through one <see cref="OutputSet"/> so that a failure leaves nothing behind.
/// </summary>
/// <param name="engineFactory">Creates the engine from the model JSON (null = default model); throws <see cref="FormatException"/> for a bad model.</param>
/// <param name="output">Receives the summary.</param>
/// <param name="error">Receives errors.</param>
/// <param name="progress">Shows phase progress.</param>
internal sealed class FairMatchRunner(Func<string?, IFairEngine> engineFactory, TextWriter output, TextWriter error, IPhaseProgress progress)
{
    /// <summary>At most this many input problems are printed; the rest are counted.</summary>
    public const int MaxShownIssues = 20;

    private readonly Func<string?, IFairEngine> _engineFactory = engineFactory;
    private readonly TextWriter _output = output;
    private readonly TextWriter _error = error;
    private readonly IPhaseProgress _progress = progress;

    /// <summary>Runs the request; returns the process exit code.</summary>
    public int Run(FairMatchRequest request, CancellationToken ct)
    {
        var summary = new FairSummary();
        var total = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();

        if (PathClash(request) is { } clash)
        {
            _error.WriteLine($"error: {clash}; nothing was written");
            return ExitCodes.Usage;
        }

        if (!ModelFile.TryLoad(request.ModelPath, _engineFactory, _error, out var engine))
        {
            return ExitCodes.InvalidInput;
        }

        CsvLoad<MatchSeeker>? seekersRead = null;
        CsvLoad<MatchPost>? postsRead = null;
        using (var phase = _progress.Start("read", 2))
        {
            var done = 0;
            Parallel.Invoke(
                () =>
                {
                    seekersRead = SeekerCsv.Read(request.SeekersPath, request.Settings.AsOf);
                    phase.Report(Interlocked.Increment(ref done));
                },
                () =>
                {
                    postsRead = PostCsv.Read(request.PostsPath);
                    phase.Report(Interlocked.Increment(ref done));
                });
        }
        var seekers = seekersRead!;
        var posts = postsRead!;
        summary.Phases.Add(("read", clock.Elapsed));

        var issues = seekers.Issues.Concat(posts.Issues).ToList();
        if (!seekers.Usable || !posts.Usable || (issues.Count > 0 && !request.SkipInvalid))
        {
            PrintIssues(issues, request.SkipInvalid && (!seekers.Usable || !posts.Usable));
            return ExitCodes.InvalidInput;
        }
        if (seekers.Items.Count == 0 || posts.Items.Count == 0)
        {
            PrintIssues(issues, skipping: false);
            var empty = seekers.Items.Count == 0 ? Path.GetFileName(request.SeekersPath) : Path.GetFileName(request.PostsPath);
            _error.WriteLine($"error: {empty} has no valid data rows (没有有效数据); nothing was written");
            return ExitCodes.InvalidInput;
        }
        ct.ThrowIfCancellationRequested();

        summary.Seekers = seekers.Items.Count;
        summary.Posts = posts.Items.Count;
        summary.Openings = posts.Items.Sum(p => (long)p.Openings);
        summary.RejectedRows = issues.Select(i => (i.File, i.Line)).Distinct().Count();

        clock.Restart();
        CandidateGraph graph;
        using (var phase = _progress.Start("graph", seekers.Items.Count))
        {
            graph = engine.BuildGraph(seekers.Items, posts.Items, request.Settings, phase, ct);
        }
        summary.Phases.Add(("index/graph", clock.Elapsed));
        summary.CandidatePairs = graph.EdgeCount;

        clock.Restart();
        FairSolution solution;
        using (var phase = _progress.Start("solve", MatchingFairEngine.SolveSteps))
        {
            solution = engine.Solve(graph, request.Settings, phase, ct);
        }
        summary.Phases.Add(("solve", clock.Elapsed));
        var edgeOfSeeker = AssignmentCheck.EdgesOf(graph, solution);
        summary.Placed = edgeOfSeeker.Count(e => e >= 0);
        summary.OpeningsFilled = summary.Placed;
        summary.TotalScoreMicro = edgeOfSeeker.Where(e => e >= 0).Sum(e => (long)graph.EdgeScore[e]);

        IReadOnlyList<IReadOnlyList<RecommendationRow>>? recommendations = null;
        if (request.RecommendationsOutPath is not null)
        {
            clock.Restart();
            using (var phase = _progress.Start("recommend", seekers.Items.Count))
            {
                recommendations = engine.Recommend(seekers.Items, posts.Items, request.Settings, request.K, phase, ct);
            }
            summary.Phases.Add(("recommend", clock.Elapsed));
        }
        ct.ThrowIfCancellationRequested();

        clock.Restart();
        try
        {
            using var outputs = new OutputSet();
            using (var phase = _progress.Start("write", 4))
            {
                outputs.WriteCsv(request.OutPath, csv => WriteAssignment(csv, seekers.Items, posts.Items, graph, edgeOfSeeker));
                phase.Report(1);
                if (request.PairsOutPath is { } pairsPath)
                {
                    outputs.Write(pairsPath, w => WritePairs(w, seekers.Items, posts.Items, graph));
                }
                phase.Report(2);
                if (request.RecommendationsOutPath is { } recPath && recommendations is not null)
                {
                    outputs.WriteCsv(recPath, csv => WriteRecommendations(csv, seekers.Items, recommendations));
                }
                phase.Report(3);
                if (request.SkipInvalid)
                {
                    outputs.WriteCsv(request.RejectsPath, csv => WriteRejects(csv, issues));
                }
                ct.ThrowIfCancellationRequested();
                outputs.Commit();
                phase.Report(4);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _error.WriteLine($"error: cannot write the output files (无法写入输出文件): {ex.Message}; nothing was written");
            return ExitCodes.OutputFailed;
        }
        summary.Phases.Add(("write", clock.Elapsed));
        summary.Phases.Add(("total", total.Elapsed));

        if (request.SkipInvalid && issues.Count > 0)
        {
            _error.WriteLine($"warning: {summary.RejectedRows} invalid rows skipped ({issues.Count} problems); see {request.RejectsPath}");
        }
        summary.Print(_output);
        return ExitCodes.Ok;
    }

    /// <summary>Names two options that point at the same file, which would overwrite an input or another output.</summary>
    private static string? PathClash(FairMatchRequest request)
    {
        var files = new List<(string Option, string Path)> { ("--seekers", request.SeekersPath), ("--posts", request.PostsPath), ("--out", request.OutPath) };
        if (request.PairsOutPath is { } pairs)
        {
            files.Add(("--pairs-out", pairs));
        }
        if (request.RecommendationsOutPath is { } recs)
        {
            files.Add(("--recommendations-out", recs));
        }
        if (request.ModelPath is { } model)
        {
            files.Add(("--model", model));
        }
        if (request.SkipInvalid)
        {
            files.Add(("rejects.csv of --skip-invalid", request.RejectsPath));
        }
        var comparer = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        for (var i = 0; i < files.Count; i++)
        {
            for (var j = i + 1; j < files.Count; j++)
            {
                if (comparer.Equals(Path.GetFullPath(files[i].Path), Path.GetFullPath(files[j].Path)))
                {
                    return $"{files[i].Option} and {files[j].Option} name the same file {Path.GetFileName(files[i].Path)}";
                }
            }
        }
        return null;
    }

    private void PrintIssues(IReadOnlyList<CsvIssue> issues, bool skipping)
    {
        foreach (var issue in issues.Take(MaxShownIssues))
        {
            _error.WriteLine($"error: {issue}");
        }
        if (issues.Count > MaxShownIssues)
        {
            _error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: … and {issues.Count - MaxShownIssues} more problems (共 {issues.Count} 个问题)"));
        }
        if (issues.Count > 0)
        {
            _error.WriteLine(skipping
                ? "a file cannot be read at all, so --skip-invalid cannot go on; nothing was written (未写入任何文件)"
                : "nothing was written (未写入任何文件); fix the rows above or pass --skip-invalid to write them to rejects.csv and go on");
        }
    }

    private static void WriteAssignment(CsvOutput csv, IReadOnlyList<MatchSeeker> seekers, IReadOnlyList<MatchPost> posts, CandidateGraph graph, int[] edgeOfSeeker)
    {
        csv.Row("seeker_id", "post_id", "score");
        for (var s = 0; s < seekers.Count; s++)
        {
            var e = edgeOfSeeker[s];
            if (e >= 0)
            {
                csv.Row(seekers[s].Id, posts[graph.EdgePost[e]].Id, ScoreText.FromMicro(graph.EdgeScore[e]));
            }
        }
    }

    private static void WritePairs(TextWriter writer, IReadOnlyList<MatchSeeker> seekers, IReadOnlyList<MatchPost> posts, CandidateGraph graph)
    {
        // A million rows: escape each id once and format scores without allocating.
        new CsvOutput(writer).Row("seeker_id", "post_id", "score");
        var postIds = posts.Select(p => CsvText.Escape(p.Id)).ToArray();
        for (var s = 0; s < graph.SeekerCount; s++)
        {
            var seekerId = CsvText.Escape(seekers[s].Id);
            for (var e = graph.EdgeStart[s]; e < graph.EdgeStart[s + 1]; e++)
            {
                writer.Write(seekerId);
                writer.Write(',');
                writer.Write(postIds[graph.EdgePost[e]]);
                writer.Write(',');
                ScoreText.WriteMicro(writer, graph.EdgeScore[e]);
                writer.Write('\n');
            }
        }
    }

    private static void WriteRecommendations(CsvOutput csv, IReadOnlyList<MatchSeeker> seekers, IReadOnlyList<IReadOnlyList<RecommendationRow>> recommendations)
    {
        csv.Row("seeker_id", "rank", "post_id", "score", "factors");
        for (var s = 0; s < seekers.Count; s++)
        {
            var rank = 1;
            foreach (var rec in recommendations[s])
            {
                csv.Row(seekers[s].Id, (rank++).ToString(CultureInfo.InvariantCulture), rec.PostId, ScoreText.FromScore(rec.Score), rec.Factors);
            }
        }
    }

    private static void WriteRejects(CsvOutput csv, IReadOnlyList<CsvIssue> issues)
    {
        csv.Row("file", "line", "column", "value", "reason");
        foreach (var issue in issues)
        {
            csv.Row(issue.File, issue.Line.ToString(CultureInfo.InvariantCulture), issue.Column, issue.Value, issue.Reason);
        }
    }
}
