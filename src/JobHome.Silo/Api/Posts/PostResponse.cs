using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Grains.Posts;

namespace JobHome.Silo.Api.Posts;

/// <summary>
/// A post as the API shows it, with openings taken, whether it is open, full or closed, and the date it opened (null for
/// a post stored before the date was kept).
/// </summary>
public sealed record PostResponse(
    string Id,
    string SiteCode,
    string EmployerCode,
    string Title,
    string Occupation,
    int Openings,
    int Taken,
    decimal PayMin,
    decimal PayMax,
    double Lat,
    double Lon,
    string Kind,
    string MinEducation,
    int? AgeMin,
    int? AgeMax,
    string[] Skills,
    bool Closed,
    bool Full,
    bool Open,
    DateOnly? Opened)
{
    /// <summary>The response for a stored post.</summary>
    internal static PostResponse From(PostView v)
    {
        var p = v.Profile;
        return new PostResponse(v.Id, p.SiteCode, p.EmployerCode, p.Title, p.Occupation, p.Openings, v.Taken, p.PayMin, p.PayMax,
            p.Lat, p.Lon,
            WorkKinds.Format(p.Kind), p.MinEducation.ToToken(), p.AgeMin, p.AgeMax, p.Skills, v.Closed, v.Full, v.Open,
            v.Opened);
    }
}
