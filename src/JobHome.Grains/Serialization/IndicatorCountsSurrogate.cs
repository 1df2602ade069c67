namespace JobHome.Grains.Serialization;

/// <summary>The wire and storage form of the Domain's <see cref="JobHome.Domain.Indicators.IndicatorCounts"/>.</summary>
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

    /// <summary>Unemployed by status date.</summary>
    [Id(4)]
    public Dictionary<DateOnly, long> UnemployedBySince { get; set; }

    /// <summary>Zero-employment households by zero-employment date.</summary>
    [Id(5)]
    public Dictionary<DateOnly, long> ZeroEmploymentBySince { get; set; }
}
