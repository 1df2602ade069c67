namespace JobHome.Domain.Tests;

/// <summary>Reads a seed document when the shared seeds folder is present (it is on the development machine).</summary>
internal static class SeedFiles
{
    private const string Folder = "/work/shared/seeds";

    public static string? Read(string prefix)
    {
        if (!Directory.Exists(Folder))
        {
            return null;
        }
        var file = Directory.GetFiles(Folder, prefix + "*.txt").FirstOrDefault();
        return file is null ? null : File.ReadAllText(file);
    }
}
