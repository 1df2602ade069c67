namespace JobHome.Actors.Tests.Grains;

public sealed class CounterGrain(GrainProbe probe) : Grain, ICounterGrain
{
    private readonly Guid _instance = Guid.NewGuid();
    private int _count;

    public async Task IncrementAsync()
    {
        var key = this.GetPrimaryKeyString();
        probe.TurnLog.Enqueue("enter " + key);
        var before = _count;

        // Resume from another thread: while this turn waits, a broken runtime would admit the next call.
        await Task.Run(static () => { });
        _count = before + 1;
        probe.TurnLog.Enqueue("exit " + key);
    }

    public Task<int> GetAsync() => Task.FromResult(_count);

    public Task<Guid> GetInstanceAsync() => Task.FromResult(_instance);

    public async Task FailAsync(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }

    public Task<int> AddAsync(AddRequest request)
    {
        _count += request.Amount;
        return Task.FromResult(_count);
    }
}
