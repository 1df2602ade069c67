using System.CommandLine;
using System.Globalization;
using JobHome.Cli.Console;
using JobHome.Cli.Http;

namespace JobHome.Cli.Probe;

/// <summary>
/// <c>jobhome probe post-lists --url URL --site CODE --count N</c>: registers N new seekers one after another and prints
/// the p50/p99/max time from the registration request to the seeker's post list read back (issue 9: &lt; 100 ms p99), with
/// the registration and the read apart, and the load average before and after (the machine's load is part of a number).
/// </summary>
internal static class ProbeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var api = new ApiOptions();
        var site = new Option<string>("--site")
        {
            Description = "Registering site of the new seekers (placed within ~5 km of it). Default: 360722101",
            DefaultValueFactory = _ => "360722101",
        };
        var count = new Option<int>("--count")
        {
            Description = "Seekers to register and time, 1–100000. Default: 1000",
            DefaultValueFactory = _ => 1000,
        }.Between(1, 100_000);
        var k = new Option<int>("--k") { Description = "Post-list length read, 1–20. Default: 10", DefaultValueFactory = _ => 10 }
            .Between(1, 20);
        var seed = new Option<ulong>("--seed") { Description = "Seed of the generated people. Default: the current time" };
        var postLists = new Command("post-lists", "Time a new seeker's post list: from POST /api/seekers to its recommendations read back");
        api.AddTo(postLists);
        postLists.Options.Add(site);
        postLists.Options.Add(count);
        postLists.Options.Add(k);
        postLists.Options.Add(seed);
        postLists.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var problems = new List<string>();
            var n = parseResult.GetValue(count);
            var top = parseResult.GetValue(k);
            using var client = api.CreateClient(parseResult, out var clientProblem);
            if (clientProblem is not null)
            {
                problems.Add(clientProblem);
            }
            foreach (var problem in problems)
            {
                await error.WriteLineAsync($"jobhome probe post-lists: {problem}");
            }
            if (problems.Count > 0)
            {
                return ExitCodes.Usage;
            }
            var seedValue = parseResult.GetResult(seed) is null ? (ulong)DateTime.UtcNow.Ticks : parseResult.GetValue(seed);
            var probe = new PostListProbe(client!, parseResult.GetValue(site)!, n, top, seedValue);
            return await CommandRun.WithProgressAsync(parseResult, (progress, output, err) =>
                Run(probe, n, progress, output, err, cancellationToken));
        });
        var command = new Command("probe", "Measure one thing on a running silo");
        command.Subcommands.Add(postLists);
        return command;
    }

    private static int Run(PostListProbe probe, int count, IPhaseProgress progress, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        var loadBefore = LoadAverage();
        PostListProbe.Totals totals;
        try
        {
            using var phase = progress.Start("post lists", count);
            totals = probe.RunAsync(done => phase.Report(done), cancellationToken).GetAwaiter().GetResult();
        }
        catch (ApiException e)
        {
            error.WriteLine($"jobhome probe post-lists: {e.Message}");
            return ExitCodes.ServerFailed;
        }
        output.WriteLine("new seeker's post list ready (新登记求职者岗位推荐就绪)");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  seekers {totals.Registered:N0} (with posts: {totals.WithPosts:N0}; "
            + $"ID numbers already taken, redrawn: {totals.Conflicts:N0})"));
        if (totals.Failed > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  failed (server error or no answer, not timed): {totals.Failed:N0}, e.g. {totals.FirstFailure}"));
        }
        output.WriteLine("  span                          p50 ms    p90 ms    p99 ms    max ms");
        Line(output, "register → list read", totals.ReadyMs);
        Line(output, "  register (POST)", totals.RegisterMs);
        Line(output, "  read (GET recommendations)", totals.ReadMs);
        output.WriteLine($"  load average before / after: {loadBefore} / {LoadAverage()}");
        return totals.Failed > 0 ? ExitCodes.ServerFailed : ExitCodes.Ok;
    }

    private static void Line(TextWriter output, string name, double[] values)
    {
        var sorted = values.Order().ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-28}{Quantile(sorted, 0.50),8:0.0}  {Quantile(sorted, 0.90),8:0.0}  "
            + $"{Quantile(sorted, 0.99),8:0.0}  {sorted[^1],8:0.0}"));
    }

    /// <summary>Nearest-rank quantile of sorted values.</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        var rank = (int)Math.Ceiling(q * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
