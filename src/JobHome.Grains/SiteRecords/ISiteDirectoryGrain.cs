using Orleans.Concurrency;

namespace JobHome.Grains.SiteRecords;

/// <summary>
/// The records registered at one site (keyed by site code): seeker ids with their names (for search), household ids (for
/// alerts) and post ids: the per-site record index a recount walks. The records themselves add their entry <em>before</em>
/// the write that puts them at the site (the HTTP layer's calls after a registration repeat it harmlessly), so every
/// record that is at a site is listed there; an entry may outlive its record's stay (a move, a registration that never
/// wrote), which costs a recount one question to the record and nothing else.
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

    /// <summary>Adds a post of this site (idempotent).</summary>
    [Alias("PutPost")]
    Task PutPostAsync(string postId);

    /// <summary>Every record listed here as an indicator source id (<c>kind/key</c>), in ordinal order.</summary>
    [ReadOnly, Alias("GetSourceIds")]
    Task<string[]> GetSourceIdsAsync();

    /// <summary>The ids of this site's seekers whose name contains <paramref name="name"/> (all when empty), in id order.</summary>
    [ReadOnly, Alias("FindSeekers")]
    Task<string[]> FindSeekersAsync(string name);

    /// <summary>The ids of this site's households, in id order.</summary>
    [ReadOnly, Alias("GetHouseholds")]
    Task<string[]> GetHouseholdsAsync();

    /// <summary>
    /// The ids of the posts listed at this site, in id order; a post that moved away may still be listed, so callers
    /// keep the posts whose current site is this one.
    /// </summary>
    [ReadOnly, Alias("GetPosts")]
    Task<string[]> GetPostsAsync();
}
