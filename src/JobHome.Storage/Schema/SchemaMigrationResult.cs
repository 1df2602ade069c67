namespace JobHome.Storage.Schema;

/// <summary>What one migration run did.</summary>
/// <param name="FromVersion">The schema version found (0: none).</param>
/// <param name="ToVersion">The schema version left behind.</param>
/// <param name="Applied">The scripts this run applied, in order; empty when the schema was already current.</param>
public sealed record SchemaMigrationResult(int FromVersion, int ToVersion, IReadOnlyList<SchemaScript> Applied);
