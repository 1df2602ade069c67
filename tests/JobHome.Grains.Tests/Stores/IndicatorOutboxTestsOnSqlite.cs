using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

/// <summary>The embedded store takes the events into the record's state write.</summary>
[Collection(SqliteCollection.Name)]
public sealed class IndicatorOutboxTestsOnSqlite(SqliteClusterFixture fixture)
    : JobHome.Grains.Tests.Indicators.IndicatorOutboxTests(fixture, writeCarriesEvents: true);
