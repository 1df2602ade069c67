namespace JobHome.Silo.Api.Import;

/// <summary>Answer of a batch import: counts and one outcome per record, in request order.</summary>
public sealed record ImportBatchResponse(int Created, int Existing, int Rejected, ImportOutcome[] Items)
{
    /// <summary>Counts the outcomes of <paramref name="items"/>.</summary>
    public static ImportBatchResponse Of(ImportOutcome[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new ImportBatchResponse(
            items.Count(i => i.Outcome == ImportOutcome.Created),
            items.Count(i => i.Outcome == ImportOutcome.Existing),
            items.Count(i => i.Outcome == ImportOutcome.Rejected),
            items);
    }
}
