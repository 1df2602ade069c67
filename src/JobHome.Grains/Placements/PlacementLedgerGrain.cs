using JobHome.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace JobHome.Grains.Placements;

/// <summary>
/// A shard of unfinished placements (see <see cref="IPlacementLedgerGrain"/>). Reentrant so that adds arriving while a
/// write is in flight share the next write (one write per batch, not per placement); its only mutable state is the set
/// and the write queue, both changed between awaits only. A sweep drops only entries not added again while it asked
/// their placements (a retry after a crash re-adds its entry while the sweep's answer for the old one is in flight).
/// Its reminder, registered by the first add of each activation
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

    // The add number of each entry added by this activation (entries read from storage have none: number 0).
    private readonly Dictionary<string, long> _addedAs = new(StringComparer.Ordinal);
    private long _adds;
    private Task? _reminder;
    private TaskCompletionSource? _nextWrite;
    private Exception? _writeFailed;
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
            // Only this attempt is forgotten: a later add may already have started a newer registration.
            if (ReferenceEquals(_reminder, reminder))
            {
                _reminder = null;
            }
            throw;
        }
        var entry = PlacementLedger.Entry(placementId, end);
        state.State.Unfinished.Add(entry);
        _addedAs[entry] = ++_adds;
        await WriteAsync();
    }

    /// <inheritdoc />
    public Task DoneAsync(string placementId, bool end)
    {
        ArgumentException.ThrowIfNullOrEmpty(placementId);
        var entry = PlacementLedger.Entry(placementId, end);
        _addedAs.Remove(entry);
        _dirty |= state.State.Unfinished.Remove(entry);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string[]> GetUnfinishedAsync() =>
        Task.FromResult(state.State.Unfinished.Order(StringComparer.Ordinal).ToArray());

    /// <inheritdoc />
    public async Task<int> SweepAsync()
    {
        var entries = state.State.Unfinished.ToArray();
        var asked = _adds;
        var finished = await Task.WhenAll(entries.Select(FinishAsync));
        for (var i = 0; i < entries.Length; i++)
        {
            // An entry added again while its placement answered belongs to that newer add: kept until it is done.
            if (finished[i] && _addedAs.GetValueOrDefault(entries[i]) <= asked)
            {
                _addedAs.Remove(entries[i]);
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
        // Done marks are stored with the next write; a tick writes them when no add came (so a restart does not re-ask them).
        if (string.Equals(reminderName, SweepReminder, StringComparison.Ordinal) && (state.State.Unfinished.Count > 0 || _dirty))
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
        if (_writeFailed is { } failed)
        {
            return Task.FromException(failed);
        }
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
                if (_writeFailed is { } failed)
                {
                    // Memory and storage disagree after a failed write; this activation writes no more (see below).
                    batch.SetException(failed);
                    continue;
                }
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
                    // Later batches fail at once instead of writing with a version storage no longer has.
                    _dirty = true;
                    _writeFailed = ex;
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
