using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(SqliteCollection.Name)]
public sealed class HouseholdGrainTestsOnSqlite(SqliteClusterFixture fixture) : JobHome.Grains.Tests.People.HouseholdGrainTests(fixture);
