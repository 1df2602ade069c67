using JobHome.Cli.Csv;
using JobHome.Demo;

namespace JobHome.Cli.Demo;

/// <summary>Streams a generated province into the five demo CSV files, one county in memory at a time.</summary>
internal static class DemoWriter
{
    /// <summary>Counts of rows written per file.</summary>
    internal sealed record Totals(long Sites, long Seekers, long Households, long Employers, long Posts);

    /// <summary>
    /// Writes all files into <paramref name="directory"/> through one <see cref="OutputSet"/> (all five or none);
    /// <paramref name="progress"/> gets the number of counties done.
    /// </summary>
    public static Totals Write(DemoOptions options, string directory, Action<int>? progress, CancellationToken cancellationToken)
    {
        using var files = new OutputSet();
        var sites = Open(files, directory, "sites.csv", DemoCsvRows.SiteColumns);
        var seekers = Open(files, directory, "seekers.csv", SeekerCsv.Columns);
        var households = Open(files, directory, "households.csv", DemoCsvRows.HouseholdColumns);
        var employers = Open(files, directory, "employers.csv", DemoCsvRows.EmployerColumns);
        var posts = Open(files, directory, "posts.csv", PostCsv.Columns);
        long siteCount = 0, seekerCount = 0, householdCount = 0, employerCount = 0, postCount = 0;
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
            progress?.Invoke(++done);
        }
        files.Commit();
        return new Totals(siteCount, seekerCount, householdCount, employerCount, postCount);
    }

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
