using System.Globalization;
using JobHome.Cli.Console;
using JobHome.Matching.Scoring;
using JobHome.Ranking.Bundle;
using JobHome.Ranking.Rerank;

namespace JobHome.Cli.Model;

/// <summary>
/// Runs <c>model train</c> on stage-layout outcomes: both stages, held-out metrics for each, and the bundle (model.zip) only when
/// the re-ranker beats the linear stage on held-out NDCG@10.
/// </summary>
internal sealed class TwoStageTrainRunner(TextWriter output, TextWriter error, IPhaseProgress progress)
{
    private readonly TextWriter _output = output;
    private readonly TextWriter _error = error;
    private readonly IPhaseProgress _progress = progress;

    /// <summary>Runs the request; returns the process exit code.</summary>
    public int Run(ModelTrainRequest request, CancellationToken cancellationToken)
    {
        var file = Path.GetFileName(request.OutcomesPath);
        if (request.SeekersPath is null || request.PostsPath is null)
        {
            _error.WriteLine(
                $"error: {file} gives outcomes by seeker_id,post_id; pass --seekers and --posts so the features can be computed");
            return ExitCodes.Usage;
        }
        var options = new MatchOptions(request.AsOf, request.MaxKm);
        IReadOnlyList<RankRow> rows;
        using (var phase = _progress.Start("read", 1))
        {
            var seekers = SeekerCsv.Read(request.SeekersPath, request.AsOf);
            var posts = PostCsv.Read(request.PostsPath);
            var issues = new List<CsvIssue>([.. seekers.Issues, .. posts.Issues]);
            var seekerById = seekers.Items.ToDictionary(s => s.Id, StringComparer.Ordinal);
            var postById = posts.Items.ToDictionary(p => p.Id, StringComparer.Ordinal);
            var outcomes = OutcomeCsv.ReadStages(request.OutcomesPath, seekerById.Keys.ToHashSet(StringComparer.Ordinal),
                postById.Keys.ToHashSet(StringComparer.Ordinal), Path.GetFileName(request.SeekersPath),
                Path.GetFileName(request.PostsPath));
            issues.AddRange(outcomes.Issues);
            if (issues.Count > 0)
            {
                foreach (var issue in issues.Take(20))
                {
                    _error.WriteLine($"error: {issue}");
                }
                _error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{issues.Count} problems; nothing was written (未写入任何文件)"));
                return ExitCodes.InvalidInput;
            }
            if (!outcomes.Items.Any(o => o.Placed) || outcomes.Items.All(o => o.Placed))
            {
                _error.WriteLine(
                    $"error: {file} needs outcomes of both kinds, placed = 1 and placed = 0 (需同时包含就业与未就业记录); nothing was written");
                return ExitCodes.InvalidInput;
            }
            rows = RankRowBuilder.Build(outcomes.Items, seekerById, postById, options);
            phase.Report(1);
        }
        cancellationToken.ThrowIfCancellationRequested();

        TwoStageResult result;
        using (_progress.Start("train", 1))
        {
            try
            {
                result = TwoStageTrainer.Train(rows, request.Split, request.L2);
            }
            catch (ArgumentException ex)
            {
                _error.WriteLine($"error: {file}: {ex.Message}; nothing was written");
                return ExitCodes.InvalidInput;
            }
        }
        var inv = CultureInfo.InvariantCulture;
        var split = request.Split == SplitKind.Time ? "time (last 20 % of days)" : "seeker (one in five)";
        _output.WriteLine(string.Create(inv, $"trained on {result.TrainRows:N0} pairs in {result.TrainGroups:N0} lists; ")
            + string.Create(inv, $"held out {result.HeldOutRows:N0} pairs in {result.HeldOutGroups:N0} lists, split by {split}"));
        _output.WriteLine($"  {"held-out (验证集)",-22} {"AUC",7} {"NDCG@10",8} {"MAP",7}");
        Line("linear stage (线性)", result.LinearMetrics);
        Line("re-ranker (重排序)", result.RerankerMetrics);
        Line("  without context", result.WithoutContextMetrics);
        _output.WriteLine("  (context = post freshness, popularity and application history; 岗位新鲜度、热度与投递记录)");
        var gain = result.RerankerMetrics.Ndcg10 - result.LinearMetrics.Ndcg10;
        if (!result.RerankerWins)
        {
            var (rerank, linear) = (result.RerankerMetrics.Ndcg10, result.LinearMetrics.Ndcg10);
            _error.WriteLine("error: the re-ranker does not beat the linear stage on held-out data: "
                + string.Create(inv, $"NDCG@10 {rerank:0.0000} vs {linear:0.0000} ({gain:+0.0000;-0.0000}); ")
                + "it must be higher (重排序模型未优于线性模型); nothing was written");
            return ExitCodes.InvalidInput;
        }
        try
        {
            var full = Path.GetFullPath(request.OutPath);
            var directory = Path.GetDirectoryName(full) ?? ".";
            Directory.CreateDirectory(directory);
            var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                {
                    ModelBundle.Write(result, request.Split, stream);
                }
                File.Move(temp, full, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _error.WriteLine($"error: cannot write {Path.GetFileName(request.OutPath)} (无法写入模型文件): {ex.Message}; nothing was written");
            return ExitCodes.OutputFailed;
        }
        _output.WriteLine(string.Create(inv, $"re-ranker beats the linear stage by {gain:+0.0000} NDCG@10"));
        _output.WriteLine("  linear weights: " + string.Join(", ",
            Enum.GetValues<Factor>().Select(f => string.Create(inv, $"{FactorText.Token(f)} {result.Linear.Weight(f):0.000}"))));
        _output.WriteLine($"model written to {request.OutPath}");
        return ExitCodes.Ok;
    }

    private void Line(string label, RankingMetrics m) =>
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label,-22} {m.Auc,7:0.0000} {m.Ndcg10,8:0.0000} {m.Map,7:0.0000}"));
}
