using JobHome.Fair;
using JobHome.Matching.Model;

namespace JobHome.Cli.Model;

/// <summary>
/// Reads a <c>--model</c> file with the silo's own loader (<see cref="TwoStageModel.Parse"/>: model.json v1, or a model.zip
/// whose <c>trees.json</c> is optional), so the CLI and the silo accept exactly the same files. The linear stage goes to the
/// factory; when the factory makes a fair engine that can re-rank (<see cref="IRerankingFairEngine"/>), the trees are attached,
/// so <c>fair match --recommendations-out</c> re-ranks while assignment stays linear.
/// </summary>
internal static class ModelFile
{
    /// <summary>Reads the file and hands its linear stage's JSON to <paramref name="create"/>; prints an error naming the file.</summary>
    public static bool TryLoad<T>(string? path, Func<string?, T> create, TextWriter error, out T value)
    {
        value = default!;
        TwoStageModel? model = null;
        if (path is not null)
        {
            try
            {
                model = TwoStageModel.Parse(File.ReadAllBytes(path));
            }
            catch (FormatException ex)
            {
                error.WriteLine($"error: model file {Path.GetFileName(path)} is not a valid model (模型文件无效): {ex.Message}");
                return false;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: model file {Path.GetFileName(path)} cannot be read (模型文件无法读取): {ex.Message}");
                return false;
            }
        }
        value = create(model?.Linear.ToJson());
        if (model?.Reranker is { } trees && value is IRerankingFairEngine engine)
        {
            value = (T)engine.WithReranker(trees);
        }
        return true;
    }
}
