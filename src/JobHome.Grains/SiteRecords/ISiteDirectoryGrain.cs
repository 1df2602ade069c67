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

    /// <summary>
    /// Notes the match partitions (<see cref="Matching.MatchPartitions"/> keys) that records of this site are or are about to
    /// be stored in: <paramref name="sourceIds"/> (<c>seeker/…</c> or <c>post/…</c>, listed here) with, at the same index,
    /// the partition, or an empty string for "in no partition" (an employed seeker, a closed or full post). Notes only add:
    /// a record keeps every partition ever noted for it. The contract a caller keeps (see <see cref="GetMatchSourceIdsAsync"/>):
    /// a record's partition is noted <em>before</em> the write that puts it in that partition. Idempotent; one write per
    /// shard touched.
    /// </summary>
    [Alias("NoteMatchPartitions")]
    Task NoteMatchPartitionsAsync(string[] sourceIds, string[] partitions);

    /// <summary>
    /// The seekers and posts of this site a rebuild of match partition <paramref name="partition"/> has to read: those
    /// noted in that partition and those with no note at all (listed before notes existed), each in ordinal order. A record
    /// noted only in other partitions (or in none) is left out; that is safe as long as every write that puts a record in
    /// a partition was preceded by its note (<see cref="NoteMatchPartitionsAsync"/>). Reads the seeker and post shards, and the
    /// note shards only once this site has a note (before that every record is unnoted); never the households'.
    /// </summary>
    [ReadOnly, Alias("GetMatchSourceIds")]
    Task<MatchSourceIds> GetMatchSourceIdsAsync(string partition);
}
