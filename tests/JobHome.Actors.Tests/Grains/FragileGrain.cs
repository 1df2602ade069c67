namespace JobHome.Actors.Tests.Grains;

public sealed class FragileGrain(GrainProbe probe) : Grain, IFragileGrain
{
    private int _attempt;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _attempt = probe.Increment("fragile-" + this.GetPrimaryKeyString());
        return _attempt == 1
            ? Task.FromException(new InvalidOperationException("database unreachable during activation"))
            : Task.CompletedTask;
    }

    public Task<int> GetActivationAttemptAsync() => Task.FromResult(_attempt);
}
