using Orleans.Storage;

namespace JobHome.Grains.Bulk;

/// <summary>
/// Reads and writes records' states straight in grain storage, as their grains would (same provider, state name and
/// grain id), for the bulk import. A first write carries no ETag, so it fails when the row exists already (a repeated
/// batch, or a record written meanwhile by its grain): the caller then reads the row and decides. Writes issued together
/// share the storage's group commit.
/// </summary>
internal sealed class BulkStateStore(IGrainStorage storage)
{
    /// <summary>Writes a new state; false when a state exists already (nothing written).</summary>
    public Task<bool> TryInsertAsync<T>(string stateName, GrainId grainId, T value)
        where T : class, new() =>
        TryInsertAsync(stateName, grainId, new BulkStoredState<T>(value));

    /// <summary>Writes a new state (its ETag set on success, for a later write or clear); false when one exists already.</summary>
    public async Task<bool> TryInsertAsync<T>(string stateName, GrainId grainId, BulkStoredState<T> stored)
        where T : class, new()
    {
        try
        {
            await storage.WriteStateAsync(stateName, grainId, stored);
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    /// <summary>Reads a state with its ETag; <c>RecordExists</c> is false when there is none.</summary>
    public async Task<BulkStoredState<T>> ReadAsync<T>(string stateName, GrainId grainId)
        where T : class, new()
    {
        var state = new BulkStoredState<T>(new T());
        await storage.ReadStateAsync(stateName, grainId, state);
        return state;
    }

    /// <summary>Writes a state read before (its ETag checked); <see cref="InconsistentStateException"/> if it changed since.</summary>
    public Task WriteAsync<T>(string stateName, GrainId grainId, BulkStoredState<T> state)
        where T : class, new() =>
        storage.WriteStateAsync(stateName, grainId, state);

    /// <summary>Clears a state read or written before (ETag checked); <see cref="InconsistentStateException"/> if changed since.</summary>
    public Task ClearAsync<T>(string stateName, GrainId grainId, BulkStoredState<T> state)
        where T : class, new() =>
        storage.ClearStateAsync(stateName, grainId, state);
}
