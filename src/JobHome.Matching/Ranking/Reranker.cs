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
    public IReadOnlyList<RankedPost> Rerank(MatchSeeker seeker, IReadOnlyList<RerankCandidate> candidates, int count)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var scores = new double[candidates.Count];
        var all = new float[candidates.Count * RerankFeatureNames.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            var features = all.AsSpan(i * RerankFeatureNames.Count, RerankFeatureNames.Count);
            RerankFeatures.Fill(seeker, candidates[i], _options, features);
            scores[i] = _trees.Score(features);
        }
        var order = Enumerable.Range(0, candidates.Count).ToArray();
        // Stable: equal tree scores keep the linear stage's order.
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var result = new List<RankedPost>(Math.Min(count, order.Length));
        Span<double> contributions = stackalloc double[RerankFeatureNames.Count];
        foreach (var i in order.Take(count))
        {
            var features = all.AsSpan(i * RerankFeatureNames.Count, RerankFeatureNames.Count);
            _trees.Contributions(features, contributions);
            result.Add(new RankedPost(candidates[i].Post.Id, scores[i], candidates[i].LinearScore,
                Reasons(features, contributions, _options.TopFactors)));
        }
        return result;
    }

    /// <summary>The top features by contribution (largest first, ties in feature order), with their values in words.</summary>
    public static IReadOnlyList<RerankReason> Reasons(ReadOnlySpan<float> features, ReadOnlySpan<double> contributions, int top)
    {
        var list = new List<RerankReason>(RerankFeatureNames.Count);
        for (var f = 0; f < RerankFeatureNames.Count; f++)
        {
            var feature = (RerankFeature)f;
            var value = string.Create(CultureInfo.InvariantCulture, $"{features[f]:0.##} ({contributions[f]:+0.00;-0.00;0.00})");
            list.Add(new RerankReason(feature, features[f], contributions[f], $"{RerankFeatureNames.Chinese(feature)} {value}",
                $"{RerankFeatureNames.English(feature)} {value}"));
        }
        list.Sort(static (a, b) => b.Contribution.CompareTo(a.Contribution) is var c && c != 0 ? c : a.Feature.CompareTo(b.Feature));
        return list.Count <= top ? list : [.. list.Take(top)];
    }
}
