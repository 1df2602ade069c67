using JobHome.Matching.Index;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Assignment;

/// <summary>Builds a fair's <see cref="CandidateGraph"/>: each seeker's top-N eligible posts by score.</summary>
public static class CandidateGraphBuilder
{
    /// <summary>Seekers per unit of parallel work.</summary>
    private const int ChunkSize = 64;

    /// <summary>Builds the graph: each seeker's top <paramref name="topN"/> eligible posts by score.</summary>
    /// <remarks>
    /// Row s holds seeker s's top <paramref name="topN"/> eligible posts (all eligible posts when
    /// 0), best first, ties by post id ordinal then input position; edge scores are
    /// <see cref="CandidateGraph.ToMicro"/>(score); post i is input post i with capacity = its openings (≥ 0).
    /// Seekers are processed in parallel, in region-cell order, against a read-only region/occupation snapshot of the posts.
    /// </remarks>
    /// <param name="seekers">Seekers, one row each in input order.</param>
    /// <param name="posts">Posts, indexed in input order.</param>
    /// <param name="options">Matching options (reference date, commute limits).</param>
    /// <param name="model">Scoring model.</param>
    /// <param name="topN">Edges per seeker; 0 = every eligible pair.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <param name="progress">Receives the number of seekers done, about every 1,000 seekers and at the end.</param>
    public static CandidateGraph Build(
        IReadOnlyList<MatchSeeker> seekers,
        IReadOnlyList<MatchPost> posts,
        MatchOptions options,
        ScoringModel model,
        int topN,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seekers);
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(topN);
        options.Validate();

        var vocabulary = new SkillVocabulary();
        var capacity = new int[posts.Count];
        for (var i = 0; i < posts.Count; i++)
        {
            capacity[i] = Math.Max(0, posts[i].Openings);
        }
        var index = FairPostIndex.Build(posts, vocabulary);
        cancellationToken.ThrowIfCancellationRequested();

        // Seekers in grid-cell order, so that neighbours query the same posts while they are in cache.
        var order = new int[seekers.Count];
        var cellKeys = new long[seekers.Count];
        for (var s = 0; s < seekers.Count; s++)
        {
            var at = seekers[s].Location;
            cellKeys[s] = ((long)GeoGrid.Key(at.Lat, at.Lon) << 32) | (uint)s;
            order[s] = s;
        }
        Array.Sort(cellKeys, order);

        var k = topN == 0 ? int.MaxValue : topN;
        var rowWorker = new int[seekers.Count];
        var rowStart = new int[seekers.Count];
        var rowLength = new int[seekers.Count];
        var workers = new List<CandidateSearch>();
        var chunks = (seekers.Count + ChunkSize - 1) / ChunkSize;
        var done = 0;
        Parallel.For(
            0,
            chunks,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            () =>
            {
                var search = new CandidateSearch(index, model, options, k);
                int id;
                lock (workers)
                {
                    id = workers.Count;
                    workers.Add(search);
                }
                return (Search: search, Id: id);
            },
            (chunk, _, worker) =>
            {
                var from = chunk * ChunkSize;
                var to = Math.Min(from + ChunkSize, seekers.Count);
                worker.Search.AppendRows(seekers, vocabulary, order.AsSpan(from, to - from), worker.Id, rowWorker, rowStart, rowLength);
                var n = Interlocked.Add(ref done, to - from);
                if (progress is not null && n / 1000 != (n - (to - from)) / 1000)
                {
                    progress.Report(n);
                }
                return worker;
            },
            static _ => { });

        var edgeStart = new int[seekers.Count + 1];
        long total = 0;
        for (var s = 0; s < seekers.Count; s++)
        {
            total += rowLength[s];
            if (total > Array.MaxLength)
            {
                throw new InvalidOperationException(
                    $"the candidate graph would have more than {Array.MaxLength} edges; use a smaller topN");
            }
            edgeStart[s + 1] = (int)total;
        }
        var edgePost = new int[total];
        var edgeScore = new int[total];
        for (var s = 0; s < seekers.Count; s++)
        {
            var w = workers[rowWorker[s]];
            Array.Copy(w.EdgePost, rowStart[s], edgePost, edgeStart[s], rowLength[s]);
            Array.Copy(w.EdgeScore, rowStart[s], edgeScore, edgeStart[s], rowLength[s]);
        }
        progress?.Report(seekers.Count);
        return CandidateGraph.FromOwned(seekers.Count, capacity, edgeStart, edgePost, edgeScore);
    }
}
