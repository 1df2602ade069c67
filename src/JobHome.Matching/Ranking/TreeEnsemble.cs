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
    private readonly int[][] _treesUsing;

    /// <summary>Creates an ensemble; <paramref name="baseline"/> is the reference vector of explanations (e.g. training medians).</summary>
    public TreeEnsemble(IReadOnlyList<RegressionTreeData> trees, double bias, IReadOnlyList<float> baseline)
    {
        ArgumentNullException.ThrowIfNull(trees);
        ArgumentNullException.ThrowIfNull(baseline);
        if (baseline.Count != RerankFeatureNames.Count)
        {
            throw new ArgumentException($"baseline must have {RerankFeatureNames.Count} values, got {baseline.Count}", nameof(baseline));
        }
        Bias = bias;
        Trees = trees;
        _baseline = [.. baseline];
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
        var users = Enumerable.Range(0, RerankFeatureNames.Count).Select(_ => new List<int>()).ToArray();
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
            foreach (var f in tree.Split.Distinct())
            {
                users[f].Add(t);
            }
            node += tree.Split.Length;
            leaf += tree.Leaves.Length;
        }
        _treesUsing = [.. users.Select(u => u.ToArray())];
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
    public void Contributions(ReadOnlySpan<float> features, Span<double> destination)
    {
        Span<float> probe = stackalloc float[RerankFeatureNames.Count];
        features[..RerankFeatureNames.Count].CopyTo(probe);
        for (var f = 0; f < RerankFeatureNames.Count; f++)
        {
            var keep = probe[f];
            probe[f] = _baseline[f];
            // Only trees that split on f can change: the difference of the full scores, summed over those trees alone.
            var delta = 0.0;
            foreach (var t in _treesUsing[f])
            {
                delta += _treeWeight[t] * (Leaf(t, features) - Leaf(t, probe));
            }
            destination[f] = delta;
            probe[f] = keep;
        }
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
