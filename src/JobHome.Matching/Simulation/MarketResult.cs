namespace JobHome.Matching.Simulation;

/// <summary>What a simulated market achieved.</summary>
/// <param name="Placements">People placed over all rounds.</param>
/// <param name="MeanPlacedScore">Mean linear score of the placed pairs (0 when none).</param>
/// <param name="PostsWithoutApplicant">Posts with openings that never got an application.</param>
/// <param name="ApplicationGini">Gini coefficient of applications per opening over posts with openings.</param>
/// <param name="Applications">Applications over all rounds.</param>
public sealed record MarketResult(
    int Placements, double MeanPlacedScore, int PostsWithoutApplicant, double ApplicationGini, int Applications);
