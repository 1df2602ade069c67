namespace JobHome.Actors.Tests.Grains;

/// <summary>Implicit stream consumer of "site-events".</summary>
public interface ISiteFeedGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<int>> GetValuesAsync();

    Task<int> GetDuplicatesAsync();
}
