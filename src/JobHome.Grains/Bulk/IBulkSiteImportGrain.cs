using JobHome.Grains.People;
using JobHome.Grains.Posts;

namespace JobHome.Grains.Bulk;

/// <summary>
/// The bulk import of one site's records (key: the site code), for province-sized loads (<c>jobhome import</c>): a batch
/// is validated as a whole before anything is written, then the records' states are written straight to grain storage
/// (the group-commit writer takes them in few transactions) without activating one grain per record, and the site's
/// aggregates are set in one step (indicator entries, directory, match partitions). Nothing live runs per record: no
/// indicator events, no post-list refresh. A record already there is reported existing and left alone, so a batch can be
/// sent again after a failure. Records of one site must not be changed through their own grains while their batch runs.
/// </summary>
[Alias("jobhome.IBulkSiteImportGrain")]
public interface IBulkSiteImportGrain : IGrainWithStringKey
{
    /// <summary>Registers seekers of this site under the ledger's ids; one result per item, in order.</summary>
    [Alias("ImportSeekers")]
    Task<BulkResult[]> ImportSeekersAsync(BulkSeeker[] seekers);

    /// <summary>Registers households of this site (members: seekers registered before); one result per item, in order.</summary>
    [Alias("ImportHouseholds")]
    Task<BulkResult[]> ImportHouseholdsAsync(BulkHousehold[] households);

    /// <summary>Opens posts of this site under the ledger's ids (employers registered before); one result per item.</summary>
    [Alias("ImportPosts")]
    Task<BulkResult[]> ImportPostsAsync(BulkPost[] posts);
}

/// <summary>A seeker to import: the ledger's id and the registration (its site is the grain's).</summary>
[GenerateSerializer, Immutable, Alias("jobhome.bulk-seeker")]
public sealed record BulkSeeker([property: Id(0)] string Id, [property: Id(1)] SeekerRegistration Registration);

/// <summary>A household to import: the ledger's id and its members' seeker ids (its site is the grain's).</summary>
[GenerateSerializer, Immutable, Alias("jobhome.bulk-household")]
public sealed record BulkHousehold([property: Id(0)] string Id, [property: Id(1)] string[] MemberIds);

/// <summary>
/// A post to import: the ledger's id, the profile (its site is the grain's) and the date it opened (posts.csv's
/// <c>opened</c>; null: the import day).
/// </summary>
[GenerateSerializer, Immutable, Alias("jobhome.bulk-post")]
public sealed record BulkPost([property: Id(0)] string Id, [property: Id(1)] PostProfile Profile,
    [property: Id(2)] DateOnly? Opened = null);
