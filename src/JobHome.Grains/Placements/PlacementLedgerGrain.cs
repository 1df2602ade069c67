using JobHome.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace JobHome.Grains.Placements;

/// <summary>
/// A shard of unfinished placements (see <see cref="IPlacementLedgerGrain"/>). Reentrant so that adds arriving while a
/// write is in flight share the next write (one write per batch, not per placement); its only mutable state is the set
/// and the write queue, both changed between awaits only. Its reminder, registered by the first add of each activation
/// and kept, ticks every minute and sweeps: after a crash the reminder service wakes the shard, which asks each listed
/// placement to finish.
/// </summary>
[Reentrant]
public sealed partial class PlacementLedgerGrain(
    [PersistentState("placement-ledger", StorageNames.Default)] IPersistentState<PlacementLedgerState> state,
    ILogger<PlacementLedgerGrain> logger) : Grain, IPlacementLedgerGrain, IRemindable
{
    /// <summary>The shard's sweeping reminder.</summary>
    public const string SweepReminder = "placement-ledger-sweep";

    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private Task? _reminder;
    private TaskCompletionSource? _nextWrite;
    private bool _writing;
    private bool _dirty;

    /// <inheritdoc />
    public async Task AddAsync(string placementId, bool end)
    {
        ArgumentException.ThrowIfNullOrEmpty(placementId);
        var reminder = _reminder ??= this.RegisterOrUpdateReminder(SweepReminder, Period, Period);
        try
        {
            await reminder;
        }
        catch
        {
            _reminder = null;
            throw;
        }
        state.State.Unfinished.Add(PlacementLedger.Entry(placementId, end));
        await WriteAsync();
    }

    /// <inheritdoc />
    public Task DoneAsync(string placementId, bool end)
    {
        ArgumentException.ThrowIfNullOrEmpty(placementId);
        _dirty |= state.State.Unfinished.Remove(PlacementLedger.Entry(placementId, end));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string[]> GetUnfinishedAsync() =>
        Task.FromResult(state.State.Unfinished.Order(StringComparer.Ordinal).ToArray());

    /// <inheritdoc />
    public async Task<int> SweepAsync()
    {
        var entries = state.State.Unfinished.ToArray();
        var finished = await Task.WhenAll(entries.Select(FinishAsync));
        for (var i = 0; i < entries.Length; i++)
        {
            if (finished[i])
            {
                _dirty |= state.State.Unfinished.Remove(entries[i]);
            }
        }
        if (_dirty)
        {
            await WriteAsync();
        }
        return state.State.Unfinished.Count;
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (string.Equals(reminderName, SweepReminder, StringComparison.Ordinal) && state.State.Unfinished.Count > 0)
        {
            await SweepAsync();
        }
    }

    private async Task<bool> FinishAsync(string entry)
    {
        var placementId = entry[2..];
        try
        {
            return await GrainFactory.GetGrain<IPlacementGrain>(placementId).FinishPendingAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSweepFailed(logger, placementId, ex);
            return false;
        }
    }

    // Callers that arrive while a write is in flight join the one after it; that write stores whatever changed until it starts.
    private Task WriteAsync()
    {
        if (_nextWrite is { } waiting)
        {
            return waiting.Task;
        }
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _nextWrite = next;
        if (!_writing)
        {
            _ = WriteLoopAsync();
        }
        return next.Task;
    }

    private async Task WriteLoopAsync()
    {
        _writing = true;
        try
        {
            while (_nextWrite is { } batch)
            {
                _nextWrite = null;
                _dirty = false;
                try
                {
                    await state.WriteStateAsync();
                    batch.SetResult();
                }
                catch (Exception ex)
                {
                    // The stored row's version may now differ from memory's: the next activation starts from storage
                    // (entries of this batch were never acknowledged; the sweep drops done ones still stored).
                    _dirty = true;
                    DeactivateOnIdle();
                    batch.SetException(ex);
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Placement {PlacementId} could not finish in the ledger's sweep; the next sweep retries")]
    private static partial void LogSweepFailed(ILogger logger, string placementId, Exception exception);
}
