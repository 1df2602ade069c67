using System.Globalization;
using System.Text.Json;

namespace JobHome.Matching.Ranking;

/// <summary>
/// A compact evaluator of a boosted tree ensemble (as trained by ML.NET FastTree): all trees in flat arrays, scoring a feature
/// vector allocates nothing. Score = bias + Σ weightₜ × leafₜ(x).
/// </summary>
public sealed class TreeEnsemble
{
    private readonly int[] _treeRoot;
    private readonly int[] _treeNodes;
    private readonly int[] _treeLeafOffset;
    private readonly double[] _treeWeight;
    private readonly int[] _split;
    private readonly float[] _threshold;
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly double[] _leaves;
    private readonly float[] _baseline;

    /// <summary>Creates an ensemble; <paramref name="baseline"/> is the reference vector of explanations (e.g. training medians).</summary>
    public TreeEnsemble(IReadOnlyList<RegressionTreeData> trees, double bias, IReadOnlyList<float> baseline)
    {
        ArgumentNullException.ThrowIfNull(trees);
        ArgumentNullException.ThrowIfNull(baseline);
        // A model trained before features were appended has a shorter baseline; its trees never split on the new ones.
        if (baseline.Count is < RerankFeatureNames.FirstVersionCount or > RerankFeatureNames.Count)
        {
            throw new ArgumentException(
                $"baseline must have {RerankFeatureNames.FirstVersionCount}–{RerankFeatureNames.Count} values, got {baseline.Count}",
                nameof(baseline));
        }
        Bias = bias;
        Trees = trees;
        _baseline = [.. baseline, .. new float[RerankFeatureNames.Count - baseline.Count]];
        _treeRoot = new int[trees.Count];
        _treeNodes = new int[trees.Count];
        _treeLeafOffset = new int[trees.Count];
        _treeWeight = new double[trees.Count];
        var nodes = trees.Sum(t => t.Split.Length);
        _split = new int[nodes];
        _threshold = new float[nodes];
        _left = new int[nodes];
        _right = new int[nodes];
        _leaves = new double[trees.Sum(t => t.Leaves.Length)];
        int node = 0, leaf = 0;
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            Check(tree, t);
            _treeRoot[t] = node;
            _treeNodes[t] = tree.Split.Length;
            _treeLeafOffset[t] = leaf;
            _treeWeight[t] = tree.Weight;
            for (var i = 0; i < tree.Split.Length; i++)
            {
                _split[node + i] = tree.Split[i];
                _threshold[node + i] = tree.Threshold[i];
                // Children stay relative to the tree: ≥ 0 a node of this tree, < 0 a leaf.
                _left[node + i] = tree.Left[i];
                _right[node + i] = tree.Right[i];
            }
            tree.Leaves.CopyTo(_leaves, leaf);
            node += tree.Split.Length;
            leaf += tree.Leaves.Length;
        }
    }

    /// <summary>The constant added to every score.</summary>
    public double Bias { get; }

    /// <summary>The trees.</summary>
    public IReadOnlyList<RegressionTreeData> Trees { get; }

    /// <summary>The reference vector of explanations.</summary>
    public ReadOnlySpan<float> Baseline => _baseline;

    /// <summary>The ensemble's score of a feature vector.</summary>
    public double Score(ReadOnlySpan<float> features)
    {
        var sum = Bias;
        for (var t = 0; t < _treeRoot.Length; t++)
        {
            sum += _treeWeight[t] * Leaf(t, features);
        }
        return sum;
    }

    private double Leaf(int t, ReadOnlySpan<float> features)
    {
        var root = _treeRoot[t];
        // A single-leaf tree has no nodes: start at its leaf 0.
        var child = _treeNodes[t] == 0 ? ~0 : 0;
        while (child >= 0)
        {
            var n = root + child;
            child = features[_split[n]] <= _threshold[n] ? _left[n] : _right[n];
        }
        return _leaves[_treeLeafOffset[t] + ~child];
    }

    /// <summary>
    /// Contribution of each feature: score(x) − score(x with that feature set to its baseline value), into
    /// <paramref name="destination"/> (occlusion against the baseline; simple, exact for the model, and order-free).
    /// </summary>
    /// <remarks>
    /// A tree's leaf can only change for a feature that one of the nodes on x's own path splits on, so each tree is walked
    /// once for x and once more per distinct feature on that path (with that one feature at its baseline); per feature the
    /// trees are summed in tree order, as a walk over every tree would (the others add exactly 0). Allocates nothing.
    /// </remarks>
    public void Contributions(ReadOnlySpan<float> features, Span<double> destination)
    {
        destination[..RerankFeatureNames.Count].Clear();
        for (var t = 0; t < _treeRoot.Length; t++)
        {
            var root = _treeRoot[t];
            if (_treeNodes[t] == 0)
            {
                continue;
            }
            // Walk x's path, noting which features it splits on (at most 32 features; RerankFeatureNames.Count is 17).
            var onPath = 0u;
            var child = 0;
            while (child >= 0)
            {
                var n = root + child;
                onPath |= 1u << _split[n];
                child = features[_split[n]] <= _threshold[n] ? _left[n] : _right[n];
            }
            var leaf = _leaves[_treeLeafOffset[t] + ~child];
            while (onPath != 0)
            {
                var f = System.Numerics.BitOperations.TrailingZeroCount(onPath);
                onPath &= onPath - 1;
                destination[f] += _treeWeight[t] * (leaf - LeafWith(t, features, f, _baseline[f]));
            }
        }
    }

    // The leaf of tree t for x with feature f replaced by value.
    private double LeafWith(int t, ReadOnlySpan<float> features, int f, float value)
    {
        var root = _treeRoot[t];
        var child = 0;
        while (child >= 0)
        {
            var n = root + child;
            var split = _split[n];
            child = (split == f ? value : features[split]) <= _threshold[n] ? _left[n] : _right[n];
        }
        return _leaves[_treeLeafOffset[t] + ~child];
    }

    /// <summary>Serialises as JSON: bias, baseline, and per tree weight, split, threshold, left, right, leaves.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("bias", Bias);
            w.WriteStartArray("baseline");
            foreach (var b in _baseline)
            {
                w.WriteNumberValue(b);
            }
            w.WriteEndArray();
            w.WriteStartArray("trees");
            foreach (var tree in Trees)
            {
                w.WriteStartObject();
                w.WriteNumber("weight", tree.Weight);
                WriteArray(w, "split", tree.Split, (x, v) => x.WriteNumberValue(v));
                WriteArray(w, "threshold", tree.Threshold, (x, v) => x.WriteNumberValue(v));
                WriteArray(w, "left", tree.Left, (x, v) => x.WriteNumberValue(v));
                WriteArray(w, "right", tree.Right, (x, v) => x.WriteNumberValue(v));
                WriteArray(w, "leaves", tree.Leaves, (x, v) => x.WriteNumberValue(v));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads <see cref="ToJson"/>'s output; throws <see cref="FormatException"/> naming the bad field.</summary>
    public static TreeEnsemble FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var bias = root.GetProperty("bias").GetDouble();
            var baseline = root.GetProperty("baseline").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            var trees = root.GetProperty("trees").EnumerateArray().Select(t => new RegressionTreeData(
                t.GetProperty("weight").GetDouble(),
                [.. t.GetProperty("split").EnumerateArray().Select(e => e.GetInt32())],
                [.. t.GetProperty("threshold").EnumerateArray().Select(e => e.GetSingle())],
                [.. t.GetProperty("left").EnumerateArray().Select(e => e.GetInt32())],
                [.. t.GetProperty("right").EnumerateArray().Select(e => e.GetInt32())],
                [.. t.GetProperty("leaves").EnumerateArray().Select(e => e.GetDouble())])).ToList();
            return new TreeEnsemble(trees, bias, baseline);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException
            or ArgumentException)
        {
            throw new FormatException($"tree ensemble: {e.Message}", e);
        }
    }

    private static void Check(RegressionTreeData tree, int index)
    {
        var nodes = tree.Split.Length;
        if (tree.Threshold.Length != nodes || tree.Left.Length != nodes || tree.Right.Length != nodes || tree.Leaves.Length != nodes + 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"tree {index}: split, threshold, left and right need one value per node and leaves one more than nodes"));
        }
        for (var i = 0; i < nodes; i++)
        {
            if ((uint)tree.Split[i] >= RerankFeatureNames.Count || tree.Left[i] >= nodes || tree.Right[i] >= nodes
                || ~tree.Left[i] >= nodes + 1 || ~tree.Right[i] >= nodes + 1)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"tree {index} node {i}: feature index or child out of range"));
            }
        }
    }

    private static void WriteArray<T>(Utf8JsonWriter w, string name, T[] values, Action<Utf8JsonWriter, T> write)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            write(w, v);
        }
        w.WriteEndArray();
    }
}
