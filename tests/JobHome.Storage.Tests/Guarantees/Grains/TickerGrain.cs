namespace JobHome.Storage.Tests.Guarantees.Grains;

/// <summary>Reports each tick of its reminder to <see cref="TestProbe"/>.</summary>
public sealed class TickerGrain : Grain, ITickerGrain, IRemindable
{
    /// <summary>The reminder's name.</summary>
    public const string ReminderName = "tick";

    /// <inheritdoc />
    public async Task StartAsync(TimeSpan dueTime, TimeSpan period) =>
        await this.RegisterOrUpdateReminder(ReminderName, dueTime, period);

    /// <inheritdoc />
    public async Task StopAsync()
    {
        var reminder = await this.GetReminder(ReminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        TestProbe.Report(this.GetPrimaryKeyString(), TestProbe.NextTicket());
        return Task.CompletedTask;
    }
}
