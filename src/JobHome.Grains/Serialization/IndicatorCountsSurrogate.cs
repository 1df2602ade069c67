namespace JobHome.Grains.Serialization;

/// <summary>
/// The wire form of the Domain's <see cref="JobHome.Domain.Indicators.IndicatorCounts"/>: the by-date counts as day
/// numbers and counts side by side (members 6–9; two array copies each way). Members 4 and 5, the dictionaries of
/// earlier versions, are read when the arrays are absent and no longer written.
/// </summary>
[GenerateSerializer, Alias("jobhome.indicator-counts")]
public struct IndicatorCountsSurrogate
{
    /// <summary>Employed people.</summary>
    [Id(0)]
    public long Employed { get; set; }

    /// <summary>Open posts.</summary>
    [Id(1)]
    public long OpenPosts { get; set; }

    /// <summary>Openings of open posts.</summary>
    [Id(2)]
    public long Openings { get; set; }

    /// <summary>Placements made.</summary>
    [Id(3)]
    public long Placements { get; set; }

    /// <summary>Unemployed by status date (earlier versions; read only).</summary>
    [Id(4)]
    public Dictionary<DateOnly, long>? UnemployedBySince { get; set; }

    /// <summary>Zero-employment households by zero-employment date (earlier versions; read only).</summary>
    [Id(5)]
    public Dictionary<DateOnly, long>? ZeroEmploymentBySince { get; set; }

    /// <summary>Day numbers (<see cref="DateOnly.DayNumber"/>) of the unemployed counts, ascending.</summary>
    [Id(6)]
    public int[]? UnemployedDays { get; set; }

    /// <summary>Unemployed counts, in the order of <see cref="UnemployedDays"/>.</summary>
    [Id(7)]
    public long[]? UnemployedCounts { get; set; }

    /// <summary>Day numbers of the zero-employment counts, ascending.</summary>
    [Id(8)]
    public int[]? ZeroEmploymentDays { get; set; }

    /// <summary>Zero-employment counts, in the order of <see cref="ZeroEmploymentDays"/>.</summary>
    [Id(9)]
    public long[]? ZeroEmploymentCounts { get; set; }
}
