using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(SqliteCollection.Name)]
public sealed class SiteCatalogGrainTestsOnSqlite(SqliteClusterFixture fixture) : JobHome.Grains.Tests.Catalog.SiteCatalogGrainTests(fixture);
