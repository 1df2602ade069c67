using JobHome.Demo;

namespace JobHome.Cli.Demo;

/// <summary>Streams a generated province into the five demo CSV files, one county in memory at a time.</summary>
internal static class DemoWriter
{
    /// <summary>Counts of rows written per file.</summary>
    internal sealed record Totals(long Sites, long Seekers, long Households, long Employers, long Posts);

    /// <summary>Writes all files into <paramref name="directory"/>; <paramref name="progress"/> gets the number of counties done.</summary>
    public static Totals Write(DemoOptions options, string directory, Action<int>? progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        using var files = new AtomicFileSet();
        var sites = files.Open(directory, "sites.csv");
        var seekers = files.Open(directory, "seekers.csv");
        var households = files.Open(directory, "households.csv");
        var employers = files.Open(directory, "employers.csv");
        var posts = files.Open(directory, "posts.csv");
        sites.WriteLine(DemoCsvRows.SitesHeader);
        seekers.WriteLine(DemoCsvRows.SeekersHeader);
        households.WriteLine(DemoCsvRows.HouseholdsHeader);
        employers.WriteLine(DemoCsvRows.EmployersHeader);
        posts.WriteLine(DemoCsvRows.PostsHeader);
        long nSites = 0, nSeekers = 0, nHouseholds = 0, nEmployers = 0, nPosts = 0;
        foreach (var site in DemoGenerator.UpperSites(options))
        {
            sites.WriteLine(DemoCsvRows.Site(site));
            nSites++;
        }
        var done = 0;
        foreach (var county in DemoGenerator.Counties(options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var s in county.Sites)
            {
                sites.WriteLine(DemoCsvRows.Site(s));
            }
            foreach (var s in county.Seekers)
            {
                seekers.WriteLine(DemoCsvRows.Seeker(s));
            }
            foreach (var h in county.Households)
            {
                households.WriteLine(DemoCsvRows.Household(h));
            }
            foreach (var e in county.Employers)
            {
                employers.WriteLine(DemoCsvRows.Employer(e));
            }
            foreach (var p in county.Posts)
            {
                posts.WriteLine(DemoCsvRows.Post(p));
            }
            nSites += county.Sites.Count;
            nSeekers += county.Seekers.Count;
            nHouseholds += county.Households.Count;
            nEmployers += county.Employers.Count;
            nPosts += county.Posts.Count;
            progress?.Invoke(++done);
        }
        files.Commit();
        return new Totals(nSites, nSeekers, nHouseholds, nEmployers, nPosts);
    }
}
