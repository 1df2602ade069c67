namespace JobHome.Matching.Scoring;

/// <summary>A ranked record's id and score without its factors (an unexplained <see cref="Recommendation"/>, as a value).</summary>
/// <param name="Id">Post or seeker id.</param>
/// <param name="Score">Score in [0, 1].</param>
public readonly record struct ScoredRecord(string Id, double Score) : IScored;
