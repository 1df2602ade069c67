namespace JobHome.Actors.Tests.Grains;

[StatelessWorker(4)]
public sealed class WorkerGrain(GrainProbe probe) : Grain, IWorkerGrain
{
    private readonly Guid _instance = Guid.NewGuid();

    public async Task<Guid> WorkAsync(string barrier)
    {
        var n = probe.Increment("worker-entered");
        probe.Set($"worker-entered-{n}");
        await probe.WaitAsync(barrier);
        return _instance;
    }
}
