using Orleans.Runtime;

namespace JobHome.Storage;

/// <summary>
/// A grain storage that reads many grains' stored states of one state name in one go (one statement per chunk of ids
/// instead of one query each). Readers that walk thousands of records without activating their grains (the match
/// partition rebuild, the recount) use it when the storage offers it and read row by row otherwise.
/// </summary>
public interface IGrainStateBatchReader
{
    /// <summary>
    /// The stored states of <paramref name="grainIds"/> under <paramref name="stateName"/>, in order: null where no state is
    /// stored (no row, or a cleared one), exactly where <c>IGrainStorage.ReadStateAsync</c> reports
    /// <c>RecordExists == false</c>. The query and the deserialization run synchronously on the calling thread after the
    /// connection opens: callers in a grain turn run it on the thread pool.
    /// </summary>
    Task<T?[]> ReadStatesAsync<T>(string stateName, IReadOnlyList<GrainId> grainIds, CancellationToken cancellationToken)
        where T : class;
}
