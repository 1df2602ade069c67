using System.CommandLine;
using System.Globalization;
using JobHome.Cli.Console;

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
        var objective = new Option<string>("--objective")
        {
            Description = "score: maximise total score; placements: maximise the number placed, then score",
            DefaultValueFactory = _ => "score",
        };
        objective.AcceptOnlyFromAmong("score", "placements");
        var mode = new Option<string>("--mode")
        {
            Description = "optimal: exact optimum; stable: seeker-proposing stable assignment",
            DefaultValueFactory = _ => "optimal",
        };
        mode.AcceptOnlyFromAmong("optimal", "stable");
        var top = new Option<int>("--top") { Description = "Candidate posts kept per seeker; 0 = every eligible pair", DefaultValueFactory = _ => 50 };
        top.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--top must be 0 (all eligible pairs) or a positive number");
            }
        });
        var maxKm = new Option<double>("--max-km") { Description = "Commuting limit in km (通勤距离上限)", DefaultValueFactory = _ => 15.0 };
        maxKm.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<double>();
            if (!double.IsFinite(v) || v <= 0)
            {
                r.AddError("--max-km must be a positive number of kilometres");
            }
        });
        var asOf = new Option<string>("--as-of") { Description = "Reference date for ages, YYYY-MM-DD; default: today (UTC)" };
        asOf.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } text && !TryParseDate(text, out _))
            {
                r.AddError($"--as-of must be a date written YYYY-MM-DD, not \"{text}\"");
            }
        });
        var pairsOut = new Option<FileInfo>("--pairs-out") { Description = "Also write every candidate pair: seeker_id,post_id,score" };
        var recsOut = new Option<FileInfo>("--recommendations-out") { Description = "Also write the top-k posts per seeker with their top factors" };
        var k = new Option<int>("--k") { Description = "Recommendations per seeker", DefaultValueFactory = _ => 10 };
        k.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--k must be at least 1");
            }
        });
        var model = new Option<FileInfo>("--model") { Description = "Scoring model JSON from `jobhome model train`; default: the built-in weights" };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Write invalid rows to rejects.csv next to --out and match the rest" };

        var cmd = new Command("match", "Assign seekers to posts (one post per seeker, up to each post's openings) and write the result as CSV");
        foreach (var o in new Option[] { seekers, posts, output, objective, mode, top, maxKm, asOf, pairsOut, recsOut, k, model, skipInvalid })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction((parseResult, ct) =>
        {
            var date = parseResult.GetValue(asOf) is { } text && TryParseDate(text, out var d) ? d : DateOnly.FromDateTime(DateTime.UtcNow);
            var settings = new FairSettings(
                parseResult.GetValue(objective) == "placements" ? FairObjectiveOption.Placements : FairObjectiveOption.Score,
                parseResult.GetValue(mode) == "stable" ? FairModeOption.Stable : FairModeOption.Optimal,
                parseResult.GetValue(top),
                parseResult.GetValue(maxKm),
                date);
            var request = new FairMatchRequest(
                parseResult.GetRequiredValue(seekers).FullName,
                parseResult.GetRequiredValue(posts).FullName,
                parseResult.GetRequiredValue(output).FullName,
                settings,
                parseResult.GetValue(pairsOut)?.FullName,
                parseResult.GetValue(recsOut)?.FullName,
                parseResult.GetValue(k),
                parseResult.GetValue(model)?.FullName,
                parseResult.GetValue(skipInvalid));
            return CommandRun.WithProgressAsync(parseResult, (progress, outWriter, errWriter) =>
                new FairMatchRunner(engineFactory, outWriter, errWriter, progress).Run(request, ct));
        });
        return cmd;
    }

    /// <summary>Parses YYYY-MM-DD.</summary>
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
