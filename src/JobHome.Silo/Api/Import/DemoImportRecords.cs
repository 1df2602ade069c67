using JobHome.Demo;
using JobHome.Domain.People;
using JobHome.Domain.Sites;
using JobHome.Domain.Work;
using JobHome.Silo.Api.Employers;
using JobHome.Silo.Api.Households;
using JobHome.Silo.Api.Posts;
using JobHome.Silo.Api.Seekers;
using JobHome.Silo.Api.Sites;

namespace JobHome.Silo.Api.Import;

/// <summary>
/// The demo province as import records, exactly what <c>jobhome import</c> reads from the demo's CSV files: a seeker is
/// registered at their household's site with the facts of <see cref="DemoPeople"/>; a post at its employer's site.
/// </summary>
internal sealed class DemoImportRecords
{
    /// <summary>
    /// The records of <paramref name="options"/>'s province (all counties in memory: meant for Xinfeng-sized loads), with
    /// every status date moved forward by the days from <see cref="DemoGenerator.ReferenceDate"/> to
    /// <paramref name="today"/> (none when today is earlier), so the demo network looks as it would today: the share of
    /// people unemployed over three months and of overdue zero-employment households stays as generated instead of
    /// growing with every day since the reference date.
    /// </summary>
    public DemoImportRecords(DemoOptions options, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(options);
        var shift = Math.Max(0, today.DayNumber - DemoGenerator.ReferenceDate.DayNumber);
        var sites = DemoGenerator.UpperSites(options).Select(Site).ToList();
        var employers = new List<EmployerRequest>();
        var seekers = new List<ImportItem<SeekerRequest>>();
        var households = new List<ImportItem<HouseholdRequest>>();
        var posts = new List<ImportItem<PostRequest>>();
        foreach (var county in DemoGenerator.Counties(options))
        {
            sites.AddRange(county.Sites.Select(Site));
            employers.AddRange(county.Employers.Select(e => new EmployerRequest(e.CreditCode.Value, e.Name, e.SiteCode,
                e.Location.Lat, e.Location.Lon, e.ContactPhone)));
            var siteOf = county.Households.SelectMany(h => h.Members.Select(m => (m.SeekerId, h.SiteCode)))
                .ToDictionary(p => p.SeekerId, p => p.SiteCode, StringComparer.Ordinal);
            var people = DemoPeople.Of(county, options.Seed).ToDictionary(p => p.SeekerId, StringComparer.Ordinal);
            seekers.AddRange(county.Seekers.Select(s => new ImportItem<SeekerRequest>(s.Id, Seeker(s, siteOf[s.Id], people[s.Id], shift))));
            households.AddRange(county.Households.Select(h => new ImportItem<HouseholdRequest>(h.Id,
                new HouseholdRequest(h.SiteCode, [.. h.Members.Select(m => m.SeekerId)]))));
            var employerOf = county.Employers.ToDictionary(e => e.Id, StringComparer.Ordinal);
            posts.AddRange(county.Posts.Select(p =>
            {
                var employer = employerOf[p.EmployerId];
                return new ImportItem<PostRequest>(p.Id, new PostRequest(employer.SiteCode, employer.CreditCode.Value, p.Title,
                    p.Occupation.ToString(), p.Openings, p.PayMin, p.PayMax, p.Location.Lat, p.Location.Lon, WorkKinds.Format(p.Kind),
                    p.MinEducation.ToToken(), p.AgeMin, p.AgeMax, [.. p.RequiredSkills], p.Opened));
            }));
        }
        Sites = sites;
        Employers = employers;
        Seekers = seekers;
        Households = households;
        Posts = posts;
    }

    /// <summary>Sites, parents first.</summary>
    public IReadOnlyList<SiteRequest> Sites { get; }

    /// <summary>Employers.</summary>
    public IReadOnlyList<EmployerRequest> Employers { get; }

    /// <summary>Seekers under their demo ids.</summary>
    public IReadOnlyList<ImportItem<SeekerRequest>> Seekers { get; }

    /// <summary>Households under their demo ids.</summary>
    public IReadOnlyList<ImportItem<HouseholdRequest>> Households { get; }

    /// <summary>Posts under their demo ids.</summary>
    public IReadOnlyList<ImportItem<PostRequest>> Posts { get; }

    private static SiteRequest Site(Site site) => new(site.Code, site.Name, site.Kind.ToToken(), site.ParentCode, site.Location.Lat,
        site.Location.Lon, site.Rural, site.Staff.FullTime, site.Staff.PartTime, site.Staff.Volunteers);

    private static SeekerRequest Seeker(Seeker s, string siteCode, DemoPerson person, int shiftDays) => new(
        siteCode, s.Name, person.IdNumber, person.Phone, s.BirthDate, s.Gender == Gender.Male ? "M" : "F", s.Education.ToToken(),
        [.. s.Occupations.Select(o => o.ToString())], [.. s.Skills.Concat(s.Certificates)], s.ExpectedPayMin, s.Location.Lat,
        s.Location.Lon, s.Rural, Split(WorkKinds.Format(s.Availability)), Split(KeyGroupTokens.Format(s.KeyGroups)), person.StatusToken,
        person.StatusSince.AddDays(shiftDays));

    private static string[] Split(string list) => list.Split(';', StringSplitOptions.RemoveEmptyEntries);
}
