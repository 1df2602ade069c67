using System.CommandLine;
using System.Globalization;
using JobHome.Cli.Http;

namespace JobHome.Cli.Recount;

/// <summary>
/// <c>jobhome recount --url URL --site CODE [--repair]</c>: asks a running silo to recount a subtree's indicators from
/// the records (<c>POST /api/indicators/{site}/recount</c>) and prints whether every aggregator agrees, the live and
/// recounted values of the site, and each difference. Exit 0 when everything matches, 4 when something differs.
/// The answer is streamed (<c>?progress=true</c>, newline-delimited JSON): while the silo counts, a progress line goes to
/// standard error at most once a second (phase, sites done, records read, seconds), so a county of 100,000 records shows
/// where it stands and no client timeout cuts it off.
/// </summary>
internal static class RecountCommand
{
    /// <summary>Exit code when the recount found differences (after the repair, when one was asked for).</summary>
    public const int Differs = 4;

    /// <summary>Exit code when the silo could not be reached.</summary>
    public const int Unreachable = 5;

    /// <summary>Builds the command; <paramref name="handler"/> replaces the HTTP transport in tests.</summary>
    public static Command Create(HttpMessageHandler? handler = null)
    {
        var api = new ApiOptions();
        var site = new Option<string>("--site") { Description = "Site code of the subtree to recount, e.g. 360722", Required = true };
        var repair = new Option<bool>("--repair")
        {
            Description = "Correct every aggregator of the subtree from the records first (the records are the truth)",
        };
        var command = new Command("recount", "Recount a subtree's indicators from the records and compare with the live aggregates");
        api.AddTo(command);
        command.Options.Add(site);
        command.Options.Add(repair);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var code = parseResult.GetValue(site)?.Trim() ?? string.Empty;
            if (code.Length == 0)
            {
                error.WriteLine("jobhome recount: --site must name a site code (网点编码), e.g. --site 360722");
                return ExitCodes.Usage;
            }
            using var client = api.CreateClient(parseResult, out var problem, handler);
            if (client is null)
            {
                error.WriteLine($"jobhome recount: {problem}");
                return ExitCodes.Usage;
            }
            var path = $"api/indicators/{Uri.EscapeDataString(code)}/recount?progress=true"
                + (parseResult.GetValue(repair) ? "&repair=true" : string.Empty);
            RecountAnswer? answer;
            try
            {
                answer = await RecountStream.ReadAsync(client, path, error, cancellationToken);
            }
            catch (ApiException e)
            {
                error.WriteLine($"jobhome recount: {e.Message}");
                return e.Status == 0 ? Unreachable : ExitCodes.InvalidInput;
            }
            if (answer is null)
            {
                return Unreachable;
            }
            Print(output, answer);
            return answer.Matches ? ExitCodes.Ok : Differs;
        });
        return command;
    }

    private static void Print(TextWriter output, RecountAnswer answer)
    {
        var verdict = answer.Matches ? "every aggregator equals the recount (一致)" : "aggregates differ from the recount (不一致)";
        var repaired = answer.Repaired
            ? string.Create(CultureInfo.InvariantCulture, $", {answer.Corrected} entries corrected")
            : string.Empty;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"site {answer.SiteCode}: {verdict}; {answer.Sites} sites, {answer.Records} records read{repaired}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"indicator",-32}{"live",12}{"recounted",12}"));
        foreach (var (name, live, recounted) in Rows(answer.Live, answer.Recounted))
        {
            var mark = live == recounted ? string.Empty : "  ≠";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-32}{live,12}{recounted,12}{mark}"));
        }
        foreach (var d in answer.Differences)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"differs at {d.SiteCode}: {d.Indicator} live {d.Live}, recounted {d.Recounted}"));
        }
    }

    private static IEnumerable<(string, long, long)> Rows(RecountCountsAnswer live, RecountCountsAnswer recounted)
    {
        yield return ("employed", live.Employed, recounted.Employed);
        yield return ("unemployed", live.Unemployed, recounted.Unemployed);
        yield return ("unemployedOver3Months", live.UnemployedOver3Months, recounted.UnemployedOver3Months);
        yield return ("zeroEmploymentHouseholds", live.ZeroEmploymentHouseholds, recounted.ZeroEmploymentHouseholds);
        yield return ("zeroEmploymentHouseholdsOverdue", live.ZeroEmploymentHouseholdsOverdue, recounted.ZeroEmploymentHouseholdsOverdue);
        yield return ("openPosts", live.OpenPosts, recounted.OpenPosts);
        yield return ("openings", live.Openings, recounted.Openings);
        yield return ("placements", live.Placements, recounted.Placements);
    }
}
