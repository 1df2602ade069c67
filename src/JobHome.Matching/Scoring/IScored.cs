namespace JobHome.Matching.Scoring;

/// <summary>What ordering a list reads of a candidate: its id and score (<see cref="Recommendation"/>, <see cref="ScoredRecord"/>).</summary>
internal interface IScored
{
    /// <summary>Post or seeker id.</summary>
    string Id { get; }

    /// <summary>Score in [0, 1].</summary>
    double Score { get; }
}
