using JobHome.Domain.Indicators;

namespace JobHome.Grains.Indicators;

/// <summary>
/// The newest subtree totals an aggregator holds for one child site (version 1), as plain members: the Domain's
/// <see cref="IndicatorCounts"/> has private setters a JSON grain-storage serializer would not restore. Dates are kept
/// as day numbers (<see cref="DateOnly.DayNumber"/>) so every serializer handles the dictionary keys.
/// </summary>
[GenerateSerializer, Alias("jobhome.indicator-child-entry.v1")]
public sealed class ChildEntry
{
    /// <summary>The child's report number.</summary>
    [Id(0)]
    public long Version { get; set; }

    /// <summary>Employed people.</summary>
    [Id(1)]
    public long Employed { get; set; }

    /// <summary>Open posts.</summary>
    [Id(2)]
    public long OpenPosts { get; set; }

    /// <summary>Open openings.</summary>
    [Id(3)]
    public long Openings { get; set; }

    /// <summary>Placements made.</summary>
    [Id(4)]
    public long Placements { get; set; }

    /// <summary>Unemployed people by the day number their unemployment began.</summary>
    [Id(5)]
    public Dictionary<int, long> UnemployedByDay { get; set; } = [];

    /// <summary>Zero-employment households by the day number of their zero-employment date.</summary>
    [Id(6)]
    public Dictionary<int, long> ZeroEmploymentByDay { get; set; } = [];

    /// <summary>An entry for <paramref name="counts"/> at report <paramref name="version"/>.</summary>
    public static ChildEntry Of(long version, IndicatorCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new ChildEntry
        {
            Version = version,
            Employed = counts.Employed,
            OpenPosts = counts.OpenPosts,
            Openings = counts.Openings,
            Placements = counts.Placements,
            UnemployedByDay = counts.UnemployedBySince.ToDictionary(e => e.Key.DayNumber, e => e.Value),
            ZeroEmploymentByDay = counts.ZeroEmploymentBySince.ToDictionary(e => e.Key.DayNumber, e => e.Value),
        };
    }

    /// <summary>The counts held.</summary>
    public IndicatorCounts ToCounts()
    {
        var counts = new IndicatorCounts();
        counts.Restore(Employed, OpenPosts, Openings, Placements,
            UnemployedByDay.Select(e => KeyValuePair.Create(DateOnly.FromDayNumber(e.Key), e.Value)),
            ZeroEmploymentByDay.Select(e => KeyValuePair.Create(DateOnly.FromDayNumber(e.Key), e.Value)));
        return counts;
    }
}
