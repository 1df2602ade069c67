using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Matching.Model;

namespace JobHome.Grains.Matching;

/// <summary>
/// A seeker's match features as they travel to a partition (no name, no ID number, no phone), with the occupation and kind
/// of its most recent placements (<see cref="Placed"/>, the re-ranker's history).
/// </summary>
[GenerateSerializer, Immutable, Alias("jobhome.seeker-match-record")]
public sealed record SeekerMatchRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] DateOnly BirthDate,
    [property: Id(2)] Gender Gender,
    [property: Id(3)] EducationLevel Education,
    [property: Id(4)] string[] Occupations,
    [property: Id(5)] string[] Skills,
    [property: Id(6)] decimal ExpectedPayMin,
    [property: Id(7)] double Lat,
    [property: Id(8)] double Lon,
    [property: Id(9)] bool Rural,
    [property: Id(10)] WorkKind Availability,
    [property: Id(11)] KeyGroups KeyGroups,
    [property: Id(12)] PlacedWork[]? Placed = null)
{
    /// <summary>The re-ranker's history of the seeker: its placements (<see cref="PlacedWork"/>); null without any.</summary>
    public JobHome.Matching.Ranking.ApplicationHistory? History() => PlacedWork.History(Placed);

    /// <summary>The engine's record (occupation codes that do not parse are left out: registration validated them).</summary>
    public MatchSeeker ToMatchSeeker() => new(Id, BirthDate, Gender, Education, MatchCodes.Parse(Occupations), Skills,
        ExpectedPayMin, new GeoPoint(Lat, Lon), Rural, Availability, KeyGroups);

    /// <summary>
    /// True when <paramref name="other"/> gives the same engine record (<see cref="ToMatchSeeker"/>): every field but
    /// <see cref="Placed"/> (the re-ranker's history, passed apart), arrays by their elements. A partition keeps a holder's
    /// engine record, and with it the holder's kept post query, across reads with an equal record. A field added to this
    /// record must be compared here (<c>SeekerMatchRecordTests</c> changes each field in turn and fails otherwise).
    /// </summary>
    public bool SameEngineFeatures(SeekerMatchRecord other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ReferenceEquals(this, other)
            || (Id == other.Id && BirthDate == other.BirthDate && Gender == other.Gender && Education == other.Education
                && ExpectedPayMin == other.ExpectedPayMin && Lat.Equals(other.Lat) && Lon.Equals(other.Lon)
                && Rural == other.Rural && Availability == other.Availability && KeyGroups == other.KeyGroups
                && Occupations.AsSpan().SequenceEqual(other.Occupations) && Skills.AsSpan().SequenceEqual(other.Skills));
    }

    /// <summary>The record of an engine seeker.</summary>
    public static SeekerMatchRecord From(MatchSeeker s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.BirthDate, s.Gender, s.Education, [.. s.Occupations.Select(o => o.ToString())], [.. s.Skills],
            s.ExpectedPayMin, s.Location.Lat, s.Location.Lon, s.Rural, s.Availability, s.KeyGroups);
    }
}
