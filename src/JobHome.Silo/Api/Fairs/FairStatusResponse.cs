namespace JobHome.Silo.Api.Fairs;

/// <summary>
/// A fair job's status: state, current phase (<c>queued collect read graph solve recommend write done</c>), steps done of the
/// phase's total, overall fraction (0..1), the summary once done and the problem text once failed.
/// </summary>
public sealed record FairStatusResponse(string Id, string State, string Phase, long Done, long Total, double Fraction,
    FairSummaryResponse? Summary, string? Error);
