using System.CommandLine;
using System.Globalization;
using JobHome.Cli.Console;
using JobHome.Cli.Model;
using JobHome.Matching.Scoring;
using JobHome.Matching.Simulation;

namespace JobHome.Cli.Simulate;

/// <summary><c>jobhome simulate</c>: the congestion market simulation over plain top-K post lists (behaviour in docs/cli.md).</summary>
internal static class SimulateCommand
{
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
        var seed = new Option<ulong>("--seed") { Description = "Seed of the random draws", DefaultValueFactory = _ => 1UL };
        var model = new Option<FileInfo?>("--model")
        {
            Description = "model.json or model.zip (its linear stage); default weights if absent",
        };
        var asOf = CommandOptions.AsOf();
        var maxKm = CommandOptions.MaxKm("Commuting limit in km");
        var command = new Command("simulate",
            "Simulate a job market over post lists: placements, mean score, posts without applicants, Gini");
        Option[] options = [seekers, posts, rounds, list, seed, model, asOf, maxKm];
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
            var settings = new MarketSettings(parseResult.GetValue(rounds), parseResult.GetValue(list), parseResult.GetValue(seed));
            MarketResult result;
            using (var phase = progress.Start("rounds", settings.Rounds))
            {
                result = MarketSimulator.Run(seekerLoad.Items, postLoad.Items, scoring, new MatchOptions(date, parseResult.GetValue(maxKm)),
                    settings, done => phase.Report(done));
            }
            var inv = CultureInfo.InvariantCulture;
            output.WriteLine(string.Create(inv,
                $"market simulation (市场模拟): {settings.Rounds} rounds, plain top-{settings.ListLength} lists, seed {settings.Seed}"));
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
}
