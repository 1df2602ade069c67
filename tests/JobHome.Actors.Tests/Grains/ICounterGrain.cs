namespace JobHome.Actors.Tests.Grains;

/// <summary>Counts; logs turn entry and exit; can fail on request.</summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task IncrementAsync();

    Task<int> GetAsync();

    Task<Guid> GetInstanceAsync();

    Task FailAsync(string message);

    Task<int> AddAsync(AddRequest request);
}

/// <summary>A small argument record.</summary>
public sealed record AddRequest(int Amount, string Reason);
