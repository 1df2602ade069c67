using JobHome.Demo;
using JobHome.Matching.Model;

namespace JobHome.Ranking.Tests;

/// <summary>Xinfeng County's seekers and posts as the matching engine sees them (as the CLI's MatchRecords maps them).</summary>
internal static class RankingData
{
    private static readonly Lazy<(IReadOnlyList<MatchSeeker>, IReadOnlyList<MatchPost>)> XinfengData = new(() =>
    {
        var county = DemoGenerator.Xinfeng();
        IReadOnlyList<MatchSeeker> seekers = [.. county.Seekers.Select(s => new MatchSeeker(s.Id, s.BirthDate, s.Gender, s.Education,
            s.Occupations, [.. s.Skills, .. s.Certificates], s.ExpectedPayMin, s.Location, s.Rural, s.Availability, s.KeyGroups))];
        IReadOnlyList<MatchPost> posts = [.. county.Posts.Select(p => new MatchPost(p.Id, p.EmployerId, p.Title, p.Occupation, p.Openings,
            p.PayMin, p.PayMax, p.Location, p.Kind, p.MinEducation, p.AgeMin, p.AgeMax, p.RequiredSkills) { Opened = p.Opened })];
        return (seekers, posts);
    });

    public static (IReadOnlyList<MatchSeeker> Seekers, IReadOnlyList<MatchPost> Posts) Xinfeng() => XinfengData.Value;
}
