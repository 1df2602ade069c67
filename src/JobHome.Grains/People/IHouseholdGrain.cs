using Orleans.Concurrency;

namespace JobHome.Grains.People;

/// <summary>A household (家庭), keyed by household id; tracks whether it is a zero-employment household (零就业家庭).</summary>
[Alias("jobhome.IHouseholdGrain")]
public interface IHouseholdGrain : IGrainWithStringKey
{
    /// <summary>Registers the household with its members (each must be registered and in no other household).</summary>
    [Alias("Register")]
    Task<CommandResult> RegisterAsync(HouseholdRegistration registration);

    /// <summary>
    /// The household, or null when not registered. Interleaves: it only reads memory, and members ask it while it waits
    /// on them.
    /// </summary>
    [AlwaysInterleave, Alias("Get")]
    Task<HouseholdView?> GetAsync();

    /// <summary>
    /// Takes a member's new status; older versions than the one held are ignored. Interleaves, so a member reporting
    /// while the household waits on that member (registration) cannot deadlock; the household's writes go one at a time.
    /// </summary>
    [AlwaysInterleave, Alias("ReportMemberStatus")]
    Task<CommandResult> ReportMemberStatusAsync(string seekerId, MemberStatus status);
}
