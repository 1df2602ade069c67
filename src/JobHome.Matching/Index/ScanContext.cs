using JobHome.Domain.Geography;
using JobHome.Domain.People;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Index;

/// <summary>What a query's scans share, unpacked once per query: model, options, query point and latitude pre-reject.</summary>
internal readonly struct ScanContext(ScoringModel model, MatchOptions options, double lat, double lon, double radiusKm)
{
    public readonly ScoringModel Model = model;
    public readonly int PackedAsOf = FactorCurves.PackDate(options.AsOf);
    public readonly double RuralKm = options.LimitKm(true);
    public readonly double UrbanKm = options.LimitKm(false);
    public readonly KeyGroups PriorityGroups = options.PriorityGroups;
    public readonly double OtherPriority = options.OtherKeyGroupPriority;
    public readonly GeoPoint Here = new(lat, lon);

    /// <summary>Latitude difference beyond which a record is certainly out of the query radius.</summary>
    public readonly double LatReject = GeoGrid.LatRejectDegrees(radiusKm);

    /// <summary>The commute limit of a seeker.</summary>
    public double LimitKm(bool rural) => rural ? RuralKm : UrbanKm;

    /// <summary>The priority factor of a seeker's key groups.</summary>
    public double Priority(KeyGroups groups) => FactorCurves.Priority(groups, PriorityGroups, OtherPriority);
}
