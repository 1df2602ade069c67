namespace JobHome.Actors.Tests.Grains;

/// <summary>Enters, records the number of concurrent entrants, waits for the named barrier.</summary>
public interface IBarrierGrain : IGrainWithStringKey
{
    Task<int> EnterAndWaitAsync(string barrier);
}
