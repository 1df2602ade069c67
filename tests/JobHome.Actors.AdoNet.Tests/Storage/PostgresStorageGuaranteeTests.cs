using JobHome.Actors.AdoNet.Tests.Fixtures;

namespace JobHome.Actors.AdoNet.Tests.Storage;

/// <summary>The storage guarantees on PostgreSQL (a fresh database per test class on <c>JOBHOME_TEST_PG</c>).</summary>
public sealed class PostgresStorageGuaranteeTests(PostgresStorageFixture fixture)
    : StorageGuaranteeTests<PostgresStorageFixture>(fixture), IClassFixture<PostgresStorageFixture>;
