using System.CommandLine;
using JobHome.Demo;
using Spectre.Console;

namespace JobHome.Cli.Demo;

/// <summary>
/// <c>jobhome demo</c>: writes deterministic demo data (sites, seekers, households, employers, posts as CSV).
/// <c>--xinfeng</c> writes Xinfeng County (its 217 sites plus 江西省 and 赣州市 above it);
/// <c>--counties N</c> writes a province of N counties whose first is Xinfeng.
/// </summary>
internal static class DemoCommand
{
    /// <summary>Counties from which a progress bar is worth showing.</summary>
    private const int ProgressThreshold = 5;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var xinfeng = new Option<bool>("--xinfeng")
        {
            Description = "Write Xinfeng County alone (217 sites of seed 000 annex 1, plus province and city rows)",
        };
        var counties = new Option<int?>("--counties")
        {
            Description = "Number of counties in the synthetic province (first is Xinfeng), 1–9999",
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the generator; same seed, same bytes. Default: 1",
            DefaultValueFactory = _ => 1UL,
        };
        var density = new Option<int>("--density")
        {
            Description = $"Seekers and employers per site multiplied by D (1–{DemoOptions.MaxDensity}); 100 counties at 6 ≈ 1.3 M seekers. Default: 1",
            DefaultValueFactory = _ => 1,
        };
        var output = new Option<DirectoryInfo?>("--out")
        {
            Description = "Output folder (created if missing); files are replaced atomically",
        };
        var outcomes = new Option<bool>("--outcomes")
        {
            Description = "Also write outcomes.csv: simulated recommendations → applications → hires to train models on",
        };
        var command = new Command("demo",
            "Write deterministic demo data: sites.csv, seekers.csv, people.csv, households.csv, employers.csv, posts.csv");
        command.Options.Add(xinfeng);
        command.Options.Add(counties);
        command.Options.Add(seed);
        command.Options.Add(density);
        command.Options.Add(output);
        command.Options.Add(outcomes);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var directory = parseResult.GetValue(output);
            var isXinfeng = parseResult.GetValue(xinfeng);
            var countyCount = parseResult.GetValue(counties);
            var problems = Problems(directory, isXinfeng, countyCount);
            var densityValue = parseResult.GetValue(density);
            if (densityValue is < 1 or > DemoOptions.MaxDensity)
            {
                problems.Add($"--density must be between 1 and {DemoOptions.MaxDensity}, got {densityValue}");
            }
            foreach (var problem in problems)
            {
                error.WriteLine($"jobhome demo: {problem}");
            }
            if (problems.Count > 0)
            {
                return Task.FromResult(ExitCodes.Usage);
            }
            var options = new DemoOptions(isXinfeng ? 1 : countyCount!.Value, parseResult.GetValue(seed)) { Density = densityValue };
            return Task.FromResult(Write(options, directory!.FullName, parseResult.GetValue(outcomes), parseResult.InvocationConfiguration,
                cancellationToken));
        });
        return command;
    }

    /// <summary>What is wrong with the options, one line each; empty when they can run.</summary>
    private static List<string> Problems(DirectoryInfo? directory, bool isXinfeng, int? countyCount)
    {
        var problems = new List<string>();
        if (directory is null)
        {
            problems.Add("--out DIR is required");
        }
        if (isXinfeng && countyCount is not null && countyCount != 1)
        {
            problems.Add("--xinfeng writes one county; do not combine it with --counties N>1");
        }
        if (!isXinfeng && countyCount is null)
        {
            problems.Add("give --xinfeng or --counties N");
        }
        if (countyCount is { } count && count is < 1 or > DemoOptions.MaxCounties)
        {
            problems.Add($"--counties must be between 1 and {DemoOptions.MaxCounties}, got {count}");
        }
        return problems;
    }

    /// <summary>Writes the files and prints the counts; returns the exit code.</summary>
    private static int Write(DemoOptions options, string directory, bool outcomes, InvocationConfiguration console,
        CancellationToken cancellationToken)
    {
        try
        {
            var totals = Run(options, directory, outcomes, console.Error, cancellationToken);
            var outcomeText = outcomes ? $", {totals.Outcomes} outcomes" : string.Empty;
            console.Output.WriteLine(
                $"wrote {totals.Sites} sites, {totals.Seekers} seekers, {totals.Households} households, "
                + $"{totals.Employers} employers, {totals.Posts} posts{outcomeText} to {directory}");
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"jobhome demo: cannot write to {directory}: {ex.Message}");
            return ExitCodes.OutputFailed;
        }
    }

    private static DemoWriter.Totals Run(DemoOptions options, string directory, bool outcomes, TextWriter error,
        CancellationToken cancellationToken)
    {
        if (options.Counties < ProgressThreshold)
        {
            return DemoWriter.Write(options, directory, null, cancellationToken, outcomes);
        }
        if (!System.Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            DemoWriter.Totals? totals = null;
            AnsiConsole.Progress().Start(context =>
            {
                var task = context.AddTask("generating counties", maxValue: options.Counties);
                totals = DemoWriter.Write(options, directory, done => task.Value = done, cancellationToken, outcomes);
            });
            return totals!;
        }
        var step = Math.Max(1, options.Counties / 10);
        return DemoWriter.Write(options, directory, done =>
        {
            if (done % step == 0 || done == options.Counties)
            {
                error.WriteLine($"demo: {done}/{options.Counties} counties");
            }
        }, cancellationToken, outcomes);
    }
}
