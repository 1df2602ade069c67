using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(SqliteCollection.Name)]
public sealed class SiteGrainTestsOnSqlite(SqliteClusterFixture fixture) : JobHome.Grains.Tests.Sites.SiteGrainTests(fixture);
