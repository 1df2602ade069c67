namespace JobHome.Grains.History;

/// <summary>A site's subtree indicators at the last recording of one day (plain members: stored as grain state).</summary>
[GenerateSerializer, Alias("jobhome.indicator-point.v1")]
public sealed class IndicatorPoint
{
    /// <summary>The server's date of the point.</summary>
    [Id(0)]
    public DateOnly Date { get; set; }

    /// <summary>When the point was last recorded (UTC).</summary>
    [Id(1)]
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Employed.</summary>
    [Id(2)]
    public long Employed { get; set; }

    /// <summary>Unemployed.</summary>
    [Id(3)]
    public long Unemployed { get; set; }

    /// <summary>Unemployed for more than three months.</summary>
    [Id(4)]
    public long UnemployedOver3Months { get; set; }

    /// <summary>Zero-employment households.</summary>
    [Id(5)]
    public long ZeroEmploymentHouseholds { get; set; }

    /// <summary>Zero-employment households older than one month.</summary>
    [Id(6)]
    public long ZeroEmploymentHouseholdsOverdue { get; set; }

    /// <summary>Open posts.</summary>
    [Id(7)]
    public long OpenPosts { get; set; }

    /// <summary>Openings not yet taken of open posts.</summary>
    [Id(8)]
    public long Openings { get; set; }

    /// <summary>Placements made (cumulative).</summary>
    [Id(9)]
    public long Placements { get; set; }
}
