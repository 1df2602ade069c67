namespace JobHome.Grains.SiteRecords;

/// <summary>
/// What a match partition's rebuild reads of one site (<see cref="ISiteDirectoryGrain.GetMatchListingAsync"/>,
/// <see cref="SiteDirectoryListing"/>): with <see cref="CellListed"/> the source ids listed as active in the partition's
/// cell (a superset of the site's records stored active in that cell); without, every seeker and post of the site, to be read in full
/// and adopted (<see cref="ISiteDirectoryGrain.AdoptCellsAsync"/>) with <see cref="Epoch"/>.
/// </summary>
/// <param name="CellListed">True when the site's cell listings are complete.</param>
/// <param name="Epoch">The directory's listing epoch when it was read (<see cref="SiteDirectoryState.BulkEpoch"/>).</param>
/// <param name="SourceIds">Source ids (<c>seeker/…</c>, <c>post/…</c>) in ordinal order.</param>
[GenerateSerializer, Immutable, Alias("jobhome.site-match-listing")]
public sealed record SiteMatchListing(
    [property: Id(0)] bool CellListed,
    [property: Id(1)] int Epoch,
    [property: Id(2)] string[] SourceIds);
