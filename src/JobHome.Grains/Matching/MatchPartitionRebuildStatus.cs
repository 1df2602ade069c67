namespace JobHome.Grains.Matching;

/// <summary>
/// Where a partition's rebuild stands (see <see cref="IMatchPartitionGrain.RebuildStatusAsync"/>). While
/// <see cref="Rebuilding"/>, a seeker's post query waits until <see cref="PostsIn"/>, then answers over every post (a post's
/// candidates come from the seekers loaded so far); afterwards everything answers over every record of its sites.
/// </summary>
/// <param name="Rebuilding">True from the activation that found sites until the last batch is applied.</param>
/// <param name="Sites">Sites whose records the partition has held (its stored state).</param>
/// <param name="SitesDone">Sites whose records have all been read.</param>
/// <param name="Read">Record ids read from storage so far (seekers and posts of those sites, in this cell or not).</param>
/// <param name="Loaded">Records put into the index by the rebuild (those stored in this cell, open or unemployed).</param>
/// <param name="Skipped">Records the rebuild left alone because a live change reached the partition first (newer).</param>
/// <param name="Batches">Storage batches applied.</param>
/// <param name="ElapsedMs">Milliseconds since the rebuild began (to its end, once finished); 0 when none ran.</param>
/// <param name="SitesFromCellListing">Sites read from their directory's listing of this cell (only what the cell holds).</param>
/// <param name="SitesReadInFull">Sites read in full (no complete cell listing yet), then adopted by their directories.</param>
/// <param name="SitesMissed">Sites left out because their listing could not be read (logged; never pruned).</param>
/// <param name="PostsIn">Every listed post is in (the rebuild reads them before any seeker): seekers' post queries are
/// answered, exactly; before that they wait.</param>
/// <param name="PostsInMs">Milliseconds from the rebuild's start until its posts were in; 0 before (or when none ran).</param>
/// <param name="PostQueriesWaiting">Seekers' post queries waiting for the posts now.</param>
[GenerateSerializer, Immutable, Alias("jobhome.match-partition-rebuild-status")]
public sealed record MatchPartitionRebuildStatus(
    [property: Id(0)] bool Rebuilding,
    [property: Id(1)] int Sites,
    [property: Id(2)] int SitesDone,
    [property: Id(3)] long Read,
    [property: Id(4)] long Loaded,
    [property: Id(5)] long Skipped,
    [property: Id(6)] int Batches,
    [property: Id(7)] long ElapsedMs,
    [property: Id(8)] int SitesFromCellListing = 0,
    [property: Id(9)] int SitesReadInFull = 0,
    [property: Id(10)] int SitesMissed = 0,
    [property: Id(11)] bool PostsIn = true,
    [property: Id(12)] long PostsInMs = 0,
    [property: Id(13)] int PostQueriesWaiting = 0);
