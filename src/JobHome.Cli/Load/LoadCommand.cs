using System.CommandLine;
using System.Globalization;
using JobHome.Cli.Console;
using JobHome.Cli.Http;

namespace JobHome.Cli.Load;

/// <summary>
/// <c>jobhome load --url URL --rate N --seconds S</c>: realistic traffic against a live network with a progress display;
/// prints achieved throughput, errors and the village → root-site indicator latency (p50/p99).
/// </summary>
internal static class LoadCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var api = new ApiOptions();
        var rate = new Option<int>("--rate") { Description = "Changes per second to offer, 1–100000", Required = true }
            .Between(1, 100_000, "changes per second");
        var seconds = new Option<int>("--seconds") { Description = "How long to run, 1–3600 s", Required = true }.Between(1, 3600);
        var site = new Option<string>("--site")
        {
            Description = "Root site: changes go to the villages and communities below it, latency is timed at its indicators. Default: 360000",
            DefaultValueFactory = _ => "360000",
        };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the traffic mix. Default: 1", DefaultValueFactory = _ => 1UL };
        var siloPid = new Option<int?>("--silo-pid")
        {
            Description = "Process id of the silo when it runs on this machine: the report adds its CPU per change",
        };
        var command = new Command("load", "Drive realistic traffic (registrations, posts, placements, ends) and measure latency");
        api.AddTo(command);
        command.Options.Add(rate);
        command.Options.Add(seconds);
        command.Options.Add(site);
        command.Options.Add(seed);
        command.Options.Add(siloPid);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var problems = new List<string>();
            var rateValue = parseResult.GetValue(rate);
            var secondsValue = parseResult.GetValue(seconds);
            using var client = api.CreateClient(parseResult, out var clientProblem);
            if (clientProblem is not null)
            {
                problems.Add(clientProblem);
            }
            CpuMeter? siloCpu = null;
            if (parseResult.GetValue(siloPid) is { } pid)
            {
                siloCpu = CpuMeter.OfProcess(pid, out var pidProblem);
                if (pidProblem is not null)
                {
                    problems.Add(pidProblem);
                }
            }
            using var siloCpuMeter = siloCpu;
            foreach (var problem in problems)
            {
                await error.WriteLineAsync($"jobhome load: {problem}");
            }
            if (problems.Count > 0)
            {
                return ExitCodes.Usage;
            }
            var root = parseResult.GetValue(site)!;
            return await CommandRun.WithProgressAsync(parseResult, (progress, output, err) =>
            {
                try
                {
                    using var phase = progress.Start("changes", (long)rateValue * secondsValue);
                    var runner = new LoadRunner(client!, root, rateValue, secondsValue, parseResult.GetValue(seed), phase, siloCpu);
                    var report = runner.RunAsync(cancellationToken).GetAwaiter().GetResult();
                    phase.Dispose();
                    Print(report, root, output);
                    return report.ErrorCount == 0 ? ExitCodes.Ok : ExitCodes.ServerFailed;
                }
                catch (ApiException e)
                {
                    err.WriteLine($"jobhome load: {e.Message}");
                    return ExitCodes.ServerFailed;
                }
            });
        });
        return command;
    }

    /// <summary>Prints the report (the test parses the <c>name value</c> lines).</summary>
    internal static void Print(LoadReport report, string root, TextWriter output)
    {
        string N(double v) => v.ToString("N0", CultureInfo.InvariantCulture);
        string Cpu(TimeSpan used, long changes) => string.Create(CultureInfo.InvariantCulture,
            $"{used.TotalSeconds:0.00} s, {(changes == 0 ? 0 : used.TotalMilliseconds / changes):0.000} ms per change");
        string Ms(double? v) => v is null ? "n/a" : v.Value.ToString("0", CultureInfo.InvariantCulture) + " ms";
        output.WriteLine("load summary (负载测试结果)");
        output.WriteLine($"  offered rate             {N(report.Rate)} changes/s; run took {report.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s "
            + "(until the last answer)");
        output.WriteLine($"  warm-up                  {N(report.WarmUpSeekers)} seekers, {N(report.WarmUpPosts)} posts (before the timed run, not counted)");
        output.WriteLine($"  achieved throughput      {N(report.Total / Math.Max(report.Seconds, 0.001))} changes/s");
        foreach (var kind in new[] { "registration", "post", "placement", "end" })
        {
            output.WriteLine($"  {kind + "s",-24} {N(report.Succeeded.GetValueOrDefault(kind))}");
        }
        output.WriteLine($"  errors                   {N(report.ErrorCount)}");
        foreach (var (kind, count) in report.Errors.OrderByDescending(e => e.Value))
        {
            output.WriteLine($"    {kind}: {N(count)}, e.g. {report.ErrorExamples.GetValueOrDefault(kind, "?")}");
        }
        output.WriteLine($"  late starts              {N(report.Late)} (more than {LoadRunner.MaxInFlight} requests in flight)");
        output.WriteLine($"  missed                   {N(report.Missed)} (not started within the run's time: the server was behind)");
        output.WriteLine($"  {root} placements before {N(report.PlacementsBefore)}");
        output.WriteLine($"  {root} placements after  {N(report.PlacementsAfter)}");
        output.WriteLine($"  client CPU               {Cpu(report.ClientCpu, report.Total)} (this process, timed run)");
        if (report.SiloCpu is { } silo)
        {
            output.WriteLine($"  silo CPU                 {Cpu(silo, report.Total)} (--silo-pid, timed run)");
        }
        var sorted = report.LatencyMillis;
        output.WriteLine($"  latency village→{root} p50 {Ms(LatencyTracker.Quantile(sorted, 0.5))}, p99 {Ms(LatencyTracker.Quantile(sorted, 0.99))}, "
            + $"max {Ms(sorted.Length == 0 ? null : sorted[^1])} over {N(sorted.Length)} placements; {N(report.LatencyUnseen)} not seen within 10 s");
    }
}
