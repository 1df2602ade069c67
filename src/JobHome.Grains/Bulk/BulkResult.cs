namespace JobHome.Grains.Bulk;

/// <summary>The outcome of one record of a bulk batch; <see cref="Rejection"/> holds the errors of a rejected one.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.bulk-result")]
public sealed record BulkResult([property: Id(0)] BulkOutcome Outcome, [property: Id(1)] CommandResult? Rejection)
{
    /// <summary>A record written now.</summary>
    public static readonly BulkResult Created = new(BulkOutcome.Created, null);

    /// <summary>A record already there.</summary>
    public static readonly BulkResult Existing = new(BulkOutcome.Existing, null);

    /// <summary>A record refused for <paramref name="reason"/>.</summary>
    public static BulkResult Rejected(CommandResult reason) => new(BulkOutcome.Rejected, reason);
}
