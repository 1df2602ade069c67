using JobHome.Fair;
using JobHome.Matching.Ranking;
using JobHome.Ranking.Bundle;

namespace JobHome.Cli.Model;

/// <summary>
/// Reads a <c>--model</c> file: model.json v1, or a model.zip bundle. The linear stage's JSON goes to the factory; when the
/// factory makes a fair engine that can re-rank (<see cref="IRerankingFairEngine"/>), a bundle's trees are attached, so
/// <c>fair match --recommendations-out</c> re-ranks while assignment stays linear.
/// </summary>
internal static class ModelFile
{
    /// <summary>Reads the file and hands its JSON to <paramref name="create"/>; prints a clear error naming the file on failure.</summary>
    public static bool TryLoad<T>(string? path, Func<string?, T> create, TextWriter error, out T value)
    {
        value = default!;
        string? json = null;
        TreeEnsemble? trees = null;
        if (path is not null)
        {
            try
            {
                var bytes = File.ReadAllBytes(path);
                var bundle = ModelBundle.LooksLikeBundle(bytes);
                json = bundle
                    ? ModelBundle.ReadEntry(new MemoryStream(bytes, writable: false), ModelBundle.LinearEntry)
                    : new StreamReader(new MemoryStream(bytes, writable: false), System.Text.Encoding.UTF8).ReadToEnd();
                trees = bundle ? ModelBundle.ReadTrees(new MemoryStream(bytes, writable: false)) : null;
            }
            catch (FormatException ex)
            {
                error.WriteLine($"error: model file {Path.GetFileName(path)} is not a valid model bundle (模型文件无效): {ex.Message}");
                return false;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: model file {Path.GetFileName(path)} cannot be read (模型文件无法读取): {ex.Message}");
                return false;
            }
        }
        try
        {
            value = create(json);
            if (trees is not null && value is IRerankingFairEngine engine)
            {
                value = (T)engine.WithReranker(trees);
            }
            return true;
        }
        catch (FormatException ex)
        {
            error.WriteLine($"error: model file {Path.GetFileName(path)} is not a valid scoring model (模型文件无效): {ex.Message}");
            return false;
        }
    }
}
