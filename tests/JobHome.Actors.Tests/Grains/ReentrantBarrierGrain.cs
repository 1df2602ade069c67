namespace JobHome.Actors.Tests.Grains;

[Reentrant]
public sealed class ReentrantBarrierGrain(GrainProbe probe) : Grain, IBarrierGrain
{
    private int _inside;

    public async Task<int> EnterAndWaitAsync(string barrier)
    {
        var inside = ++_inside;
        probe.Max("reentrant-max-inside", inside);
        probe.Set($"entered-{barrier}");
        await probe.WaitAsync(barrier);
        _inside--;
        return inside;
    }
}
