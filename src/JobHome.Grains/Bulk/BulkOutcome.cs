namespace JobHome.Grains.Bulk;

/// <summary>What a bulk import did with one record.</summary>
public enum BulkOutcome
{
    /// <summary>Written now.</summary>
    Created,

    /// <summary>Already there (a repeated batch); left as it was.</summary>
    Existing,

    /// <summary>Refused; <see cref="BulkResult.Rejection"/> says why. Nothing of it was written.</summary>
    Rejected,
}
