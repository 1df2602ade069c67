using JobHome.Domain.Geography;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Matching.Model;

namespace JobHome.Grains.Matching;

/// <summary>
/// A post's match features as they travel to a partition; <see cref="Openings"/> counts free openings only;
/// <see cref="Opened"/> is the post's open date (null for a post stored before it was kept: the partition counts its age
/// from the day it first indexed it).
/// </summary>
[GenerateSerializer, Immutable, Alias("jobhome.post-match-record")]
public sealed record PostMatchRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string EmployerId,
    [property: Id(2)] string Occupation,
    [property: Id(3)] int Openings,
    [property: Id(4)] decimal PayMin,
    [property: Id(5)] decimal PayMax,
    [property: Id(6)] double Lat,
    [property: Id(7)] double Lon,
    [property: Id(8)] WorkKind Kind,
    [property: Id(9)] EducationLevel MinEducation,
    [property: Id(10)] int? AgeMin,
    [property: Id(11)] int? AgeMax,
    [property: Id(12)] string[] Skills,
    [property: Id(13)] DateOnly? Opened = null)
{
    /// <summary>The engine's record (the title is not needed for matching).</summary>
    public MatchPost ToMatchPost() => new(Id, EmployerId, string.Empty, MatchCodes.ParseOne(Occupation), Openings, PayMin, PayMax,
        new GeoPoint(Lat, Lon), Kind, MinEducation, AgeMin, AgeMax, Skills) { Opened = Opened };

    /// <summary>The record of an engine post.</summary>
    public static PostMatchRecord From(MatchPost p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Id, p.EmployerId, p.Occupation.ToString(), p.Openings, p.PayMin, p.PayMax, p.Location.Lat, p.Location.Lon, p.Kind,
            p.MinEducation, p.AgeMin, p.AgeMax, [.. p.Skills], p.Opened);
    }
}
