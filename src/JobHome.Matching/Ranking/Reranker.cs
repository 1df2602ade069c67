using System.Buffers;
using System.Globalization;
using JobHome.Matching.Model;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Ranking;

/// <summary>
/// The second stage: re-orders the linear stage's exact top-N by a trained tree ensemble over <see cref="RerankFeatures"/>.
/// Ties keep the linear order. Explanations are the features with the largest contributions, in Chinese and English.
/// </summary>
public sealed class Reranker
{
    private readonly TreeEnsemble _trees;
    private readonly MatchOptions _options;

    /// <summary>Creates a re-ranker.</summary>
    public Reranker(TreeEnsemble trees, MatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(trees);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _trees = trees;
        _options = options;
    }

    /// <summary>The tree scores of the candidates into <paramref name="scores"/>, using <paramref name="features"/> as scratch.</summary>
    public void Score(MatchSeeker seeker, IReadOnlyList<RerankCandidate> candidates, Span<double> scores, Span<float> features)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        ArgumentNullException.ThrowIfNull(candidates);
        for (var i = 0; i < candidates.Count; i++)
        {
            RerankFeatures.Fill(seeker, candidates[i], _options, features);
            scores[i] = _trees.Score(features);
        }
    }

    /// <summary>The best <paramref name="count"/> candidates by the trees, each with its top reasons (MatchOptions.TopFactors).</summary>
    /// <remarks>
    /// Features and scores live in stack or pooled buffers, the best are kept by insertion (ties: linear order), and
    /// reasons are computed and put into words only for the returned posts: what allocates is the result itself.
    /// </remarks>
    public IReadOnlyList<RankedPost> Rerank(MatchSeeker seeker, IReadOnlyList<RerankCandidate> candidates, int count)
    {
        ArgumentNullException.ThrowIfNull(seeker);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        const int F = RerankFeatureNames.Count;
        var n = candidates.Count;
        var k = Math.Min(count, n);
        if (k == 0)
        {
            return [];
        }
        float[]? pooledFeatures = null;
        double[]? pooledScores = null;
        int[]? pooledBest = null;
        try
        {
            var all = n <= StackCandidates
                ? stackalloc float[StackCandidates * F]
                : (pooledFeatures = ArrayPool<float>.Shared.Rent(n * F));
            var scores = n <= StackCandidates ? stackalloc double[StackCandidates] : (pooledScores = ArrayPool<double>.Shared.Rent(n));
            var best = k <= StackCandidates ? stackalloc int[StackCandidates] : (pooledBest = ArrayPool<int>.Shared.Rent(k));
            var kept = 0;
            for (var i = 0; i < n; i++)
            {
                var features = all.Slice(i * F, F);
                RerankFeatures.Fill(seeker, candidates[i], _options, features);
                var score = scores[i] = _trees.Score(features);
                kept = Keep(best, kept, k, scores, i, score);
            }
            var result = new RankedPost[k];
            Span<double> contributions = stackalloc double[F];
            for (var r = 0; r < k; r++)
            {
                var i = best[r];
                var features = all.Slice(i * F, F);
                _trees.Contributions(features, contributions);
                result[r] = new RankedPost(candidates[i].Post.Id, scores[i], candidates[i].LinearScore,
                    Reasons(features, contributions, _options.TopFactors));
            }
            return result;
        }
        finally
        {
            Return(pooledFeatures);
            Return(pooledScores);
            Return(pooledBest);
        }
    }

    /// <summary>The top features by contribution (largest first, ties in feature order), with their values in words.</summary>
    public static IReadOnlyList<RerankReason> Reasons(ReadOnlySpan<float> features, ReadOnlySpan<double> contributions, int top)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        const int F = RerankFeatureNames.Count;
        var k = Math.Min(top, F);
        Span<int> chosen = stackalloc int[F];
        var kept = 0;
        for (var f = 0; f < F; f++)
        {
            kept = Keep(chosen, kept, k, contributions, f, contributions[f]);
        }
        var list = new RerankReason[kept];
        for (var r = 0; r < kept; r++)
        {
            var f = chosen[r];
            var feature = (RerankFeature)f;
            var value = string.Create(CultureInfo.InvariantCulture, $"{features[f]:0.##} ({contributions[f]:+0.00;-0.00;0.00})");
            list[r] = new RerankReason(feature, features[f], contributions[f], $"{RerankFeatureNames.Chinese(feature)} {value}",
                $"{RerankFeatureNames.English(feature)} {value}");
        }
        return list;
    }

    private const int StackCandidates = 128;

    // Keeps the best `capacity` indices in `best[0..kept)` sorted by value descending; indices arrive in ascending order,
    // so an equal value goes after those already kept (ties keep the input order). Returns the new count.
    private static int Keep(Span<int> best, int kept, int capacity, ReadOnlySpan<double> values, int index, double value)
    {
        if (capacity == 0 || (kept == capacity && !(value > values[best[kept - 1]])))
        {
            return kept;
        }
        var at = kept == capacity ? kept - 1 : kept;
        while (at > 0 && value > values[best[at - 1]])
        {
            best[at] = best[at - 1];
            at--;
        }
        best[at] = index;
        return kept == capacity ? kept : kept + 1;
    }

    private static void Return<T>(T[]? array)
    {
        if (array is not null)
        {
            ArrayPool<T>.Shared.Return(array);
        }
    }
}
