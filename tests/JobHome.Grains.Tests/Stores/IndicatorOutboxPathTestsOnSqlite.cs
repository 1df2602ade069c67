using JobHome.Grains.Tests.Fixtures;

namespace JobHome.Grains.Tests.Stores;

/// <summary>The embedded store takes every change path's events into the record's state write.</summary>
[Collection(SqliteCollection.Name)]
public sealed class IndicatorOutboxPathTestsOnSqlite(SqliteClusterFixture fixture)
    : JobHome.Grains.Tests.Indicators.IndicatorOutboxPathTests(fixture, writeCarriesEvents: true);
