using JobHome.Domain.Indicators;

namespace JobHome.Grains.Indicators;

/// <summary>
/// The newest subtree totals an aggregator holds for one child site (version 1), as plain members: the Domain's
/// <see cref="IndicatorCounts"/> has private setters a JSON grain-storage serializer would not restore. Dates are kept
/// as day numbers (<see cref="DateOnly.DayNumber"/>): since version 2 as sorted arrays of days and counts side by side
/// (members 7–10, a copy of the counts' own arrays); entries of version 1 (dictionaries, members 5–6) are still read.
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

    /// <summary>Unemployed people by the day number their unemployment began (earlier versions; read only).</summary>
    [Id(5)]
    public Dictionary<int, long>? UnemployedByDay { get; set; }

    /// <summary>Zero-employment households by the day number of their zero-employment date (earlier versions; read only).</summary>
    [Id(6)]
    public Dictionary<int, long>? ZeroEmploymentByDay { get; set; }

    /// <summary>Day numbers of the unemployed counts, ascending (written since version 2 of the form: arrays side by side).</summary>
    [Id(7)]
    public int[]? UnemployedDays { get; set; }

    /// <summary>Unemployed counts, in the order of <see cref="UnemployedDays"/>.</summary>
    [Id(8)]
    public long[]? UnemployedCounts { get; set; }

    /// <summary>Day numbers of the zero-employment counts, ascending.</summary>
    [Id(9)]
    public int[]? ZeroEmploymentDays { get; set; }

    /// <summary>Zero-employment counts, in the order of <see cref="ZeroEmploymentDays"/>.</summary>
    [Id(10)]
    public long[]? ZeroEmploymentCounts { get; set; }

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
            UnemployedDays = counts.UnemployedBySince.DayNumbers.ToArray(),
            UnemployedCounts = counts.UnemployedBySince.Counts.ToArray(),
            ZeroEmploymentDays = counts.ZeroEmploymentBySince.DayNumbers.ToArray(),
            ZeroEmploymentCounts = counts.ZeroEmploymentBySince.Counts.ToArray(),
        };
    }

    /// <summary>The counts held.</summary>
    public IndicatorCounts ToCounts()
    {
        var counts = new IndicatorCounts();
        if (UnemployedDays is null && ZeroEmploymentDays is null)
        {
            counts.Restore(Employed, OpenPosts, Openings, Placements,
                (UnemployedByDay ?? []).Select(e => KeyValuePair.Create(DateOnly.FromDayNumber(e.Key), e.Value)),
                (ZeroEmploymentByDay ?? []).Select(e => KeyValuePair.Create(DateOnly.FromDayNumber(e.Key), e.Value)));
            return counts;
        }
        counts.Restore(Employed, OpenPosts, Openings, Placements, UnemployedDays, UnemployedCounts, ZeroEmploymentDays,
            ZeroEmploymentCounts);
        return counts;
    }
}
