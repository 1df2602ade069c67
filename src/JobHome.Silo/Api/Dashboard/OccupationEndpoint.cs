using System.Globalization;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Grains.Catalog;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.Sites;

namespace JobHome.Silo.Api.Dashboard;

/// <summary>
/// <c>GET /api/sites/{code}/occupations</c>: reads the records of every site of the subtree (site directory for seekers,
/// per-site post index for posts). Fine for a county; a province-wide breakdown reads every record and wants counters
/// in the aggregators (next step).
/// </summary>
internal static class OccupationEndpoint
{
    /// <summary>Handles the request.</summary>
    public static async Task<IResult> GetAsync(string code, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<ISiteGrain>(code).GetAsync() is null)
        {
            return ApiResults.NotFound("code", code);
        }
        var openings = new long[9];
        var seekers = new long[9];
        var sites = await SiteCatalog.SubtreeAsync(grains, code);
        foreach (var site in sites)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var seekerIds = await grains.GetGrain<ISiteDirectoryGrain>(site.Code).FindSeekersAsync(string.Empty);
            var views = await Batches.SelectAsync(seekerIds, id => grains.GetGrain<ISeekerGrain>(id).GetAsync(), cancellationToken);
            foreach (var seeker in views)
            {
                // The directory may list a moving seeker at both sites for a moment: count each at its own site.
                if (seeker is { Status: LabourStatus.Unemployed } && seeker.SiteCode == site.Code)
                {
                    foreach (var major in Majors(seeker.Occupations))
                    {
                        seekers[major]++;
                    }
                }
            }
            var postIds = await grains.GetGrain<ISitePostsGrain>(site.Code).GetAsync();
            var posts = await Batches.SelectAsync(postIds, id => grains.GetGrain<IPostGrain>(id).GetAsync(), cancellationToken);
            foreach (var post in posts)
            {
                if (post is { Open: true } && post.Profile.SiteCode == site.Code
                    && OccupationCode.TryParse(post.Profile.Occupation, out var occupation, out _))
                {
                    openings[occupation.Major] += post.Profile.Openings - post.Taken;
                }
            }
        }
        var items = Enumerable.Range(1, 8).Select(major => new OccupationGroupItem(major.ToString(CultureInfo.InvariantCulture),
            OccupationMajorGroups.Names[major].Zh, OccupationMajorGroups.Names[major].En, openings[major], seekers[major]));
        return TypedResults.Ok(new OccupationsResponse(code, [.. items]));
    }

    private static IEnumerable<int> Majors(string[] occupations)
    {
        var seen = new HashSet<int>();
        foreach (var text in occupations)
        {
            if (OccupationCode.TryParse(text, out var code, out _) && seen.Add(code.Major))
            {
                yield return code.Major;
            }
        }
    }
}
