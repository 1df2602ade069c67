using JobHome.Ranking.Bundle;

namespace JobHome.Cli.Model;

/// <summary>Reads a <c>--model</c> file: model.json v1, or the linear stage of a model.zip bundle.</summary>
internal static class ModelFile
{
    /// <summary>Reads the file and hands its JSON to <paramref name="create"/>; prints a clear error naming the file on failure.</summary>
    public static bool TryLoad<T>(string? path, Func<string?, T> create, TextWriter error, out T value)
    {
        value = default!;
        string? json = null;
        if (path is not null)
        {
            try
            {
                var bytes = File.ReadAllBytes(path);
                json = ModelBundle.LooksLikeBundle(bytes)
                    ? ModelBundle.ReadEntry(new MemoryStream(bytes, writable: false), ModelBundle.LinearEntry)
                    : new StreamReader(new MemoryStream(bytes, writable: false), System.Text.Encoding.UTF8).ReadToEnd();
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
            return true;
        }
        catch (FormatException ex)
        {
            error.WriteLine($"error: model file {Path.GetFileName(path)} is not a valid scoring model (模型文件无效): {ex.Message}");
            return false;
        }
    }
}
