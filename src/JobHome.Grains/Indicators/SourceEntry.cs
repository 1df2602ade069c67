using JobHome.Domain.Indicators;

namespace JobHome.Grains.Indicators;

/// <summary>
/// The newest contribution an aggregator holds for one record (version 1). Kept as plain members, not as the Domain
/// struct: JSON grain-storage serializers that preserve references would write equal structs as one reference and read
/// them back empty. Written without Orleans' reference tracking (no map shares an entry): the serializer otherwise put
/// every entry of a shard or journal of a few hundred in its reference table on each write (that table, built anew per
/// write past 64 objects, was ~5 % of the silo's allocations under the change mix, docs/benchmarks.md; the keys still
/// enter it). The stored bytes are the same either way.
/// </summary>
[GenerateSerializer, SuppressReferenceTracking, Alias("jobhome.indicator-source-entry.v1")]
public sealed class SourceEntry
{
    /// <summary>The record's version.</summary>
    [Id(0)]
    public long Version { get; set; }

    /// <summary>1 for an employed person.</summary>
    [Id(1)]
    public int Employed { get; set; }

    /// <summary>When an unemployed person's unemployment began.</summary>
    [Id(2)]
    public DateOnly? UnemployedSince { get; set; }

    /// <summary>A zero-employment household's zero-employment date.</summary>
    [Id(3)]
    public DateOnly? ZeroEmploymentSince { get; set; }

    /// <summary>1 for an open post.</summary>
    [Id(4)]
    public int OpenPosts { get; set; }

    /// <summary>Open openings of a post.</summary>
    [Id(5)]
    public int Openings { get; set; }

    /// <summary>Placements made of a person.</summary>
    [Id(6)]
    public int Placements { get; set; }

    /// <summary>An entry for <paramref name="contribution"/> at <paramref name="version"/>.</summary>
    public static SourceEntry Of(long version, IndicatorContribution contribution) => new()
    {
        Version = version,
        Employed = contribution.Employed,
        UnemployedSince = contribution.UnemployedSince,
        ZeroEmploymentSince = contribution.ZeroEmploymentSince,
        OpenPosts = contribution.OpenPosts,
        Openings = contribution.Openings,
        Placements = contribution.Placements,
    };

    /// <summary>The contribution held.</summary>
    public IndicatorContribution ToContribution() => new()
    {
        Employed = Employed,
        UnemployedSince = UnemployedSince,
        ZeroEmploymentSince = ZeroEmploymentSince,
        OpenPosts = OpenPosts,
        Openings = Openings,
        Placements = Placements,
    };
}
