using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(SqliteCollection.Name)]
public sealed class SeekerStatusHistoryTestsOnSqlite(SqliteClusterFixture fixture)
    : JobHome.Grains.Tests.People.SeekerStatusHistoryTests(fixture);
