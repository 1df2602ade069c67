using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Assignment;

/// <summary>Builds a fair's <see cref="CandidateGraph"/>: each seeker's top-N eligible posts by score.</summary>
public static class CandidateGraphBuilder
{
    /// <summary>
    /// Builds the graph: row s holds seeker s's top <paramref name="topN"/> eligible posts (all eligible posts when
    /// 0), best first, ties by post id ordinal then input position; edge scores are
    /// <see cref="CandidateGraph.ToMicro"/>(score); post i is input post i with capacity = its openings (≥ 0).
    /// Seekers are processed in parallel against a region/occupation index of the posts.
    /// </summary>
    /// <param name="seekers">Seekers, one row each in input order.</param>
    /// <param name="posts">Posts, indexed in input order.</param>
    /// <param name="options">Matching options (reference date, commute limits).</param>
    /// <param name="model">Scoring model.</param>
    /// <param name="topN">Edges per seeker; 0 = every eligible pair.</param>
    /// <param name="ct">Cancels the build.</param>
    /// <param name="progress">Receives the number of seekers done, about every 1,000 seekers and at the end.</param>
    public static CandidateGraph Build(
        IReadOnlyList<MatchSeeker> seekers,
        IReadOnlyList<MatchPost> posts,
        MatchOptions options,
        ScoringModel model,
        int topN,
        IProgress<int>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(seekers);
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(topN);
        options.Validate();

        var vocabulary = new SkillVocabulary();
        var store = new PostStore();
        var capacity = new int[posts.Count];
        for (var i = 0; i < posts.Count; i++)
        {
            var post = posts[i];
            capacity[i] = Math.Max(0, post.Openings);
            if (post.Openings > 0)
            {
                store.Add(new PostFeatures(post, vocabulary), new RecordSlot(post.Id, i));
            }
        }
        ct.ThrowIfCancellationRequested();

        var k = topN == 0 ? int.MaxValue : topN;
        var rowPosts = new int[seekers.Count][];
        var rowScores = new int[seekers.Count][];
        var done = 0;
        Parallel.For(
            0,
            seekers.Count,
            new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount },
            s =>
            {
                var features = new SeekerFeatures(seekers[s], vocabulary, addSkills: false);
                var top = new TopK(k, dedupe: false);
                store.Query(features, model, options, top);
                var found = top.ToSortedArray();
                var p = new int[found.Length];
                var sc = new int[found.Length];
                for (var j = 0; j < found.Length; j++)
                {
                    p[j] = found[j].Handle;
                    sc[j] = CandidateGraph.ToMicro(found[j].Score);
                }
                rowPosts[s] = p;
                rowScores[s] = sc;
                var n = Interlocked.Increment(ref done);
                if (progress is not null && n % 1000 == 0)
                {
                    progress.Report(n);
                }
            });

        var edgeStart = new int[seekers.Count + 1];
        long total = 0;
        for (var s = 0; s < seekers.Count; s++)
        {
            total += rowPosts[s].Length;
            if (total > Array.MaxLength)
            {
                throw new InvalidOperationException($"the candidate graph would have more than {Array.MaxLength} edges; use a smaller topN");
            }
            edgeStart[s + 1] = (int)total;
        }
        var edgePost = new int[total];
        var edgeScore = new int[total];
        for (var s = 0; s < seekers.Count; s++)
        {
            rowPosts[s].CopyTo(edgePost, edgeStart[s]);
            rowScores[s].CopyTo(edgeScore, edgeStart[s]);
        }
        progress?.Report(seekers.Count);
        return new CandidateGraph(seekers.Count, capacity, edgeStart, edgePost, edgeScore);
    }
}
