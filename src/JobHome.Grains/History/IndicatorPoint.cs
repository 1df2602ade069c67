using JobHome.Domain.Indicators;

namespace JobHome.Grains.History;

/// <summary>
/// A site's subtree indicators at the last recording of one day, or filled in for a day without one
/// (<see cref="Backfilled"/>; plain members: stored as grain state).
/// </summary>
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

    /// <summary>
    /// Filled in for a day that had no recording (the silo down over both of its ticks): the by-date indicators from the
    /// site's counts by status date as of the day, the others carried from the last point before it (docs/grains.md,
    /// History). False for a recorded point.
    /// </summary>
    [Id(10)]
    public bool Backfilled { get; set; }

    /// <summary>
    /// The point of a day without a recording: <paramref name="dated"/>'s four by-date indicators, and employed, open posts,
    /// openings and placements of <paramref name="last"/> (the counts keep no date for them).
    /// </summary>
    public static IndicatorPoint Backfill(IndicatorPoint last, DatedIndicators dated, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(last);
        return new IndicatorPoint
        {
            Date = dated.Date,
            RecordedAt = recordedAt,
            Employed = last.Employed,
            Unemployed = dated.Unemployed,
            UnemployedOver3Months = dated.UnemployedOver3Months,
            ZeroEmploymentHouseholds = dated.ZeroEmploymentHouseholds,
            ZeroEmploymentHouseholdsOverdue = dated.ZeroEmploymentHouseholdsOverdue,
            OpenPosts = last.OpenPosts,
            Openings = last.Openings,
            Placements = last.Placements,
            Backfilled = true,
        };
    }
}
