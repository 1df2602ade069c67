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

    /// <summary>
    /// Lists a seeker or post (source id <c>kind/key</c>) in the listing of match cell <paramref name="cell"/> (idempotent).
    /// Called by the record before every write that stores it in that cell at this site, so a listing holds every record
    /// stored there (and may hold more: an entry outlives a write that never happened or a failed removal).
    /// </summary>
    [Alias("ListInCell")]
    Task ListInCellAsync(string cell, string sourceId);

    /// <summary>Removes a record from cell <paramref name="cell"/>'s listing, after the write that took it out (idempotent).</summary>
    [Alias("UnlistFromCell")]
    Task UnlistFromCellAsync(string cell, string sourceId);

    /// <summary>
    /// What a rebuild of cell <paramref name="cell"/> reads here: the cell's listing once this site's listings are complete,
    /// otherwise every seeker and post of the site (see <see cref="SiteMatchListing"/>).
    /// </summary>
    [ReadOnly, Alias("GetMatchListing")]
    Task<SiteMatchListing> GetMatchListingAsync(string cell);

    /// <summary>
    /// After a rebuild read every seeker and post of this site listed at <paramref name="epoch"/>: adds each record found
    /// stored in a cell (<paramref name="sourceIds"/>[i] in <paramref name="cells"/>[i]) to that cell's listing and marks
    /// the listings complete, unless a bulk import came since (then nothing is marked; false).
    /// </summary>
    [Alias("AdoptCells")]
    Task<bool> AdoptCellsAsync(int epoch, string[] sourceIds, string[] cells);

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
