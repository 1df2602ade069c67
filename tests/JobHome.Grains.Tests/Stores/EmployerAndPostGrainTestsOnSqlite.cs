using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(SqliteCollection.Name)]
public sealed class EmployerAndPostGrainTestsOnSqlite(SqliteClusterFixture fixture)
    : JobHome.Grains.Tests.Posts.EmployerAndPostGrainTests(fixture);
