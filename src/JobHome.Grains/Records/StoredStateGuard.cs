using Orleans.Storage;

namespace JobHome.Grains.Records;

/// <summary>
/// Keeps a record grain's activation true to storage when the bulk import writes the record behind it (the bulk writes
/// states straight to storage, see docs/grains.md "Bulk import"): a call that finds the state empty re-reads it once
/// first (a found state is then published as on activation), and a call whose write fails on the ETag re-reads and runs
/// its decision once more instead of failing. A stored (non-empty) state is never re-read before a call; the first call
/// of an activation uses the state the activation has just read.
/// </summary>
/// <typeparam name="TState">The grain's stored state.</typeparam>
internal sealed class StoredStateGuard<TState>(IPersistentState<TState> state, Func<TState, bool> isEmpty, Func<Task> restored)
{
    private bool _activationRead = true;
    private int _running;

    /// <summary>Runs the call; the grain's <see cref="IIncomingGrainCallFilter.Invoke"/> delegates here.</summary>
    public async Task InvokeAsync(IIncomingGrainCallContext context)
    {
        // Interleaved calls (reads marked AlwaysInterleave) never re-read under a call that may be changing the state.
        _running++;
        try
        {
            var fresh = _activationRead;
            _activationRead = false;
            if (!fresh && _running == 1 && isEmpty(state.State))
            {
                await ReadAsync();
            }
            try
            {
                await context.Invoke();
            }
            catch (InconsistentStateException)
            {
                // Written behind this activation (bulk): decide again on the stored state; a second failure propagates.
                await ReadAsync();
                await context.Invoke();
            }
        }
        finally
        {
            _running--;
        }
    }

    private async Task ReadAsync()
    {
        await state.ReadStateAsync();
        if (!isEmpty(state.State))
        {
            await restored();
        }
    }
}
