using Microsoft.Extensions.Logging;

namespace JobHome.Grains.SiteRecords;

/// <summary>
/// A seeker's or post's side of its site directory's per-cell listings (<see cref="ISiteDirectoryGrain.ListInCellAsync"/>):
/// it remembers the (cell, site) its stored state is listed under, lists the record under a new pair before the write that
/// stores it there, and takes it off the old pair after that write. Only a change of cell or site calls the directory;
/// a crash between the write and either call leaves an extra entry, never a missing one. One per activation, used in the
/// grain's turns only.
/// </summary>
internal sealed partial class CellListing
{
    private string? _cell;
    private string? _site;
    private bool _known;

    /// <summary>Before the write that stores the record in <paramref name="cell"/> at <paramref name="site"/> (null: in no cell).</summary>
    public Task BeforeWriteAsync(IGrainFactory grains, string sourceId, string? cell, string? site)
    {
        if (cell is null || site is null || (_known && Same(cell, site)))
        {
            return Task.CompletedTask;
        }
        return grains.GetGrain<ISiteDirectoryGrain>(site).ListInCellAsync(cell, sourceId);
    }

    /// <summary>
    /// After that write (and on activation, with the state read): takes the record off the pair it left. A failed removal
    /// only leaves an extra entry (logged).
    /// </summary>
    public async Task AfterWriteAsync(IGrainFactory grains, string sourceId, string? cell, string? site, ILogger logger)
    {
        if (cell is null)
        {
            site = null;
        }
        if (_known && _cell is { } left && _site is { } leftSite && !Same(cell, site))
        {
            try
            {
                await grains.GetGrain<ISiteDirectoryGrain>(leftSite).UnlistFromCellAsync(left, sourceId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogUnlistFailed(logger, sourceId, left, leftSite, e);
            }
        }
        (_cell, _site, _known) = (cell, site, true);
    }

    private bool Same(string? cell, string? site) =>
        string.Equals(_cell, cell, StringComparison.Ordinal) && string.Equals(_site, site, StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{SourceId} left cell {Cell} at site {Site} but its listing there could not be removed (an extra entry)")]
    private static partial void LogUnlistFailed(ILogger logger, string sourceId, string cell, string site, Exception exception);
}
