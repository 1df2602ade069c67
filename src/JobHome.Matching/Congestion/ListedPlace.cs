namespace JobHome.Matching.Congestion;

/// <summary>
/// A post's place on an aware list without the post
/// (<see cref="PostLists.OrderAware(IReadOnlyList{Scoring.Recommendation}, PostPrices, int, CongestionSettings, Span{ListedPlace})"/>):
/// the numbers of the <see cref="ListedPost"/> at the same rank that a caller holding the candidates needs.
/// </summary>
/// <param name="PlainRank">1-based position among the person's plain candidates (the candidate is
/// <c>candidates[PlainRank - 1]</c>).</param>
/// <param name="Penalty">The congestion penalty (<see cref="ListedPost.Penalty"/>).</param>
/// <param name="Reason">Why the post sits here (<see cref="ListedPost.Reason"/>).</param>
public readonly record struct ListedPlace(int PlainRank, double Penalty, ListedReason Reason);
