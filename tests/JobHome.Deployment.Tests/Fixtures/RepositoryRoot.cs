using System.Reflection;

namespace JobHome.Deployment.Tests.Fixtures;

/// <summary>Finds the repository root: the nearest folder above the test assembly holding JobHome.Cluster.sln.</summary>
public static class RepositoryRoot
{
    private const string SolutionFile = "JobHome.Cluster.sln";
    private const string SourceDirectoryKey = "JobHomeSourceDirectory";

    /// <summary>
    /// Walks up from <paramref name="start"/> to the folder holding the solution. Without a start it walks up from the test
    /// assembly's folder and, when that lies outside the repository (JOBHOME_ARTIFACTS), from the project folder recorded at build time.
    /// </summary>
    public static string Find(string? start = null)
    {
        if (start is not null)
        {
            return WalkUp(start) ?? throw NotFound(start);
        }
        var assemblyFolder = AppContext.BaseDirectory;
        var sourceFolder = typeof(RepositoryRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == SourceDirectoryKey)?.Value;
        return WalkUp(assemblyFolder)
            ?? (sourceFolder is null ? null : WalkUp(sourceFolder))
            ?? throw NotFound($"{assemblyFolder}' or '{sourceFolder}");
    }

    private static string? WalkUp(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    private static DirectoryNotFoundException NotFound(string from) =>
        new($"No folder above '{from}' holds {SolutionFile}; run the tests from inside the repository.");
}
