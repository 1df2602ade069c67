using System.Collections.Concurrent;
using System.Text;
using JobHome.Actors.Activation;
using JobHome.Actors.Diagnostics;
using JobHome.Actors.Dispatch;

namespace JobHome.Actors.Reminders;

/// <summary>
/// Schedules durable reminders from <see cref="IReminderTable"/> on the runtime's clock. At start it loads every
/// reminder (a single silo owns the whole hash range), so reminders survive restarts. Each tick is a grain call
/// (activating the grain when needed); the next tick is armed after the call finished, at the next period boundary,
/// so ticks missed while the silo was down are skipped, not replayed.
/// </summary>
internal sealed class ReminderService(GrainRuntime runtime)
{
    public GrainRuntime Runtime { get; } = runtime;

    private readonly ConcurrentDictionary<(string GrainType, string GrainId, string Name), Schedule> _schedules = new();
    private IReminderTable? _table;

    public int Count => _schedules.Count;

    private IReminderTable Table => _table ?? throw new InvalidOperationException("The silo has not started.");

    public static uint GrainHash(string grainType, string grainId)
    {
        // FNV-1a over UTF-8 of "type/id": stable across processes and machines.
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(grainType + "/" + grainId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    public async Task StartAsync(IReminderTable table, CancellationToken cancellationToken)
    {
        _table = table;
        var entries = await table.ReadRangeAsync(0, uint.MaxValue, cancellationToken).ConfigureAwait(false);
        foreach (var entry in entries)
        {
            if (Runtime.FindClass(entry.GrainType) is { } grainClass)
            {
                // A tick due before (or exactly at) this start was missed, not replayed: the next is strictly later.
                Arm(grainClass, entry, afterNow: true);
            }
        }
    }

    public void Stop()
    {
        foreach (var schedule in _schedules.Values)
        {
            schedule.Dispose();
        }

        _schedules.Clear();
    }

    public async Task RegisterOrUpdateAsync(ActivationData activation, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A reminder period must be positive.");
        }

        if (!activation.Id.Class.IsRemindable)
        {
            throw new InvalidOperationException($"{activation.Id.Class.ClassType} must implement IRemindable to register reminders.");
        }

        var grainType = activation.Id.Class.GrainTypeName;
        var entry = new ReminderEntry(grainType, activation.Id.Key, name, Runtime.Time.GetUtcNow() + dueTime, period, GrainHash(grainType, activation.Id.Key));
        var etag = await Table.UpsertAsync(entry, Runtime.Stopping).ConfigureAwait(true);
        Arm(activation.Id.Class, entry with { Etag = etag }, afterNow: false);
    }

    public async Task UnregisterAsync(ActivationData activation, string name)
    {
        var key = (activation.Id.Class.GrainTypeName, activation.Id.Key, name);
        if (_schedules.TryRemove(key, out var schedule))
        {
            schedule.Dispose();
        }

        await Table.RemoveAsync(key.GrainTypeName, key.Key, name, Runtime.Stopping).ConfigureAwait(true);
    }

    private void Arm(GrainClassInfo grainClass, ReminderEntry entry, bool afterNow)
    {
        var schedule = new Schedule(this, grainClass, entry);
        _schedules.AddOrUpdate((entry.GrainType, entry.GrainId, entry.ReminderName), schedule, (_, old) =>
        {
            old.Dispose();
            return schedule;
        });
        schedule.Start(afterNow);
    }

    private sealed class Schedule(ReminderService owner, GrainClassInfo grainClass, ReminderEntry entry) : IDisposable
    {
        private ITimer? _timer;
        private DateTimeOffset _due;
        private volatile bool _disposed;

        public void Start(bool afterNow)
        {
            var now = owner.Runtime.Time.GetUtcNow();
            _due = afterNow ? NextDue(now.AddTicks(1)) : entry.StartAt;
            _timer = owner.Runtime.Time.CreateTimer(static s => _ = ((Schedule)s!).TickAsync(), this, Delay(), Timeout.InfiniteTimeSpan);
        }

        public void Dispose()
        {
            _disposed = true;
            _timer?.Dispose();
        }

        private TimeSpan Delay()
        {
            var delay = _due - owner.Runtime.Time.GetUtcNow();
            return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        }

        private DateTimeOffset NextDue(DateTimeOffset now)
        {
            if (entry.StartAt >= now)
            {
                return entry.StartAt;
            }

            var periods = (long)Math.Ceiling((now - entry.StartAt).Ticks / (double)entry.Period.Ticks);
            return entry.StartAt + TimeSpan.FromTicks(entry.Period.Ticks * periods);
        }

        private async Task TickAsync()
        {
            if (_disposed)
            {
                return;
            }

            var runtime = owner.Runtime;
            try
            {
                await runtime.DispatchAsync(grainClass, entry.GrainId, new ReminderTickRequest(entry.ReminderName, new TickStatus(entry.StartAt, entry.Period, _due))).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A failing reminder handler is logged; the reminder keeps ticking.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                ActorsLog.ReminderFailed(runtime.Logger, ex, $"{entry.GrainType}/{entry.GrainId}", entry.ReminderName);
            }

            if (_disposed)
            {
                return;
            }

            _due = NextDue(_due.AddTicks(1) > runtime.Time.GetUtcNow() ? _due.AddTicks(1) : runtime.Time.GetUtcNow());
            try
            {
                _timer?.Change(Delay(), Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Unregistered or stopped concurrently.
            }
        }
    }

    private sealed class ReminderTickRequest(string name, TickStatus status) : GrainRequest
    {
        public override string InterfaceName => "JobHome.Actors.Reminders.IRemindable";

        public override string MethodName => "ReceiveReminder";

        public override Task Invoke(object grain) => ((IRemindable)grain).ReceiveReminder(name, status);
    }
}
