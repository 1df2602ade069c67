namespace JobHome.Actors.Tests.Grains;

public sealed class ChainGrain(GrainProbe probe) : Grain, IChainGrain
{
    /// <summary>Calls <paramref name="otherKey"/>, which calls <paramref name="thenCallKey"/>'s Ping (or just pings when empty).</summary>
    public async Task<string> CallAsync(string otherKey, string thenCallKey)
    {
        var other = GrainFactory.GetGrain<IChainGrain>(otherKey);
        var reply = thenCallKey.Length == 0 ? await other.PingAsync() : await other.CallAsync(thenCallKey, string.Empty);
        return this.GetPrimaryKeyString() + ">" + reply;
    }

    public Task<string> PingAsync() => Task.FromResult(this.GetPrimaryKeyString());

    public async Task HangAsync()
    {
        probe.Set("hang-entered-" + this.GetPrimaryKeyString());
        await probe.WaitAsync("never-" + this.GetPrimaryKeyString());
    }

    public Task<string> RelayAsync(string viaKey) =>
        GrainFactory.GetGrain<IChainGrain>(viaKey).CallBackInterleavedAsync(this.GetPrimaryKeyString());

    public async Task<string> CallBackInterleavedAsync(string otherKey)
    {
        await Task.Yield();
        return await GrainFactory.GetGrain<IChainGrain>(otherKey).InterleavedPingAsync();
    }

    public Task<string> InterleavedPingAsync() => Task.FromResult("interleaved " + this.GetPrimaryKeyString());
}
