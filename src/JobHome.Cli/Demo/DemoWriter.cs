using System.Globalization;
using JobHome.Demo;
using JobHome.Demo.Outcomes;

namespace JobHome.Cli.Demo;

/// <summary>Streams a generated province into the six demo CSV files, one county in memory at a time.</summary>
internal static class DemoWriter
{
    /// <summary>Columns of <c>outcomes.csv</c> (the stage layout of docs/formats.md).</summary>
    public static readonly IReadOnlyList<string> OutcomeColumns = ["seeker_id", "post_id", "date", "rank", "applied", "placed"];

    /// <summary>Counts of rows written per file.</summary>
    internal sealed record Totals(long Sites, long Seekers, long Households, long Employers, long Posts, long Outcomes = 0);

    /// <summary>The files every demo run writes, in load order for <c>jobhome import</c>.</summary>
    public static readonly IReadOnlyList<string> FileNames =
        ["sites.csv", "employers.csv", "seekers.csv", "people.csv", "households.csv", "posts.csv"];

    /// <summary>
    /// Writes all files into <paramref name="directory"/> through one <see cref="OutputSet"/> (all six or none);
    /// <paramref name="progress"/> gets the number of counties done. With <paramref name="outcomes"/> a sixth file,
    /// <c>outcomes.csv</c>, holds simulated recommendations and what came of them; the other six are unchanged.
    /// </summary>
    public static Totals Write(DemoOptions options, string directory, Action<int>? progress, CancellationToken cancellationToken,
        bool outcomes = false)
    {
        using var files = new OutputSet();
        var sites = Open(files, directory, "sites.csv", DemoCsvRows.SiteColumns);
        var seekers = Open(files, directory, "seekers.csv", SeekerCsv.Columns);
        var households = Open(files, directory, "households.csv", DemoCsvRows.HouseholdColumns);
        var employers = Open(files, directory, "employers.csv", DemoCsvRows.EmployerColumns);
        var posts = Open(files, directory, "posts.csv", PostCsv.Columns);
        var people = Open(files, directory, "people.csv", DemoCsvRows.PeopleColumns);
        var outcomeCsv = outcomes ? Open(files, directory, "outcomes.csv", OutcomeColumns) : null;
        long siteCount = 0, seekerCount = 0, householdCount = 0, employerCount = 0, postCount = 0, outcomeCount = 0;
        foreach (var site in DemoGenerator.UpperSites(options))
        {
            sites.Row(DemoCsvRows.Site(site));
            siteCount++;
        }
        var done = 0;
        foreach (var county in DemoGenerator.Counties(options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            siteCount += WriteAll(sites, county.Sites, DemoCsvRows.Site);
            seekerCount += WriteAll(seekers, county.Seekers, DemoCsvRows.Seeker);
            householdCount += WriteAll(households, county.Households, DemoCsvRows.Household);
            employerCount += WriteAll(employers, county.Employers, DemoCsvRows.Employer);
            postCount += WriteAll(posts, county.Posts, DemoCsvRows.Post);
            WriteAll(people, DemoPeople.Of(county, options.Seed), DemoCsvRows.Person);
            if (outcomeCsv is not null)
            {
                var seed = DemoRandom.Derive(options.Seed, 2_000_000UL + (ulong)county.Index);
                var rows = OutcomeSimulator.Simulate(
                    [.. county.Seekers.Select(MatchRecords.From)], [.. county.Posts.Select(MatchRecords.From)], seed);
                outcomeCount += WriteAll(outcomeCsv, rows, OutcomeRow);
            }
            progress?.Invoke(++done);
        }
        files.Commit();
        return new Totals(siteCount, seekerCount, householdCount, employerCount, postCount, outcomeCount);
    }

    private static string[] OutcomeRow(DemoOutcome o) =>
    [
        o.SeekerId, o.PostId, o.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), o.Rank.ToString(CultureInfo.InvariantCulture),
        o.Applied ? "1" : "0", o.Placed ? "1" : "0",
    ];

    private static CsvOutput Open(OutputSet files, string directory, string fileName, IReadOnlyList<string> columns)
    {
        var csv = new CsvOutput(files.Open(Path.Combine(directory, fileName)));
        csv.Row([.. columns]);
        return csv;
    }

    private static int WriteAll<T>(CsvOutput csv, IReadOnlyList<T> records, Func<T, string[]> cells)
    {
        foreach (var record in records)
        {
            csv.Row(cells(record));
        }
        return records.Count;
    }
}
