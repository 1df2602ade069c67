using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Api;

/// <summary>The API tests share one embedded silo; each test builds its own site tree, so they do not see each other's records.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<RunningSiloFixture>
{
    /// <summary>Name of the collection.</summary>
    public const string Name = "api";
}
