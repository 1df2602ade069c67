using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(SqliteCollection.Name)]
public sealed class StaleActivationTestsOnSqlite(SqliteClusterFixture fixture) : JobHome.Grains.Tests.People.StaleActivationTests(fixture);
