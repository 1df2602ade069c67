using JobHome.Domain.Employers;
using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Sites;

namespace JobHome.Demo;

/// <summary>
/// One generated county: its own sites (hub first, parents before children) and the people, households, employers and posts registered
/// there.
/// </summary>
public sealed record DemoCounty(
    int Index,
    string Code,
    string Name,
    IReadOnlyList<Site> Sites,
    IReadOnlyList<Seeker> Seekers,
    IReadOnlyList<Household> Households,
    IReadOnlyList<Employer> Employers,
    IReadOnlyList<Post> Posts);
