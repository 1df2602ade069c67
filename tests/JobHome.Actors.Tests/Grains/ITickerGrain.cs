namespace JobHome.Actors.Tests.Grains;

/// <summary>Timers and reminders.</summary>
public interface ITickerGrain : IGrainWithStringKey
{
    Task StartTimerAsync(TimeSpan dueTime, TimeSpan period);

    Task StartReminderAsync(string name, TimeSpan dueTime, TimeSpan period);

    Task StopReminderAsync(string name);

    Task DeactivateAsync();

    Task PingAsync();
}
