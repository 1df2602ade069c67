using System.CommandLine;
using JobHome.Cli.Console;
using JobHome.Cli.Fair;

namespace JobHome.Cli.Model;

/// <summary>The <c>jobhome model</c> command group: <c>model train</c>.</summary>
internal static class ModelCommand
{
    /// <summary>Builds <c>model</c> with its <c>train</c> subcommand.</summary>
    public static Command Create()
    {
        var outcomes = new Option<FileInfo>("--outcomes") { Description = "Placement outcomes CSV: seeker_id,post_id,placed (needs --seekers and --posts) or occupation,skills,pay,distance,priority,placed", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Model JSON to write", Required = true };
        var l2 = new Option<double>("--l2") { Description = "L2 regularisation strength of the logistic regression", DefaultValueFactory = _ => 1.0 };
        l2.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<double>();
            if (!double.IsFinite(v) || v < 0)
            {
                r.AddError("--l2 must be a number ≥ 0");
            }
        });
        var seekers = new Option<FileInfo>("--seekers") { Description = "Seekers CSV, for outcomes given by id" };
        var posts = new Option<FileInfo>("--posts") { Description = "Posts CSV, for outcomes given by id" };
        var asOf = new Option<string>("--as-of") { Description = "Reference date for ages, YYYY-MM-DD; default: today (UTC)" };
        asOf.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } text && !FairCommand.TryParseDate(text, out _))
            {
                r.AddError($"--as-of must be a date written YYYY-MM-DD, not \"{text}\"");
            }
        });
        var maxKm = new Option<double>("--max-km") { Description = "Commuting limit in km used for the distance factor", DefaultValueFactory = _ => 15.0 };
        maxKm.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<double>();
            if (!double.IsFinite(v) || v <= 0)
            {
                r.AddError("--max-km must be a positive number of kilometres");
            }
        });

        var train = new Command("train", "Learn scoring weights from placement outcomes (logistic regression) and write model.json");
        foreach (var o in new Option[] { outcomes, output, l2, seekers, posts, asOf, maxKm })
        {
            train.Options.Add(o);
        }
        train.SetAction((parseResult, ct) =>
        {
            var date = parseResult.GetValue(asOf) is { } text && FairCommand.TryParseDate(text, out var d) ? d : DateOnly.FromDateTime(DateTime.UtcNow);
            var request = new ModelTrainRequest(
                parseResult.GetRequiredValue(outcomes).FullName,
                parseResult.GetRequiredValue(output).FullName,
                parseResult.GetValue(l2),
                parseResult.GetValue(seekers)?.FullName,
                parseResult.GetValue(posts)?.FullName,
                date,
                parseResult.GetValue(maxKm));
            return CommandRun.WithProgressAsync(parseResult, (progress, outWriter, errWriter) =>
                new ModelTrainRunner(outWriter, errWriter, progress).Run(request, ct));
        });

        var model = new Command("model", "Scoring models (评分模型): train weights from outcomes");
        model.Subcommands.Add(train);
        return model;
    }
}
