using Orleans;

namespace JobHome.Storage.Tests.Sqlite.Grains;

/// <summary>Registers a reminder and reports its ticks to <see cref="TestSignals"/>.</summary>
[Alias("jobhome.tests.reminder-probe")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    [Alias("register")]
    Task RegisterAsync(TimeSpan dueTime, TimeSpan period);
}
