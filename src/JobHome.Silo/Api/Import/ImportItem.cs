namespace JobHome.Silo.Api.Import;

/// <summary>
/// One record of a batch import whose id comes from the ledger being loaded (seekers, posts, households): the id becomes
/// the record's key, so loading the same ledger twice finds the records already there instead of duplicating them.
/// </summary>
public sealed record ImportItem<T>(string? Id, T? Record)
    where T : class;
