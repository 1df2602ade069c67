namespace JobHome.Actors.Tests.Grains;

/// <summary>Calls other grains to build call chains.</summary>
public interface IChainGrain : IGrainWithStringKey
{
    Task<string> CallAsync(string otherKey, string thenCallKey);

    Task<string> PingAsync();

    Task HangAsync();

    Task<string> RelayAsync(string viaKey);

    Task<string> CallBackInterleavedAsync(string otherKey);

    [AlwaysInterleave]
    Task<string> InterleavedPingAsync();
}
