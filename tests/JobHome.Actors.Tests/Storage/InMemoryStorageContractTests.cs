using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Actors.Tests.Storage;

/// <summary>The provider contract on the in-memory providers.</summary>
public sealed class InMemoryStorageContractTests : StorageContractTests
{
    protected override void AddStorage(IServiceCollection services) => services.AddJobHomeInMemoryStorage();
}
