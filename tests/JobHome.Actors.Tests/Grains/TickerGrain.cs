using JobHome.Actors.Reminders;

namespace JobHome.Actors.Tests.Grains;

/// <summary>Each timer tick waits for the probe's gate "timer-gate-{n}"; reminder ticks are recorded.</summary>
public sealed class TickerGrain(GrainProbe probe) : Grain, ITickerGrain, IRemindable
{
    public Task StartTimerAsync(TimeSpan dueTime, TimeSpan period)
    {
        RegisterGrainTimer(OnTimerAsync, dueTime, period);
        return Task.CompletedTask;
    }

    public Task StartReminderAsync(string name, TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder(name, dueTime, period);

    public Task StopReminderAsync(string name) => UnregisterReminder(name);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task PingAsync() => Task.CompletedTask;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var n = probe.Increment("reminder-" + reminderName);
        probe.Events.Enqueue($"reminder {reminderName} {n} at {status.CurrentTickTime:O}");
        probe.Set($"reminder-{reminderName}-{n}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Set("ticker-deactivated-" + this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        var inside = probe.Increment("timer-inside");
        probe.Max("timer-max-inside", inside);
        var n = probe.Increment("timer-ticks");
        probe.Set($"timer-tick-{n}");
        await probe.WaitAsync($"timer-gate-{n}");
        probe.Decrement("timer-inside");
        probe.Set($"timer-done-{n}");
    }
}
