namespace JobHome.Matching.Congestion;

/// <summary>One post's price terms as seen by one person.</summary>
internal readonly record struct ListedPrice(double Cutoff, double PerOpening, double Crowding, double Dual, double Penalty)
{
    /// <summary>The terms of <paramref name="postId"/> for a person scoring <paramref name="score"/>; all 0 without prices.</summary>
    public static ListedPrice Of(PostPrices? prices, string postId, double score, PostListKind kind, CongestionSettings settings)
    {
        if (prices is null)
        {
            return default;
        }
        var cutoff = prices.Cutoff(postId);
        var crowding = prices.Crowding(postId);
        var dual = prices.DualPrice(postId);
        var penalty = kind == PostListKind.Aware ? CongestionPricer.Penalty(score, cutoff, crowding, dual, settings) : 0;
        return new ListedPrice(cutoff, prices.ApplicantsPerOpening(postId), crowding, dual, penalty);
    }
}
