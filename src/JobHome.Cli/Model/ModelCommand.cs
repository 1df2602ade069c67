using System.CommandLine;
using JobHome.Cli.Console;
using JobHome.Ranking.Rerank;

namespace JobHome.Cli.Model;

/// <summary>The <c>jobhome model</c> command group: <c>model train</c>.</summary>
internal static class ModelCommand
{
    /// <summary>Builds <c>model</c> with its <c>train</c> subcommand.</summary>
    public static Command Create()
    {
        var outcomes = new Option<FileInfo>("--outcomes")
        {
            Description = "Placement outcomes CSV: seeker_id,post_id,placed or seeker_id,post_id,date,rank,applied,placed "
                + "(both need --seekers and --posts; the second trains the re-ranker too) "
                + "or occupation,skills,pay,distance,priority,placed",
            Required = true,
        };
        var output = new Option<FileInfo>("--out")
        {
            Description = "Model file to write: model.json (linear stage) or, for stage-layout outcomes, model.zip (both stages)",
            Required = true,
        };
        var split = new Option<string>("--split")
        {
            Description = "Held-out part of stage-layout outcomes: time (last 20 % of days) or seeker (one in five)",
            DefaultValueFactory = _ => "time",
        };
        split.AcceptOnlyFromAmong("time", "seeker");
        var l2 = new Option<double>("--l2")
        {
            Description = "L2 regularisation strength of the logistic regression",
            DefaultValueFactory = _ => 1.0,
        };
        l2.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!double.IsFinite(value) || value < 0)
            {
                result.AddError("--l2 must be a number ≥ 0");
            }
        });
        var seekers = new Option<FileInfo>("--seekers") { Description = "Seekers CSV, for outcomes given by id" };
        var posts = new Option<FileInfo>("--posts") { Description = "Posts CSV, for outcomes given by id" };
        var asOf = CommandOptions.AsOf();
        var maxKm = CommandOptions.MaxKm("Commuting limit in km used for the distance factor");

        var train = new Command("train", "Learn scoring weights (and, from stage outcomes, a re-ranker) and write model.json or model.zip");
        Option[] options = [outcomes, output, l2, seekers, posts, asOf, maxKm, split];
        foreach (var option in options)
        {
            train.Options.Add(option);
        }
        train.SetAction((parseResult, cancellationToken) =>
        {
            var request = new ModelTrainRequest(
                parseResult.GetRequiredValue(outcomes).FullName,
                parseResult.GetRequiredValue(output).FullName,
                parseResult.GetValue(l2),
                parseResult.GetValue(seekers)?.FullName,
                parseResult.GetValue(posts)?.FullName,
                CommandOptions.AsOfDate(parseResult, asOf),
                parseResult.GetValue(maxKm),
                parseResult.GetValue(split) == "seeker" ? SplitKind.Seeker : SplitKind.Time);
            return CommandRun.WithProgressAsync(parseResult, (progress, outWriter, errorWriter) =>
                new ModelTrainRunner(outWriter, errorWriter, progress).Run(request, cancellationToken));
        });

        var model = new Command("model", "Scoring models (评分模型): train weights from outcomes");
        model.Subcommands.Add(train);
        return model;
    }
}
