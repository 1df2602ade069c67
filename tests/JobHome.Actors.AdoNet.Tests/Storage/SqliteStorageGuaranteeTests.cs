using JobHome.Actors.AdoNet.Tests.Fixtures;

namespace JobHome.Actors.AdoNet.Tests.Storage;

/// <summary>The storage guarantees on SQLite (a temporary file per test class).</summary>
public sealed class SqliteStorageGuaranteeTests(SqliteStorageFixture fixture)
    : StorageGuaranteeTests<SqliteStorageFixture>(fixture), IClassFixture<SqliteStorageFixture>;
