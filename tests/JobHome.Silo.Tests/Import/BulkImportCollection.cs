namespace JobHome.Silo.Tests.Import;

/// <summary>The bulk import's race and stale-activation tests share one silo (<see cref="BulkImportSiloFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class BulkImportCollection : ICollectionFixture<BulkImportSiloFixture>
{
    /// <summary>Name of the collection.</summary>
    public const string Name = "bulk-import";
}
