using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Grains.Catalog;
using JobHome.Grains.Matching;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Grains.SiteRecords;
using JobHome.Matching.Model;

namespace JobHome.Silo.Api.Fairs;

/// <summary>
/// Collects a subtree's registered unemployed seekers (site directories) and open posts with free openings (per-site
/// post index) as the engine's records; only match features travel (no name, ID number or phone).
/// </summary>
internal static class FairInputs
{
    /// <summary>The records of every site below and at <paramref name="siteCode"/>, in site code then id order.</summary>
    public static async Task<(List<MatchSeeker> Seekers, List<MatchPost> Posts)> CollectAsync(IGrainFactory grains, string siteCode,
        FairJob job, CancellationToken cancellationToken)
    {
        var sites = await SiteCatalog.SubtreeAsync(grains, siteCode);
        job.Enter("collect", sites.Length);
        var seekers = new List<MatchSeeker>();
        var posts = new List<MatchPost>();
        for (var i = 0; i < sites.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var code = sites[i].Code;
            var seekerIds = await grains.GetGrain<ISiteDirectoryGrain>(code).FindSeekersAsync(string.Empty);
            foreach (var id in seekerIds)
            {
                if (await grains.GetGrain<ISeekerGrain>(id).GetAsync() is { Status: LabourStatus.Unemployed } s && s.SiteCode == code)
                {
                    seekers.Add(new SeekerMatchRecord(s.Id, s.BirthDate, s.Gender, s.Education, s.Occupations, s.Skills, s.ExpectedPayMin,
                        s.Lat, s.Lon, s.Rural, s.Availability, s.KeyGroups).ToMatchSeeker());
                }
            }
            foreach (var id in await grains.GetGrain<ISitePostsGrain>(code).GetAsync())
            {
                if (await grains.GetGrain<IPostGrain>(id).GetAsync() is { Open: true } p && p.Profile.SiteCode == code
                    && OccupationCode.TryParse(p.Profile.Occupation, out var occupation, out _))
                {
                    var r = p.Profile;
                    posts.Add(new MatchPost(p.Id, r.EmployerCode, r.Title, occupation, r.Openings - p.Taken, r.PayMin, r.PayMax,
                        new GeoPoint(r.Lat, r.Lon), r.Kind, r.MinEducation, r.AgeMin, r.AgeMax, r.Skills));
                }
            }
            job.Report(i + 1);
        }
        return (seekers, posts);
    }
}
