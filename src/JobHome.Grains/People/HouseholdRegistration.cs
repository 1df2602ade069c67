namespace JobHome.Grains.People;

/// <summary>A household (家庭) to register: its site and its members (registered seekers).</summary>
[GenerateSerializer, Immutable, Alias("jobhome.household-registration")]
public sealed record HouseholdRegistration(
    [property: Id(0)] string SiteCode,
    [property: Id(1)] string[] MemberIds);
