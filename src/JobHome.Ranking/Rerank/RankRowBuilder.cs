using JobHome.Matching.Model;
using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;

namespace JobHome.Ranking.Rerank;

/// <summary>
/// Turns outcomes into <see cref="RankRow"/>s. Freshness, popularity and history come from <see cref="RerankContext.For"/>, as at
/// serving time, fed from earlier days of the outcomes only (no look-ahead): days since the post opened (its open date, else the
/// day it was first shown), lists that showed it in the 14 days before per opening (<see cref="PostPopularity"/>), and the
/// occupations and kinds of the seeker's earlier applications (<see cref="ApplicationHistory"/>).
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
        var popularity = new PostPopularity();
        var histories = new Dictionary<string, ApplicationHistory>(StringComparer.Ordinal);
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
                var context = RerankContext.For(post, o.Date, firstShown[o.PostId], popularity, histories.GetValueOrDefault(o.SeekerId));
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
                var o = ordered[i];
                popularity.Record(o.PostId, o.Date);
                if (o.Applied)
                {
                    if (!histories.TryGetValue(o.SeekerId, out var history))
                    {
                        histories.Add(o.SeekerId, history = new ApplicationHistory());
                    }
                    history.Add(posts[o.PostId].Occupation, posts[o.PostId].Kind);
                }
            }
            day = end;
        }
        return rows;
    }
}
