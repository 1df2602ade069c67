namespace JobHome.Grains.People;

/// <summary>
/// Stored state of a household (version 1). The zero-employment date is derived from the members and kept for the
/// reminder.
/// </summary>
[GenerateSerializer, Alias("jobhome.household-state.v1")]
public sealed class HouseholdState
{
    /// <summary>The registering site, null until registered.</summary>
    [Id(0)]
    public string? SiteCode { get; set; }

    /// <summary>Members in registration order.</summary>
    [Id(1)]
    public List<HouseholdMemberState> Members { get; set; } = [];

    /// <summary>The server date of registration.</summary>
    [Id(2)]
    public DateOnly RegisteredOn { get; set; }

    /// <summary>The zero-employment date as last computed from the members, null when not zero-employment.</summary>
    [Id(3)]
    public DateOnly? ZeroEmploymentSince { get; set; }

    /// <summary>True once the one-month reminder found the household still zero-employment (cleared when it no longer is).</summary>
    [Id(4)]
    public bool OverdueAlertRaised { get; set; }
    /// <summary>The record's indicator outbox.</summary>
    [Id(5)]
    public Indicators.IndicatorOutbox Indicators { get; set; } = new();
}
