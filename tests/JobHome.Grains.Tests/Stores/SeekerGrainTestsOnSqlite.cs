using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(SqliteCollection.Name)]
public sealed class SeekerGrainTestsOnSqlite(SqliteClusterFixture fixture) : JobHome.Grains.Tests.People.SeekerGrainTests(fixture);
