namespace JobHome.Silo.Api.Import;

/// <summary>Limits of the bulk import path (configuration section <c>JobHome:Import</c>).</summary>
public sealed class BulkImportOptions
{
    /// <summary>
    /// Sites of one request imported at the same time (each site's calls run one after another). More sites in flight fill
    /// the storage's group commit better; fewer keep a loaded machine's calls inside Orleans' response timeout. Values
    /// below 1 count as 1. Default: 16.
    /// </summary>
    public int SitesInFlight { get; set; } = 16;
}
