using JobHome.Matching.Model;

namespace JobHome.Matching.Ranking;

/// <summary>A post from the linear stage's exact top-N, to be re-ranked.</summary>
/// <param name="Post">The post.</param>
/// <param name="LinearScore">Its linear-stage score.</param>
/// <param name="Context">Freshness, popularity and history.</param>
public sealed record RerankCandidate(MatchPost Post, double LinearScore, RerankContext Context);
