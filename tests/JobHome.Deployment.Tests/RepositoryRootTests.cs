using JobHome.Deployment.Tests.Fixtures;

namespace JobHome.Deployment.Tests;

/// <summary>The repository root is found by walking up to the solution file.</summary>
public sealed class RepositoryRootTests
{
    [Fact]
    public void Find_FromTestAssembly_FolderHoldsSolutionAndManifests()
    {
        var root = RepositoryRoot.Find();

        Assert.True(File.Exists(Path.Combine(root, "JobHome.Cluster.sln")));
        Assert.True(Directory.Exists(Path.Combine(root, "k8s")));
    }

    [Fact]
    public void Find_FromFolderOutsideRepository_Throws()
    {
        var outside = Directory.CreateTempSubdirectory("jobhome-noroot-").FullName;
        try
        {
            var error = Assert.Throws<DirectoryNotFoundException>(() => RepositoryRoot.Find(outside));

            Assert.Contains("JobHome.Cluster.sln", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(outside);
        }
    }
}
