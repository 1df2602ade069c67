using JobHome.Deployment.Tests.Manifests;

namespace JobHome.Deployment.Tests.Fixtures;

/// <summary>A throwaway copy of the repository's k8s/ folder under a temporary root, to break on purpose.</summary>
public sealed class ManifestCopy : IDisposable
{
    private ManifestCopy(string root)
    {
        Root = root;
    }

    /// <summary>The temporary repository root holding the copied k8s/ folder.</summary>
    public string Root { get; }

    /// <summary>Copies k8s/ of the real repository into a new temporary root.</summary>
    public static ManifestCopy Create()
    {
        var root = Directory.CreateTempSubdirectory("jobhome-k8s-").FullName;
        var source = Path.Combine(RepositoryRoot.Find(), ManifestSet.Folder);
        var target = Path.Combine(root, ManifestSet.Folder);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        return new ManifestCopy(root);
    }

    /// <summary>Replaces the one occurrence of <paramref name="find"/> in k8s/<paramref name="file"/>; fails when it does not occur exactly once.</summary>
    public void Replace(string file, string find, string replacement)
    {
        var path = Path.Combine(Root, ManifestSet.Folder, file);
        var text = File.ReadAllText(path);
        var first = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(first >= 0, $"'{find}' does not occur in {file}");
        Assert.True(text.IndexOf(find, first + 1, StringComparison.Ordinal) < 0, $"'{find}' occurs more than once in {file}");
        File.WriteAllText(path, text.Remove(first, find.Length).Insert(first, replacement));
    }

    /// <summary>Writes a new file into the copied k8s/ folder.</summary>
    public void Write(string file, string text) => File.WriteAllText(Path.Combine(Root, ManifestSet.Folder, file), text);

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Root, recursive: true);
}
