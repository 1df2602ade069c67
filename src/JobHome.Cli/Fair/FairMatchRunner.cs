using System.Diagnostics;
using System.Globalization;
using JobHome.Cli.Console;
using JobHome.Cli.Model;
using JobHome.Matching.Assignment;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Cli.Fair;

/// <summary>
/// Runs <c>fair match</c>: read and validate both files completely, build the candidate graph, solve, recommend,
/// then write every output through one <see cref="OutputSet"/> so that a failure leaves nothing behind.
/// </summary>
/// <param name="engineFactory">
/// Creates the engine from the model JSON (null = default model); throws <see cref="FormatException"/> for a bad model.
/// </param>
/// <param name="output">Receives the summary.</param>
/// <param name="error">Receives errors.</param>
/// <param name="progress">Shows phase progress.</param>
internal sealed class FairMatchRunner(Func<string?, IFairEngine> engineFactory, TextWriter output, TextWriter error,
    IPhaseProgress progress)
{
    /// <summary>At most this many input problems are printed; the rest are counted.</summary>
    public const int MaxShownIssues = 20;

    private readonly Func<string?, IFairEngine> _engineFactory = engineFactory;
    private readonly TextWriter _output = output;
    private readonly TextWriter _error = error;
    private readonly IPhaseProgress _progress = progress;

    /// <summary>Runs the request; returns the process exit code.</summary>
    public int Run(FairMatchRequest request, CancellationToken cancellationToken)
    {
        var summary = new FairSummary();
        var total = Stopwatch.StartNew();
        if (PathClash(request) is { } clash)
        {
            _error.WriteLine($"error: {clash}; nothing was written");
            return ExitCodes.Usage;
        }
        if (!ModelFile.TryLoad(request.ModelPath, _engineFactory, _error, out var engine))
        {
            return ExitCodes.InvalidInput;
        }

        // Reading is timed from the start: checking the paths and loading the model are part of getting the input.
        var (seekers, posts, issues) = ReadInputs(request);
        summary.Phases.Add(("read", total.Elapsed));
        if (!CheckInputs(request, seekers, posts, issues))
        {
            return ExitCodes.InvalidInput;
        }
        cancellationToken.ThrowIfCancellationRequested();
        summary.Seekers = seekers.Items.Count;
        summary.Posts = posts.Items.Count;
        summary.Openings = posts.Items.Sum(p => (long)p.Openings);
        summary.RejectedRows = issues.Select(i => (i.File, i.Line)).Distinct().Count();

        var graph = Timed(summary, "index/graph", "graph", seekers.Items.Count,
            phase => engine.BuildGraph(seekers.Items, posts.Items, request.Settings, phase, cancellationToken));
        summary.CandidatePairs = graph.EdgeCount;

        // The solve runs on one thread; the recommendations (when asked for) do not depend on it, so they run beside it
        // on the other cores, and assignment.csv is written while they finish.
        using var stopRecommending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var recommending = request.RecommendationsOutPath is null
            ? null
            : Task.Run(() => Timed("recommend", seekers.Items.Count, phase =>
                engine.Recommend(seekers.Items, posts.Items, request.Settings, request.RecommendationsPerSeeker, phase,
                    stopRecommending.Token)), stopRecommending.Token);
        FairAssignment assignment;
        TimeSpan solveTime;
        try
        {
            (assignment, solveTime) = Timed("solve", MatchingFairEngine.SolveSteps,
                phase => engine.Solve(graph, request.Settings, phase, cancellationToken));
        }
        catch
        {
            stopRecommending.Cancel();
            ObserveQuietly(recommending);
            throw;
        }
        summary.Phases.Add(("solve", solveTime));
        var edgeOfSeeker = AssignmentCheck.EdgesOf(graph, assignment);
        summary.Placed = assignment.Placed;
        summary.OpeningsFilled = assignment.OpeningsFilled;
        summary.TotalScoreMicro = assignment.TotalScoreMicro;

        var result = new FairResult(seekers.Items, posts.Items, graph, edgeOfSeeker, null, issues);
        bool written;
        try
        {
            written = TryWriteOutputs(request, result, recommending, summary, cancellationToken);
        }
        finally
        {
            if (recommending is { IsCompletedSuccessfully: false })
            {
                stopRecommending.Cancel();
                ObserveQuietly(recommending);
            }
        }
        if (!written)
        {
            return ExitCodes.OutputFailed;
        }
        summary.Phases.Add(("total", total.Elapsed));

        if (request.SkipInvalid && issues.Count > 0)
        {
            _error.WriteLine($"warning: {summary.RejectedRows} invalid rows skipped ({issues.Count} problems); see {request.RejectsPath}");
        }
        summary.Print(_output);
        return ExitCodes.Ok;
    }

    /// <summary>Reads both files in parallel; every problem of both is collected.</summary>
    private (CsvLoad<MatchSeeker> Seekers, CsvLoad<MatchPost> Posts, List<CsvIssue> Issues) ReadInputs(FairMatchRequest request)
    {
        CsvLoad<MatchSeeker>? seekers = null;
        CsvLoad<MatchPost>? posts = null;
        using (var phase = _progress.Start("read", 2))
        {
            var done = 0;
            Parallel.Invoke(
                () =>
                {
                    seekers = SeekerCsv.Read(request.SeekersPath, request.Settings.AsOf);
                    phase.Report(Interlocked.Increment(ref done));
                },
                () =>
                {
                    posts = PostCsv.Read(request.PostsPath);
                    phase.Report(Interlocked.Increment(ref done));
                });
        }
        return (seekers!, posts!, [.. seekers!.Issues, .. posts!.Issues]);
    }

    /// <summary>Prints the problems and returns false when the run cannot go on with what was read.</summary>
    private bool CheckInputs(FairMatchRequest request, CsvLoad<MatchSeeker> seekers, CsvLoad<MatchPost> posts, List<CsvIssue> issues)
    {
        var usable = seekers.Usable && posts.Usable;
        if (!usable || (issues.Count > 0 && !request.SkipInvalid))
        {
            PrintIssues(issues, request.SkipInvalid && !usable);
            return false;
        }
        if (seekers.Items.Count == 0 || posts.Items.Count == 0)
        {
            PrintIssues(issues, skipping: false);
            var empty = Path.GetFileName(seekers.Items.Count == 0 ? request.SeekersPath : request.PostsPath);
            _error.WriteLine($"error: {empty} has no valid data rows (没有有效数据); nothing was written");
            return false;
        }
        return true;
    }

    /// <summary>Runs one phase with its progress display; returns its result and how long it took.</summary>
    private (T Result, TimeSpan Elapsed) Timed<T>(string phaseName, long steps, Func<ProgressPhase, T> work)
    {
        var clock = Stopwatch.StartNew();
        T result;
        using (var phase = _progress.Start(phaseName, steps))
        {
            result = work(phase);
        }
        return (result, clock.Elapsed);
    }

    /// <summary>Runs one phase with its progress display and records its time under <paramref name="label"/>.</summary>
    private T Timed<T>(FairSummary summary, string label, string phaseName, long steps, Func<ProgressPhase, T> work)
    {
        var (result, elapsed) = Timed(phaseName, steps, work);
        summary.Phases.Add((label, elapsed));
        return result;
    }

    /// <summary>Waits for a task that is being abandoned, so that it does not run on (or fail) unobserved.</summary>
    private static void ObserveQuietly(Task? task)
    {
        try
        {
            task?.Wait(CancellationToken.None);
        }
        catch (AggregateException)
        {
            // The first failure is the one being reported.
        }
    }

    /// <summary>
    /// Writes every output, all or nothing; prints the failure and returns false when a file cannot be written. The
    /// assignment (and pairs) are written first, then the recommendations once <paramref name="recommending"/> is done;
    /// records the recommend phase and the write phase (time spent writing, not waiting) in <paramref name="summary"/>.
    /// </summary>
    private bool TryWriteOutputs(FairMatchRequest request, FairResult result,
        Task<(IReadOnlyList<IReadOnlyList<Recommendation>> Result, TimeSpan Elapsed)>? recommending, FairSummary summary,
        CancellationToken cancellationToken)
    {
        var writing = TimeSpan.Zero;
        try
        {
            using var outputs = new OutputSet();
            var clock = Stopwatch.StartNew();
            using var phase = _progress.Start("write", 4);
            outputs.WriteCsv(request.OutPath, csv => FairOutputs.WriteAssignment(csv, result));
            phase.Report(1);
            if (request.PairsOutPath is { } pairsPath)
            {
                outputs.Write(pairsPath, writer => FairOutputs.WritePairs(writer, result));
            }
            phase.Report(2);
            writing += clock.Elapsed;
            if (recommending is not null)
            {
                var (recommendations, elapsed) = recommending.GetAwaiter().GetResult();
                summary.Phases.Add(("recommend", elapsed));
                result = result with { Recommendations = recommendations };
            }
            cancellationToken.ThrowIfCancellationRequested();
            clock.Restart();
            if (request.RecommendationsOutPath is { } recommendationsPath)
            {
                outputs.WriteCsv(recommendationsPath, csv => FairOutputs.WriteRecommendations(csv, result));
            }
            phase.Report(3);
            if (request.SkipInvalid)
            {
                outputs.WriteCsv(request.RejectsPath, csv => FairOutputs.WriteRejects(csv, result.Issues));
            }
            cancellationToken.ThrowIfCancellationRequested();
            outputs.Commit();
            phase.Report(4);
            summary.Phases.Add(("write", writing + clock.Elapsed));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _error.WriteLine($"error: cannot write the output files (无法写入输出文件): {ex.Message}; nothing was written");
            return false;
        }
    }

    /// <summary>Names two options that point at the same file, which would overwrite an input or another output.</summary>
    private static string? PathClash(FairMatchRequest request)
    {
        var files = new List<(string Option, string Path)>
        {
            ("--seekers", request.SeekersPath), ("--posts", request.PostsPath), ("--out", request.OutPath),
        };
        if (request.PairsOutPath is { } pairs)
        {
            files.Add(("--pairs-out", pairs));
        }
        if (request.RecommendationsOutPath is { } recommendations)
        {
            files.Add(("--recommendations-out", recommendations));
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
            _error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"error: … and {issues.Count - MaxShownIssues} more problems (共 {issues.Count} 个问题)"));
        }
        if (issues.Count > 0)
        {
            _error.WriteLine(skipping
                ? "a file cannot be read at all, so --skip-invalid cannot go on; nothing was written (未写入任何文件)"
                : "nothing was written (未写入任何文件); fix the rows above or pass --skip-invalid to write them to rejects.csv and go on");
        }
    }
}
