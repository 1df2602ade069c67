using JobHome.Grains.Bulk;
using JobHome.Grains.Matching;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Grains.SiteRecords;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.Indicators;

/// <summary>
/// Reads seekers', households' and posts' stored states straight from grain storage (the provider, state name and grain
/// id their grains use), without activating them: the partition rebuild and the recount read thousands of records this
/// way in bounded batches instead of one grain call (and one activation) each. A state read here is the record's last
/// write; a record's change reaches its aggregator only after that write (in the same transaction on the embedded store,
/// after it elsewhere), so readers reconcile with the live path themselves.
/// A reader given a <see cref="RebuildReadLimiter"/> (the partition rebuild's) takes a silo-wide permit for every read;
/// the recount's reader has none: its reads run inside grain calls under the response timeout and are bounded by the
/// recount's own fan-out, so they must not queue behind a restart's rebuilds.
/// On a storage that offers <see cref="IGrainStateBatchReader"/> (the embedded SQLite store) a whole list is one batched
/// read on the thread pool (one statement per 500 ids, one connection), under a batch permit of the limiter if given
/// (<see cref="RebuildReadLimiter.RunBatchAsync{T}"/>); other storages are read row by row, 16 at a time.
/// </summary>
internal sealed class RecordStateReader(IGrainStorage storage, IGrainFactory grains, RebuildReadLimiter? limiter = null)
{
    /// <summary>Storage reads in flight at once per batch.</summary>
    private const int Parallelism = 16;

    /// <summary>A reader over the silo's default grain storage, its reads bounded by <paramref name="limiter"/> if given.</summary>
    public static RecordStateReader Create(IServiceProvider services, IGrainFactory grains, RebuildReadLimiter? limiter = null) =>
        new(services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default), grains, limiter);

    /// <summary>
    /// While true, this reader's reads go ahead of the waiting reads of other readers that are not (the limiter's urgent
    /// queue): a rebuild's posts, which its partition's post lists wait for, before any partition's seekers.
    /// </summary>
    public bool Urgent { get; set; }

    /// <summary>True when the storage reads many states in one go (<see cref="IGrainStateBatchReader"/>).</summary>
    public bool Batched => storage is IGrainStateBatchReader;

    /// <summary>
    /// What a rebuild of <paramref name="cell"/> reads of <paramref name="sites"/>, from their directories' stored rows
    /// (<see cref="SiteDirectoryListing"/>), in one batched read on the thread pool under one batch permit; null for a site
    /// whose directory must be asked. Only on a <see cref="Batched"/> storage.
    /// </summary>
    public Task<SiteMatchListing?[]> MatchSourcesAsync(IReadOnlyList<string> sites, string cell, CancellationToken cancellationToken)
    {
        var batch = (IGrainStateBatchReader)storage;
        Task<SiteMatchListing?[]> Read() =>
            Task.Run(() => SiteDirectoryListing.ReadMatchSourcesAsync(batch, grains, sites, cell, cancellationToken), cancellationToken);
        return limiter is null ? Read() : limiter.RunBatchAsync(Read, cancellationToken, Urgent);
    }

    /// <summary>The stored seekers of <paramref name="ids"/>, in order; null where no state is stored.</summary>
    public Task<SeekerState?[]> SeekersAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        ReadManyAsync<SeekerState>("seeker", ids, id => grains.GetGrain<ISeekerGrain>(id).GetGrainId(), cancellationToken);

    /// <summary>The stored households of <paramref name="ids"/>, in order; null where no state is stored.</summary>
    public Task<HouseholdState?[]> HouseholdsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        ReadManyAsync<HouseholdState>("household", ids, id => grains.GetGrain<IHouseholdGrain>(id).GetGrainId(), cancellationToken);

    /// <summary>The stored posts of <paramref name="ids"/>, in order; null where no state is stored.</summary>
    public Task<PostState?[]> PostsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        ReadManyAsync<PostState>("post", ids, id => grains.GetGrain<IPostGrain>(id).GetGrainId(), cancellationToken);

    private Task<T?[]> ReadManyAsync<T>(string stateName, IReadOnlyList<string> ids, Func<string, GrainId> grainId,
        CancellationToken cancellationToken)
        where T : class, new()
    {
        if (ids.Count == 0)
        {
            return Task.FromResult(Array.Empty<T?>());
        }
        if (storage is IGrainStateBatchReader batch)
        {
            var grainIds = new GrainId[ids.Count];
            for (var i = 0; i < grainIds.Length; i++)
            {
                grainIds[i] = grainId(ids[i]);
            }
            // Off the grain's turn: the query and the deserialization are synchronous work.
            Task<T?[]> Read() => Task.Run(() => batch.ReadStatesAsync<T>(stateName, grainIds, cancellationToken), cancellationToken);
            return limiter is null ? Read() : limiter.RunBatchAsync(Read, cancellationToken, Urgent);
        }
        return GrainBatches.SelectAsync(ids, id => limiter is null
            ? ReadOneAsync<T>(stateName, grainId(id))
            : limiter.RunAsync(() => ReadOneAsync<T>(stateName, grainId(id)), cancellationToken, Urgent), Parallelism, cancellationToken);
    }

    private async Task<T?> ReadOneAsync<T>(string stateName, GrainId grainId)
        where T : class, new()
    {
        var state = new BulkStoredState<T>(new T());
        await storage.ReadStateAsync(stateName, grainId, state);
        return state.RecordExists ? state.State : null;
    }
}
