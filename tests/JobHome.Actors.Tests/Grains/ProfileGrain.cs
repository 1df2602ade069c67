using JobHome.Actors.Storage;

namespace JobHome.Actors.Tests.Grains;

public sealed class ProfileGrain(
    [PersistentState("profile")] IPersistentState<ProfileState> state,
    GrainProbe probe) : Grain, IProfileGrain
{
    private readonly Guid _instance = Guid.NewGuid();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Increment("profile-activations-" + this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Events.Enqueue($"deactivated {this.GetPrimaryKeyString()} {reason}");
        probe.Set("deactivated-" + this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task SetNameAsync(string name)
    {
        state.State.Name = name;
        state.State.Writes++;
        await state.WriteStateAsync();
    }

    public Task<ProfileSnapshot> GetAsync() =>
        Task.FromResult(new ProfileSnapshot(state.State.Name, state.State.Writes, state.RecordExists, state.Etag));

    public Task<Guid> GetInstanceAsync() => Task.FromResult(_instance);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
