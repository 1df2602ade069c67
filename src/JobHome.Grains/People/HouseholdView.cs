namespace JobHome.Grains.People;

/// <summary>
/// A household with its zero-employment state: <see cref="Overdue"/> is computed for today (it turns true at midnight
/// without any event); <see cref="OverdueAlertRaised"/> is the durable alert the one-month reminder raised.
/// </summary>
[GenerateSerializer, Immutable, Alias("jobhome.household-view")]
public sealed record HouseholdView(
    [property: Id(0)] string Id,
    [property: Id(1)] string SiteCode,
    [property: Id(2)] HouseholdMemberView[] Members,
    [property: Id(3)] bool ZeroEmployment,
    [property: Id(4)] DateOnly? ZeroEmploymentSince,
    [property: Id(5)] bool Overdue,
    [property: Id(6)] bool OverdueAlertRaised,
    [property: Id(7)] DateOnly RegisteredOn);
