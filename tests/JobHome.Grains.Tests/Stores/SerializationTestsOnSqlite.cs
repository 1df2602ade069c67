using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(SqliteCollection.Name)]
public sealed class SerializationTestsOnSqlite(SqliteClusterFixture fixture)
    : JobHome.Grains.Tests.Serialization.SerializationTests(fixture);
