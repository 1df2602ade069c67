using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Matching.Model;

namespace JobHome.Fair.Csv;

/// <summary>What the matching engine needs of validated Domain records (no name, ID card or phone).</summary>
internal static class MatchRecords
{
    /// <summary>The matching view of a seeker; certificates count as skills.</summary>
    public static MatchSeeker From(Seeker seeker)
    {
        IReadOnlyList<string> skills = seeker.Certificates.Count == 0 ? seeker.Skills : [.. seeker.Skills, .. seeker.Certificates];
        return new MatchSeeker(seeker.Id, seeker.BirthDate, seeker.Gender, seeker.Education, seeker.Occupations, skills,
            seeker.ExpectedPayMin, seeker.Location, seeker.Rural, seeker.Availability, seeker.KeyGroups);
    }

    /// <summary>The matching view of a post.</summary>
    public static MatchPost From(Post post) =>
        new(post.Id, post.EmployerId, post.Title, post.Occupation, post.Openings, post.PayMin, post.PayMax, post.Location,
            post.Kind, post.MinEducation, post.AgeMin, post.AgeMax, post.RequiredSkills) { Opened = post.Opened };
}
