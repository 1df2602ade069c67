using Orleans.Concurrency;

namespace JobHome.Grains.SiteRecords;

/// <summary>
/// The records registered at one site (keyed by site code): seeker ids with their names, for search, and household ids,
/// for alerts. Derived data kept by the HTTP layer after each successful registration; rebuildable from the records.
/// </summary>
[Alias("jobhome.ISiteDirectoryGrain")]
public interface ISiteDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Adds or renames a seeker of this site (idempotent).</summary>
    [Alias("PutSeeker")]
    Task PutSeekerAsync(string seekerId, string name);

    /// <summary>Removes a seeker that moved to another site (idempotent).</summary>
    [Alias("RemoveSeeker")]
    Task RemoveSeekerAsync(string seekerId);

    /// <summary>Adds a household of this site (idempotent).</summary>
    [Alias("PutHousehold")]
    Task PutHouseholdAsync(string householdId);

    /// <summary>The ids of this site's seekers whose name contains <paramref name="name"/> (all when empty), in id order.</summary>
    [ReadOnly, Alias("FindSeekers")]
    Task<string[]> FindSeekersAsync(string name);

    /// <summary>The ids of this site's households, in id order.</summary>
    [ReadOnly, Alias("GetHouseholds")]
    Task<string[]> GetHouseholdsAsync();
}
