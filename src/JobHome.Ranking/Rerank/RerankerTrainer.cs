using JobHome.Matching.Ranking;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace JobHome.Ranking.Rerank;

/// <summary>
/// Trains the re-ranker with ML.NET's FastTree LambdaRank (label = grade 0/1/2, one group per list) and copies the trees into
/// a <see cref="TreeEnsemble"/>, the compact evaluator the matching engine runs. One thread and a fixed seed: reproducible.
/// </summary>
public static class RerankerTrainer
{
    /// <summary>Trees. Default: 100.</summary>
    public const int Trees = 100;

    /// <summary>Leaves per tree. Default: 16.</summary>
    public const int Leaves = 16;

    private const string GroupKeyColumn = "GroupKey";

    /// <summary>Trains on <paramref name="rows"/>; returns ML.NET's model (for saving and checking) and the compact evaluator.</summary>
    public static (ITransformer Model, DataViewSchema Schema, TreeEnsemble Trees) Train(IReadOnlyList<RankRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("no training rows", nameof(rows));
        }
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(ToInput(rows));
        var pipeline = ml.Transforms.Conversion.MapValueToKey(GroupKeyColumn, nameof(RankInput.Group))
            .Append(ml.Ranking.Trainers.FastTree(new FastTreeRankingTrainer.Options
            {
                LabelColumnName = nameof(RankInput.Label),
                FeatureColumnName = nameof(RankInput.Features),
                RowGroupColumnName = GroupKeyColumn,
                NumberOfTrees = Trees,
                NumberOfLeaves = Leaves,
                MinimumExampleCountPerLeaf = 20,
                LearningRate = 0.1,
                NumberOfThreads = 1,
                Seed = 1,
                FeatureFirstUsePenalty = 0,
            }));
        var model = pipeline.Fit(data);
        var ensemble = model.LastTransformer.Model.TrainedTreeEnsemble;
        var trees = new List<RegressionTreeData>(ensemble.Trees.Count);
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            if (tree.CategoricalSplitFlags.Any(c => c))
            {
                throw new InvalidOperationException("categorical splits are not expected: all re-ranker features are numeric");
            }
            trees.Add(new RegressionTreeData(ensemble.TreeWeights[t], [.. tree.NumericalSplitFeatureIndexes],
                [.. tree.NumericalSplitThresholds], [.. tree.LeftChild], [.. tree.RightChild], [.. tree.LeafValues]));
        }
        return (model, data.Schema, new TreeEnsemble(trees, ensemble.Bias, Medians(rows)));
    }

    /// <summary>ML.NET's own scores of <paramref name="rows"/> under <paramref name="model"/> (to check the compact evaluator).</summary>
    public static float[] MlNetScores(ITransformer model, IReadOnlyList<RankRow> rows)
    {
        ArgumentNullException.ThrowIfNull(model);
        var ml = new MLContext(seed: 1);
        var scored = model.Transform(ml.Data.LoadFromEnumerable(ToInput(rows)));
        return [.. scored.GetColumn<float>("Score")];
    }

    private static IEnumerable<RankInput> ToInput(IReadOnlyList<RankRow> rows) =>
        rows.Select(r => new RankInput { Label = r.Outcome.Grade, Group = (uint)r.Group, Features = r.Features });

    private static float[] Medians(IReadOnlyList<RankRow> rows)
    {
        var medians = new float[RerankFeatureNames.Count];
        for (var f = 0; f < medians.Length; f++)
        {
            var values = rows.Select(r => r.Features[f]).Order().ToArray();
            medians[f] = values[values.Length / 2];
        }
        return medians;
    }

    private sealed class RankInput
    {
        public float Label { get; set; }

        public uint Group { get; set; }

        [VectorType(RerankFeatureNames.Count)]
        public float[] Features { get; set; } = [];
    }
}
