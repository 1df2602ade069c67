using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using JobHome.Matching.Ranking;
using JobHome.Matching.Scoring;

namespace JobHome.Matching.Model;

/// <summary>
/// A model as the live lists use it: the linear stage (index scores, exact top-k) and, from a model.zip, the re-ranker over
/// its top-N. Read from a file's bytes (model.json v1 or model.zip); the caller does the I/O.
/// </summary>
/// <param name="Linear">The linear stage.</param>
/// <param name="Reranker">The trees; null for a model.json v1 (linear order).</param>
/// <param name="Version">Identifies the bytes it came from: <c>sha256:</c> and 12 hex digits, or <c>default</c>.</param>
public sealed record TwoStageModel(ScoringModel Linear, TreeEnsemble? Reranker, string Version)
{
    /// <summary>The bundle entry holding the linear stage (model.json v1 format).</summary>
    public const string LinearEntry = "linear.json";

    /// <summary>The bundle entry holding the trees for <see cref="TreeEnsemble"/>.</summary>
    public const string TreesEntry = "trees.json";

    /// <summary>The built-in weights, no re-ranker.</summary>
    public static TwoStageModel Default { get; } = new(ScoringModel.Default, null, "default");

    /// <summary>
    /// Reads a model file's bytes: a ZIP archive (model.zip: <c>linear.json</c> and <c>trees.json</c>) or model.json v1.
    /// Throws <see cref="FormatException"/> naming the file kind, the entry or field and the problem.
    /// </summary>
    public static TwoStageModel Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var version = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];
        if (bytes.Length == 0)
        {
            throw new FormatException("model file is empty (模型文件为空)");
        }
        if (!IsZip(bytes))
        {
            return new TwoStageModel(ScoringModel.FromJson(Encoding.UTF8.GetString(bytes)), null, version);
        }
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var linear = ScoringModel.FromJson(Entry(zip, LinearEntry));
            var trees = zip.GetEntry(TreesEntry) is null ? null : TreeEnsemble.FromJson(Entry(zip, TreesEntry));
            return new TwoStageModel(linear, trees, version);
        }
        catch (InvalidDataException e)
        {
            throw new FormatException($"model bundle: not a valid ZIP archive ({e.Message})", e);
        }
    }

    /// <summary>True when the bytes start like a ZIP archive (a bundle rather than model.json).</summary>
    public static bool IsZip(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;

    private static string Entry(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new FormatException($"model bundle: entry '{name}' is missing");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
