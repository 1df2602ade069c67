using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Tests;

/// <summary>Reference results: score every pair from the raw records, sort by score descending then id ordinal.</summary>
internal static class BruteForce
{
    public static List<(string Id, double Score)> TopPosts(Scorer scorer, MatchSeeker s, IEnumerable<MatchPost> posts, int k) =>
        [.. posts.Select(p => (p.Id, Ok: scorer.TryScore(s, p, out var score), score))
            .Where(x => x.Ok)
            .Select(x => (x.Id, x.score))
            .OrderByDescending(x => x.score).ThenBy(x => x.Id, StringComparer.Ordinal)
            .Take(k)];

    public static List<(string Id, double Score)> TopSeekers(Scorer scorer, MatchPost p, IEnumerable<MatchSeeker> seekers, int k) =>
        [.. seekers.Select(s => (s.Id, Ok: scorer.TryScore(s, p, out var score), score))
            .Where(x => x.Ok)
            .Select(x => (x.Id, x.score))
            .OrderByDescending(x => x.score).ThenBy(x => x.Id, StringComparer.Ordinal)
            .Take(k)];
}
