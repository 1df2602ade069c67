using System.IO.Compression;
using System.Text;
using System.Text.Json;
using JobHome.Matching.Model;
using JobHome.Matching.Ranking;
using JobHome.Ranking.Rerank;
using Microsoft.ML;

namespace JobHome.Ranking.Bundle;

/// <summary>
/// The two-stage model file (<c>model.zip</c>): a ZIP archive with <c>manifest.json</c> (version, features, training size,
/// metrics), <c>linear.json</c> (the linear stage as model.json v1), <c>trees.json</c> (the re-ranker for the compact evaluator)
/// and <c>reranker.mlnet</c> (ML.NET's own saved model of the same trees). Read back with <see cref="TwoStageModel.Parse"/>, the one
/// loader the CLI and the silo share.
/// </summary>
public static class ModelBundle
{
    /// <summary>Manifest format version.</summary>
    public const int Version = 2;

    /// <summary>Entry holding the linear stage.</summary>
    public const string LinearEntry = TwoStageModel.LinearEntry;

    /// <summary>Entry holding the trees.</summary>
    public const string TreesEntry = TwoStageModel.TreesEntry;

    /// <summary>Entry holding the manifest.</summary>
    public const string ManifestEntry = "manifest.json";

    /// <summary>Entry holding ML.NET's model.</summary>
    public const string MlNetEntry = "reranker.mlnet";

    /// <summary>True when the bytes start like a ZIP archive (a bundle rather than model.json).</summary>
    public static bool LooksLikeBundle(ReadOnlySpan<byte> head) => TwoStageModel.IsZip(head);

    /// <summary>Writes the bundle of <paramref name="result"/> to <paramref name="output"/>.</summary>
    public static void Write(TwoStageResult result, SplitKind split, Stream output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        WriteText(zip, ManifestEntry, Manifest(result, split));
        WriteText(zip, LinearEntry, result.Linear.ToJson());
        WriteText(zip, TreesEntry, result.Trees.ToJson());
        using (var buffer = new MemoryStream())
        {
            new MLContext(seed: 1).Model.Save(result.Model, result.Schema, buffer);
            var entry = zip.CreateEntry(MlNetEntry, CompressionLevel.NoCompression);
            using var stream = entry.Open();
            buffer.Position = 0;
            buffer.CopyTo(stream);
        }
    }

    /// <summary>Reads one text entry; throws <see cref="FormatException"/> naming the entry if missing or the file is not a ZIP.</summary>
    public static string ReadEntry(Stream bundle, string entryName)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        try
        {
            using var zip = new ZipArchive(bundle, ZipArchiveMode.Read, leaveOpen: true);
            var entry = zip.GetEntry(entryName) ?? throw new FormatException($"model bundle: entry '{entryName}' is missing");
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        }
        catch (InvalidDataException e)
        {
            throw new FormatException($"model bundle: not a valid ZIP archive ({e.Message})", e);
        }
    }

    /// <summary>The manifest JSON of a training result.</summary>
    public static string Manifest(TwoStageResult result, SplitKind split)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", Version);
            w.WriteString("linear", "logistic regression (ML.NET L-BFGS), coefficients projected onto non-negative weights");
            w.WriteString("reranker", $"ML.NET FastTree LambdaRank, {RerankerTrainer.Trees} trees × {RerankerTrainer.Leaves} leaves");
            w.WriteStartArray("features");
            foreach (var token in RerankFeatureNames.Tokens)
            {
                w.WriteStringValue(token);
            }
            w.WriteEndArray();
            w.WriteString("split", split == SplitKind.Time ? "time" : "seeker");
            w.WriteStartObject("training");
            w.WriteNumber("rows", result.TrainRows);
            w.WriteNumber("lists", result.TrainGroups);
            w.WriteEndObject();
            w.WriteStartObject("heldOut");
            w.WriteNumber("rows", result.HeldOutRows);
            w.WriteNumber("lists", result.HeldOutGroups);
            w.WriteEndObject();
            w.WriteStartObject("metrics");
            WriteMetrics(w, "linear", result.LinearMetrics);
            WriteMetrics(w, "reranker", result.RerankerMetrics);
            WriteMetrics(w, "rerankerWithoutContext", result.WithoutContextMetrics);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteMetrics(Utf8JsonWriter w, string name, RankingMetrics m)
    {
        w.WriteStartObject(name);
        w.WriteNumber("auc", Math.Round(m.Auc, 4));
        w.WriteNumber("ndcg10", Math.Round(m.Ndcg10, 4));
        w.WriteNumber("map", Math.Round(m.Map, 4));
        w.WriteEndObject();
    }

    private static void WriteText(ZipArchive zip, string name, string text)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
        writer.Write(text);
    }
}
