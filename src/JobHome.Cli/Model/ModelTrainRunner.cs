using System.Globalization;
using JobHome.Cli.Console;
using JobHome.Matching.Scoring;
using JobHome.Ranking.Linear;

namespace JobHome.Cli.Model;

/// <summary>Runs <c>model train</c>: read outcomes, fit, write model.json atomically, print the weights.</summary>
internal sealed class ModelTrainRunner(TextWriter output, TextWriter error, IPhaseProgress progress)
{
    private readonly TextWriter _output = output;
    private readonly TextWriter _error = error;
    private readonly IPhaseProgress _progress = progress;

    /// <summary>Runs the request; returns the process exit code.</summary>
    public int Run(ModelTrainRequest request, CancellationToken cancellationToken)
    {
        if (OutcomeCsv.UsesStages(request.OutcomesPath))
        {
            return new TwoStageTrainRunner(_output, _error, _progress).Run(request, cancellationToken);
        }
        CsvLoad<TrainingExample> examples;
        var issues = new List<CsvIssue>();
        using (var phase = _progress.Start("read", 1))
        {
            if (OutcomeCsv.UsesIds(request.OutcomesPath))
            {
                if (request.SeekersPath is null || request.PostsPath is null)
                {
                    _error.WriteLine($"error: {Path.GetFileName(request.OutcomesPath)} gives outcomes by seeker_id,post_id; "
                        + "pass --seekers and --posts so the factors can be computed");
                    return ExitCodes.Usage;
                }
                var seekers = SeekerCsv.Read(request.SeekersPath, request.AsOf);
                var posts = PostCsv.Read(request.PostsPath);
                issues.AddRange(seekers.Issues);
                issues.AddRange(posts.Issues);
                var options = new MatchOptions(request.AsOf, request.MaxKm);
                examples = OutcomeCsv.ReadIds(request.OutcomesPath, seekers.Items, posts.Items, options,
                    Path.GetFileName(request.SeekersPath), Path.GetFileName(request.PostsPath));
            }
            else
            {
                examples = OutcomeCsv.ReadFactors(request.OutcomesPath);
            }
            issues.AddRange(examples.Issues);
            phase.Report(1);
        }
        if (issues.Count > 0)
        {
            foreach (var issue in issues.Take(20))
            {
                _error.WriteLine($"error: {issue}");
            }
            if (issues.Count > 20)
            {
                _error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"error: … and {issues.Count - 20} more problems (共 {issues.Count} 个问题)"));
            }
            _error.WriteLine("nothing was written (未写入任何文件)");
            return ExitCodes.InvalidInput;
        }
        if (examples.Items.Count == 0 || examples.Items.All(e => e.Placed) || examples.Items.All(e => !e.Placed))
        {
            _error.WriteLine($"error: {Path.GetFileName(request.OutcomesPath)} needs outcomes of both kinds, placed = 1 and placed = 0 "
                + "(需同时包含就业与未就业记录); nothing was written");
            return ExitCodes.InvalidInput;
        }
        cancellationToken.ThrowIfCancellationRequested();

        ScoringModel model;
        using (_progress.Start("train", 1))
        {
            model = LinearStageTrainer.Train(examples.Items, request.L2);
        }

        try
        {
            using var outputs = new OutputSet();
            outputs.Write(request.OutPath, w => w.Write(model.ToJson()));
            outputs.Commit();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _error.WriteLine($"error: cannot write {Path.GetFileName(request.OutPath)} (无法写入模型文件): {ex.Message}; nothing was written");
            return ExitCodes.OutputFailed;
        }

        var inv = CultureInfo.InvariantCulture;
        _output.WriteLine(string.Create(
            inv,
            $"trained on {model.TrainedOn:N0} outcomes ({examples.Items.Count(e => e.Placed):N0} placed), l2 = {request.L2}"));
        _output.WriteLine($"  {"factor",-22} {"weight",8} {"coefficient",12}");
        foreach (var factor in Enum.GetValues<Factor>())
        {
            var label = $"{FactorText.Token(factor)} ({FactorText.ChineseName(factor)})";
            var coefficient = model.Coefficients is { } c ? c[(int)factor].ToString("0.0000", inv) : "-";
            _output.WriteLine(string.Create(inv, $"  {label,-22} {model.Weight(factor),8:0.0000} {coefficient,12}"));
        }
        if (model.Intercept is { } b)
        {
            _output.WriteLine(string.Create(inv, $"  {"intercept",-22} {string.Empty,8} {b,12:0.0000}"));
        }
        _output.WriteLine($"model written to {request.OutPath}");
        return ExitCodes.Ok;
    }
}
