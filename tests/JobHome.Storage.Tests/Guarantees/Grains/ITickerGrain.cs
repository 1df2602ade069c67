namespace JobHome.Storage.Tests.Guarantees.Grains;

/// <summary>A grain whose reminder ticks are reported to <see cref="TestProbe"/> under its key.</summary>
[Alias("jobhome.tests.guarantees.ticker")]
public interface ITickerGrain : IGrainWithStringKey
{
    /// <summary>Registers (or updates) the reminder "tick".</summary>
    Task StartAsync(TimeSpan dueTime, TimeSpan period);

    /// <summary>Unregisters the reminder "tick".</summary>
    Task StopAsync();
}
