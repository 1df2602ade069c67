using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

[Collection(SqliteCollection.Name)]
public sealed class RecountSkipTestsOnSqlite(SqliteClusterFixture fixture)
    : JobHome.Grains.Tests.Indicators.RecountSkipTests(fixture)
{
    /// <inheritdoc />
    protected override bool WriteCarriesEvents => true;
}
