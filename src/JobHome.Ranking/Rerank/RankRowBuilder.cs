using JobHome.Matching.Model;
using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;

namespace JobHome.Ranking.Rerank;

/// <summary>
/// Turns outcomes into <see cref="RankRow"/>s. Freshness, popularity and history come from the outcomes themselves, from earlier
/// days only (no look-ahead): days since the post was first shown, times shown before that day, the seeker's earlier applications.
/// </summary>
public static class RankRowBuilder
{
    /// <summary>Builds rows in date, seeker, rank order; ids must resolve (the CSV reader checks them first).</summary>
    public static IReadOnlyList<RankRow> Build(IReadOnlyList<StageOutcome> outcomes, IReadOnlyDictionary<string, MatchSeeker> seekers,
        IReadOnlyDictionary<string, MatchPost> posts, MatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(seekers);
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(options);
        var ordered = outcomes.OrderBy(o => o.Date).ThenBy(o => o.SeekerId, StringComparer.Ordinal).ThenBy(o => o.Rank).ToList();
        var firstShown = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        var shownBefore = new Dictionary<string, int>(StringComparer.Ordinal);
        var appliedBefore = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new Dictionary<(string, DateOnly), int>();
        var rows = new List<RankRow>(ordered.Count);
        var day = 0;
        while (day < ordered.Count)
        {
            var end = day;
            while (end < ordered.Count && ordered[end].Date == ordered[day].Date)
            {
                end++;
            }
            for (var i = day; i < end; i++)
            {
                var o = ordered[i];
                firstShown.TryAdd(o.PostId, o.Date);
                var seeker = seekers[o.SeekerId];
                var post = posts[o.PostId];
                var context = new RerankContext(o.Date.DayNumber - firstShown[o.PostId].DayNumber,
                    shownBefore.GetValueOrDefault(o.PostId), appliedBefore.GetValueOrDefault(o.SeekerId));
                var features = new float[RerankFeatureNames.Count];
                RerankFeatures.Fill(seeker, new RerankCandidate(post, 0, context), options, features);
                if (!groups.TryGetValue((o.SeekerId, o.Date), out var group))
                {
                    group = groups.Count;
                    groups.Add((o.SeekerId, o.Date), group);
                }
                rows.Add(new RankRow(group, o, Scorer.Factors(seeker, post, options), features));
            }
            // Counts move on only after the whole day, so rows of one day never see each other.
            for (var i = day; i < end; i++)
            {
                shownBefore[ordered[i].PostId] = shownBefore.GetValueOrDefault(ordered[i].PostId) + 1;
                if (ordered[i].Applied)
                {
                    appliedBefore[ordered[i].SeekerId] = appliedBefore.GetValueOrDefault(ordered[i].SeekerId) + 1;
                }
            }
            day = end;
        }
        return rows;
    }
}
