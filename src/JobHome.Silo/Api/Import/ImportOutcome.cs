namespace JobHome.Silo.Api.Import;

/// <summary>
/// What became of one record of a batch: <c>created</c>, <c>existing</c> (already registered under that key: left as it
/// is, so a batch can be sent again after a failure) or <c>rejected</c> with the field errors (masked) and, for a
/// conflict, the record in the way.
/// </summary>
public sealed record ImportOutcome(int Index, string? Id, string Outcome, ApiFieldError[] Errors, string? ConflictingId = null)
{
    /// <summary>Outcome token of a new record.</summary>
    public const string Created = "created";

    /// <summary>Outcome token of a record that was already there.</summary>
    public const string Existing = "existing";

    /// <summary>Outcome token of a refused record.</summary>
    public const string Rejected = "rejected";
}
