using Orleans.Runtime;
using Orleans.Storage;

namespace JobHome.Grains.Sharding;

/// <summary>
/// One grain-state row of a grain, read from storage the first time it is needed and written on demand: for rows whose
/// names are only known at run time (a site directory's per-cell listings, <c>directory-cell-{cell}</c>), which cannot be
/// persistent-state facets. One read at a time; a failed read or write makes the next use read the row again.
/// </summary>
/// <typeparam name="TState">The stored type.</typeparam>
internal sealed class StoredRow<TState>(IGrainStorage storage, string stateName, GrainId grainId)
    where TState : class, new()
{
    private readonly GrainState<TState> _state = new(new TState());
    private Task? _load;

    /// <summary>The row's state (loaded).</summary>
    public TState State => _load is { IsCompletedSuccessfully: true } && _state.State is { } loaded
        ? loaded
        : throw new InvalidOperationException($"Row '{stateName}' is used before it was loaded (LoadAsync).");

    /// <summary>Reads the row unless it is loaded.</summary>
    public Task LoadAsync()
    {
        if (_load is null || _load.IsFaulted || _load.IsCanceled)
        {
            _load = ReadAsync();
        }
        return _load;
    }

    /// <summary>Stores the row (loaded).</summary>
    public async Task WriteAsync()
    {
        _ = State;
        try
        {
            await storage.WriteStateAsync(stateName, grainId, _state);
        }
        catch
        {
            // Memory is ahead of storage: the next use reads the row again.
            _load = null;
            throw;
        }
    }

    private async Task ReadAsync()
    {
        _state.State = new TState();
        _state.ETag = null;
        _state.RecordExists = false;
        await storage.ReadStateAsync(stateName, grainId, _state);
        _state.State ??= new TState();
    }
}
