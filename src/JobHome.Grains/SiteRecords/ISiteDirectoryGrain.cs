using Orleans.Concurrency;

namespace JobHome.Grains.SiteRecords;

/// <summary>
/// The records registered at one site (keyed by site code): seeker ids with their names (for search), household ids (for
/// alerts) and post ids: the per-site record index a recount walks. The records themselves add their entry <em>before</em>
/// the write that puts them at the site (the HTTP layer's calls after a registration repeat it harmlessly), so every
/// record that is at a site is listed there; an entry may outlive its record's stay (a move, a registration that never
/// wrote), which costs a recount one question to the record and nothing else. Seeker and post entries also carry the
/// match cell the record is listed as active in, so a match partition's rebuild reads only its cell's records (see
/// <c>SiteDirectoryGrain.Cells</c>).
/// </summary>
[Alias("jobhome.ISiteDirectoryGrain")]
public interface ISiteDirectoryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds or renames a seeker of this site (idempotent). Leaves the entry's match cell as it is: the HTTP layer repeats a
    /// registration's entry with this, the seeker grain lists itself with <see cref="ListSeekerAsync"/>. A new entry made
    /// here has no cell, so a site whose cell listings were complete is read in full by the next rebuild.
    /// </summary>
    [Alias("PutSeeker")]
    Task PutSeekerAsync(string seekerId, string name);

    /// <summary>
    /// The seeker grain's entry, before the write that stores it at this site: adds or renames the seeker and, in the same
    /// row write, sets the match cell it is listed as active in (<paramref name="activeCell"/>; null: active in none).
    /// Idempotent; writes only when the name or the cell changed. The seeker calls it when it registers or moves here,
    /// and before any write that stores it active in a cell it does not know it is listed in; a cell that outlives the
    /// seeker's activity (a placement since) is harmless: the rebuild reads the seeker and skips it.
    /// </summary>
    [Alias("ListSeeker")]
    Task ListSeekerAsync(string seekerId, string name, string? activeCell);

    /// <summary>Removes a seeker that moved to another site (idempotent).</summary>
    [Alias("RemoveSeeker")]
    Task RemoveSeekerAsync(string seekerId);

    /// <summary>Adds a household of this site (idempotent).</summary>
    [Alias("PutHousehold")]
    Task PutHouseholdAsync(string householdId);

    /// <summary>Adds a post of this site (idempotent; the entry's match cell as it is, as <see cref="PutSeekerAsync"/>).</summary>
    [Alias("PutPost")]
    Task PutPostAsync(string postId);

    /// <summary>
    /// The post grain's entry, before the write that stores it at this site: adds the post and, in the same row write, sets
    /// the match cell it is listed as active in (null: none), as <see cref="ListSeekerAsync"/>.
    /// </summary>
    [Alias("ListPost")]
    Task ListPostAsync(string postId, string? activeCell);

    /// <summary>
    /// What a rebuild of cell <paramref name="cell"/> reads here: the seekers and posts listed as active in that cell once
    /// this site's cell listings are complete, otherwise every seeker and post of the site (see <see cref="SiteMatchListing"/>).
    /// </summary>
    [ReadOnly, Alias("GetMatchListing")]
    Task<SiteMatchListing> GetMatchListingAsync(string cell);

    /// <summary>
    /// After a rebuild read every seeker and post of this site listed at <paramref name="epoch"/>: lists each record found
    /// stored active in a cell (<paramref name="sourceIds"/>[i] in <paramref name="cells"/>[i]) in that cell, unless its
    /// entry has a cell already (set by the record since, newer) or is gone (moved away), and marks the listings complete,
    /// unless a bulk import came since (then nothing is marked; false). Only adds: never clears or moves a record's cell.
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
