namespace JobHome.Deployment.Tests;

/// <summary>Finds the repository root: the nearest folder above the test assembly holding JobHome.Cluster.sln.</summary>
public static class RepositoryRoot
{
    private const string SolutionFile = "JobHome.Cluster.sln";

    /// <summary>Walks up from <paramref name="start"/> (default: the test assembly's folder) to the folder holding the solution.</summary>
    public static string Find(string? start = null)
    {
        var from = start ?? AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No folder above '{from}' holds {SolutionFile}; run the tests from inside the repository.");
    }
}
