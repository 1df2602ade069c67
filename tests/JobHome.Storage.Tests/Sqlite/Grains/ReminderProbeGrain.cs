using Orleans;
using Orleans.Runtime;

namespace JobHome.Storage.Tests.Sqlite.Grains;

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public Task RegisterAsync(TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder("probe", dueTime, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        TestSignals.ReminderTicked(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }
}
