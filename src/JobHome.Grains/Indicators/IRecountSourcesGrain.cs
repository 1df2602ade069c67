using Orleans.Concurrency;

namespace JobHome.Grains.Indicators;

/// <summary>
/// What a site's aggregator (keyed by site code, the same activation as <see cref="ISiteIndicatorsGrain"/>) tells a recount
/// about its own records: the version of each record's entry it holds, so the recount's reader need not activate a record
/// whose newest version has already arrived (see <see cref="IRecountReaderGrain.ReadAsync(string, string[], long[])"/>).
/// </summary>
[Alias("jobhome.IRecountSourcesGrain")]
public interface IRecountSourcesGrain : IGrainWithStringKey
{
    /// <summary>Every record this site holds an entry for, with the entry's version, ids in ordinal order.</summary>
    [ReadOnly, Alias("GetHeldVersions")]
    Task<RecountHeldSources> GetHeldVersionsAsync();
}
