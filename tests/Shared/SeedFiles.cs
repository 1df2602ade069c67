using System.Reflection;

namespace JobHome.Tests.Shared;

/// <summary>
/// Reads the seed documents from <c>JOBHOME_SEEDS</c> when set, else from <c>../shared/seeds</c> beside the repository
/// (<c>./test.sh</c> sets the variable). The repository root is the first
/// folder above the test assembly that holds <c>JobHome.Cluster.sln</c>; when the build put the assembly outside the
/// repository (<c>JOBHOME_ARTIFACTS</c>), the search starts again from the test project's folder recorded at build time.
/// </summary>
internal static class SeedFiles
{
    private const string SolutionFile = "JobHome.Cluster.sln";

    /// <summary>Key of the assembly metadata holding the test project's folder (set in the test project file).</summary>
    private const string ProjectFolderKey = "JobHome.TestProjectFolder";

    /// <summary>The seeds folder: <c>JOBHOME_SEEDS</c>, else <c>&lt;repository&gt;/../shared/seeds</c>.</summary>
    public static string Folder =>
        Environment.GetEnvironmentVariable("JOBHOME_SEEDS") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "seeds"));

    /// <summary>The text of the seed whose file name starts with <paramref name="prefix"/>; fails when it is missing.</summary>
    public static string Read(string prefix)
    {
        var folder = Folder;
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException(
                $"the seed documents folder {folder} does not exist; the seeds must sit in ../shared/seeds beside the "
                + "repository, or JOBHOME_SEEDS must name their folder");
        }
        var file = Directory.GetFiles(folder, prefix + "*.txt").Order(StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InvalidOperationException($"no seed document {prefix}*.txt in {folder}");
        return File.ReadAllText(file);
    }

    private static string RepositoryRoot()
    {
        var projectFolder = typeof(SeedFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == ProjectFolderKey)?.Value;
        return FindRoot(AppContext.BaseDirectory) ?? (projectFolder is null ? null : FindRoot(projectFolder))
            ?? throw new InvalidOperationException(
                $"no folder above {AppContext.BaseDirectory} or the test project {projectFolder ?? "(not recorded)"} "
                + $"holds {SolutionFile}");
    }

    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
