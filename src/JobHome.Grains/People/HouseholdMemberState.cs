namespace JobHome.Grains.People;

/// <summary>Stored state of one member (version 1): the last status reported, by the member's status version.</summary>
[GenerateSerializer, Alias("jobhome.household-member-state.v1")]
public sealed class HouseholdMemberState
{
    /// <summary>The member's seeker id.</summary>
    [Id(0)]
    public string SeekerId { get; set; } = string.Empty;

    /// <summary>The newest status reported, null until the member joined.</summary>
    [Id(1)]
    public MemberStatus? Status { get; set; }
}
