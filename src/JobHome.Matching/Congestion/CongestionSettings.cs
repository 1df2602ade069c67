namespace JobHome.Matching.Congestion;

/// <summary>How congestion-aware post lists are computed (docs/matching.md, "Congestion-aware post lists").</summary>
/// <param name="CandidateDepth">Plain top-N eligible posts per person that the aware list may reorder (N ≥ K). Default: 50.</param>
/// <param name="Strength">Weight λ of the personal term λ · max(0, cutoff − score). Default: 0 (it did not help, docs/matching.md).</param>
/// <param name="Crowding">Weight μ of the post's crowding (expected share of applications turned away), paid by everyone
/// listing it. Default: 0.5.</param>
/// <param name="Dual">Weight ν of the post's dual price from the exact maximum-score assignment of the candidates. Default: 1.</param>
/// <param name="Iterations">Rounds of lists → expected applications → cutoffs. Default: 6.</param>
/// <param name="Damping">Share of the new cutoff taken in each iteration after the first (0–1]. Default: 0.5.</param>
public sealed record CongestionSettings(
    int CandidateDepth = 50, double Strength = 0.0, double Crowding = 0.5, double Dual = 1.0, int Iterations = 6, double Damping = 0.5)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(CandidateDepth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Iterations, 1);
        if (!double.IsFinite(Strength) || Strength < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Strength), Strength, "Strength must be a finite number ≥ 0");
        }
        if (!double.IsFinite(Crowding) || Crowding < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Crowding), Crowding, "Crowding must be a finite number ≥ 0");
        }
        if (!double.IsFinite(Dual) || Dual < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Dual), Dual, "Dual must be a finite number ≥ 0");
        }
        if (!double.IsFinite(Damping) || Damping is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Damping), Damping, "Damping must be in (0, 1]");
        }
    }
}
