using System.CommandLine;
using System.Globalization;
using JobHome.Cli.Console;
using JobHome.Cli.Model;
using JobHome.Matching.Congestion;
using JobHome.Matching.Scoring;
using JobHome.Matching.Simulation;

namespace JobHome.Cli.Simulate;

/// <summary>
/// <c>jobhome simulate</c>: the market simulation over plain or congestion-aware top-K post lists (behaviour in
/// docs/matching.md).
/// </summary>
internal static class SimulateCommand
{
    /// <summary>
    /// The lists used when <c>--lists</c> is not given: aware, which placed more people in every measured market
    /// (docs/matching.md).
    /// </summary>
    public const string DefaultLists = "aware";

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var seekers = new Option<FileInfo>("--seekers") { Description = "Seekers CSV (fair format)", Required = true };
        var posts = new Option<FileInfo>("--posts") { Description = "Posts CSV (fair format)", Required = true };
        var rounds = new Option<int>("--rounds") { Description = "Rounds of apply → hire, 1–100", DefaultValueFactory = _ => 5 };
        rounds.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 100)
            {
                r.AddError("--rounds must be between 1 and 100");
            }
        });
        var list = new Option<int>("--list") { Description = "Posts per seeker's list (K), 1–100", DefaultValueFactory = _ => 10 };
        list.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 100)
            {
                r.AddError("--list must be between 1 and 100");
            }
        });
        var lists = new Option<string>("--lists")
        {
            Description = "Post lists: plain (top-K by score) or aware (congestion-aware, docs/matching.md)",
            DefaultValueFactory = _ => DefaultLists,
        };
        lists.AcceptOnlyFromAmong("plain", "aware");
        var strength = new Option<double>("--strength")
        {
            Description = "Aware lists: weight λ of max(0, expected cutoff − score)",
            DefaultValueFactory = _ => new CongestionSettings().Strength,
        };
        var crowding = new Option<double>("--crowding")
        {
            Description = "Aware lists: weight μ of a post's crowding (share of applications turned away)",
            DefaultValueFactory = _ => new CongestionSettings().Crowding,
        };
        var dual = new Option<double>("--dual")
        {
            Description = "Aware lists: weight ν of a post's dual price from the exact maximum-score assignment",
            DefaultValueFactory = _ => new CongestionSettings().Dual,
        };
        var depth = new Option<int>("--depth")
        {
            Description = "Aware lists: plain candidates per person that may be reordered, K–500",
            DefaultValueFactory = _ => new CongestionSettings().CandidateDepth,
        };
        var sample = new Option<int?>("--pricing-sample")
        {
            Description = "Aware lists: price posts from at most this many people (the live partitions' bounded sample); all if absent",
        };
        sample.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--pricing-sample must be at least 1 (定价样本人数)");
            }
        });
        var seed = new Option<ulong>("--seed") { Description = "Seed of the random draws", DefaultValueFactory = _ => 1UL };
        var model = new Option<FileInfo?>("--model")
        {
            Description = "model.json or model.zip (its linear stage); default weights if absent",
        };
        var asOf = CommandOptions.AsOf();
        var maxKm = CommandOptions.MaxKm("Commuting limit in km");
        var command = new Command("simulate",
            "Simulate a job market over post lists: placements, mean score, posts without applicants, Gini");
        Option[] options = [seekers, posts, rounds, list, lists, strength, crowding, dual, depth, sample, seed, model, asOf, maxKm];
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
        command.SetAction((parseResult, cancellationToken) => CommandRun.WithProgressAsync(parseResult, (progress, output, error) =>
        {
            var date = CommandOptions.AsOfDate(parseResult, asOf);
            var modelPath = parseResult.GetValue(model)?.FullName;
            Func<string?, ScoringModel> create = json => json is null ? ScoringModel.Default : ScoringModel.FromJson(json);
            if (!ModelFile.TryLoad(modelPath, create, error, out var scoring))
            {
                return ExitCodes.InvalidInput;
            }
            var seekerLoad = SeekerCsv.Read(parseResult.GetRequiredValue(seekers).FullName, date);
            var postLoad = PostCsv.Read(parseResult.GetRequiredValue(posts).FullName);
            var issues = seekerLoad.Issues.Concat(postLoad.Issues).ToList();
            if (issues.Count > 0)
            {
                foreach (var issue in issues.Take(20))
                {
                    error.WriteLine($"error: {issue}");
                }
                return ExitCodes.InvalidInput;
            }
            var settings = new MarketSettings(parseResult.GetValue(rounds), parseResult.GetValue(list), parseResult.GetValue(seed))
            {
                Lists = parseResult.GetValue(lists) == "aware" ? PostListKind.Aware : PostListKind.Plain,
                Congestion = new CongestionSettings(Math.Max(parseResult.GetValue(depth), parseResult.GetValue(list)),
                    parseResult.GetValue(strength), parseResult.GetValue(crowding), parseResult.GetValue(dual)),
                PricingSample = parseResult.GetValue(sample),
            };
            MarketResult result;
            using (var phase = progress.Start("rounds", settings.Rounds))
            {
                result = MarketSimulator.Run(seekerLoad.Items, postLoad.Items, scoring, new MatchOptions(date, parseResult.GetValue(maxKm)),
                    settings, done => phase.Report(done));
            }
            var inv = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(inv,
                $"market simulation (市场模拟): {settings.Rounds} rounds, {ListName(settings)} lists, seed {settings.Seed}"));
            output.WriteLine(string.Create(inv,
                $"  placements (就业人数)                 {result.Placements:N0} of {seekerLoad.Items.Count:N0} seekers"));
            output.WriteLine(string.Create(inv, $"  mean score of placed pairs (平均得分)  {result.MeanPlacedScore:0.0000}"));
            output.WriteLine(string.Create(inv, $"  posts without applicant (无人投递岗位) {result.PostsWithoutApplicant:N0}"));
            output.WriteLine(string.Create(inv, $"  Gini of applications per opening     {result.ApplicationGini:0.0000}"));
            output.WriteLine(string.Create(inv, $"  applications (投递数)                 {result.Applications:N0}"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string ListName(MarketSettings settings) => settings.Lists == PostListKind.Aware
        ? string.Create(CultureInfo.InvariantCulture,
            $"congestion-aware top-{settings.ListLength} (竞争感知, depth {settings.Congestion.CandidateDepth}, " +
            $"λ {settings.Congestion.Strength}, μ {settings.Congestion.Crowding}, ν {settings.Congestion.Dual}{SampleText(settings)})")
        : string.Create(CultureInfo.InvariantCulture, $"plain top-{settings.ListLength} (普通)");

    private static string SampleText(MarketSettings settings) => settings.PricingSample is { } n
        ? string.Create(CultureInfo.InvariantCulture, $", prices from ≤ {n:N0} people")
        : string.Empty;
}
