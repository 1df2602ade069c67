using JobHome.Actors.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Actors.Tests.Runtime;

/// <summary>The runtime guarantees on the in-memory providers (one store per test, shared across its restarts).</summary>
public sealed class InMemoryActorRuntimeGuaranteeTests : ActorRuntimeGuaranteeTests
{
    private readonly InMemoryGrainStorage _grains = new();
    private readonly InMemoryReminderTable _reminders = new();
    private readonly InMemoryStreamLog _streams = new();

    protected override void AddStorage(IServiceCollection services) => services.AddJobHomeInMemoryStorage(_grains, _reminders, _streams);
}
