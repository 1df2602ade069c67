using System.CommandLine;
using JobHome.Cli.Console;
using JobHome.Matching.Assignment;

namespace JobHome.Cli.Fair;

/// <summary>The <c>jobhome fair</c> command group: <c>fair match</c>.</summary>
internal static class FairCommand
{
    /// <summary>Builds <c>fair</c> with its <c>match</c> subcommand.</summary>
    /// <param name="engineFactory">Creates the matching engine from a model's JSON (null = default model).</param>
    public static Command Create(Func<string?, IFairEngine> engineFactory)
    {
        var fair = new Command("fair", "Recruitment fairs (招聘会): bulk matching of seekers to posts");
        fair.Subcommands.Add(CreateMatch(engineFactory));
        return fair;
    }

    private static Command CreateMatch(Func<string?, IFairEngine> engineFactory)
    {
        var seekers = new Option<FileInfo>("--seekers") { Description = "Seekers CSV (求职者), see docs/formats.md", Required = true };
        var posts = new Option<FileInfo>("--posts") { Description = "Posts CSV (岗位), see docs/formats.md", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Assignment CSV to write: seeker_id,post_id,score", Required = true };
        var objective = CommandOptions.Choice(
            "--objective", "score: maximise total score; placements: maximise the number placed, then score", FairObjective.Score);
        var mode = CommandOptions.Choice(
            "--mode", "optimal: exact optimum; stable: seeker-proposing stable assignment", FairMode.Optimal);
        var top = new Option<int>("--top")
        {
            Description = "Candidate posts kept per seeker; 0 = every eligible pair",
            DefaultValueFactory = _ => 50,
        };
        top.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--top must be 0 (all eligible pairs) or a positive number");
            }
        });
        var maxKm = CommandOptions.MaxKm("Commuting limit in km (通勤距离上限)");
        var asOf = CommandOptions.AsOf();
        var pairsOut = new Option<FileInfo>("--pairs-out") { Description = "Also write every candidate pair: seeker_id,post_id,score" };
        var recommendationsOut = new Option<FileInfo>("--recommendations-out")
        {
            Description = "Also write the top-k posts per seeker with their top factors",
        };
        var perSeeker = new Option<int>("--k") { Description = "Recommendations per seeker", DefaultValueFactory = _ => 10 };
        perSeeker.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--k must be at least 1");
            }
        });
        var model = new Option<FileInfo>("--model")
        {
            Description = "Scoring model JSON from `jobhome model train`; default: the built-in weights",
        };
        var skipInvalid = new Option<bool>("--skip-invalid")
        {
            Description = "Write invalid rows to rejects.csv next to --out and match the rest",
        };

        var command = new Command("match",
            "Assign seekers to posts (one post per seeker, up to each post's openings) and write the result as CSV");
        Option[] options =
            [seekers, posts, output, objective, mode, top, maxKm, asOf, pairsOut, recommendationsOut, perSeeker, model, skipInvalid];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) =>
        {
            var settings = new FairSettings(
                parseResult.GetValue(objective),
                parseResult.GetValue(mode),
                parseResult.GetValue(top),
                parseResult.GetValue(maxKm),
                CommandOptions.AsOfDate(parseResult, asOf));
            var request = new FairMatchRequest(
                parseResult.GetRequiredValue(seekers).FullName,
                parseResult.GetRequiredValue(posts).FullName,
                parseResult.GetRequiredValue(output).FullName,
                settings,
                parseResult.GetValue(pairsOut)?.FullName,
                parseResult.GetValue(recommendationsOut)?.FullName,
                parseResult.GetValue(perSeeker),
                parseResult.GetValue(model)?.FullName,
                parseResult.GetValue(skipInvalid));
            return CommandRun.WithProgressAsync(parseResult, (progress, outWriter, errorWriter) =>
                new FairMatchRunner(engineFactory, outWriter, errorWriter, progress).Run(request, cancellationToken));
        });
        return command;
    }
}
