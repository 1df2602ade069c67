using JobHome.Deployment.Tests.Fixtures;
using JobHome.Deployment.Tests.Manifests;

namespace JobHome.Deployment.Tests;

/// <summary>The manifests match the Kubernetes OpenAPI schemas (kubernetes-models), which catch what strict typed loading lets through.</summary>
public sealed class SchemaValidationTests
{
    private const string DeploymentFile = "silo-deployment.yaml";

    [Fact]
    public void Validate_RepositoryManifests_EveryObjectValid()
    {
        var result = SchemaValidator.Validate(ManifestSet.Load(RepositoryRoot.Find()));

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(["valid: 8 objects in 8 files"], result.Lines);
    }

    [Fact]
    public void Validate_ReplicasAsQuotedNumber_RejectedThoughTypedLoadingAcceptsIt()
    {
        using var copy = ManifestCopy.Create();
        copy.Replace(DeploymentFile, "  replicas: 3\n", "  replicas: \"3\"\n");
        var manifests = ManifestSet.Load(copy.Root);

        var result = SchemaValidator.Validate(manifests);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"{Path.Combine(manifests.Directory, DeploymentFile)} document 1 (Deployment/jobhome-silo): /spec/replicas must be integer"], result.Lines);
    }

    [Fact]
    public void Validate_ReplicasAsWord_Rejected()
    {
        using var copy = ManifestCopy.Create();
        copy.Replace(DeploymentFile, "  replicas: 3\n", "  replicas: three\n");
        var file = Path.Combine(copy.Root, ManifestSet.Folder, DeploymentFile);

        var result = SchemaValidator.Validate([file]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"{file} document 1 (Deployment/jobhome-silo): /spec/replicas must be integer"], result.Lines);
    }

    [Fact]
    public void Validate_MissingRequiredFields_EachReported()
    {
        using var copy = ManifestCopy.Create();
        copy.Replace(DeploymentFile, "        - name: silo\n          image: jobhome-silo:latest\n", "        - image: jobhome-silo:latest\n");
        copy.Replace("silo-service.yaml", "    - name: http\n      port: 80\n", "    - name: http\n");
        var manifests = ManifestSet.Load(copy.Root);

        var result = SchemaValidator.Validate(manifests);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            [
                $"{Path.Combine(manifests.Directory, "silo-service.yaml")} document 1 (Service/jobhome-silo): /spec/ports/0 must have required property port",
                $"{Path.Combine(manifests.Directory, DeploymentFile)} document 1 (Deployment/jobhome-silo): /spec/template/spec/containers/0 must have required property name",
            ],
            result.Lines);
    }

    [Fact]
    public void Validate_KindNotServed_Rejected()
    {
        using var copy = ManifestCopy.Create();
        copy.Write("frob.yaml", "apiVersion: v1\nkind: Frob\nmetadata:\n  name: x\n");
        var file = Path.Combine(copy.Root, ManifestSet.Folder, "frob.yaml");

        var result = SchemaValidator.Validate([file]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([$"{file} document 1 (Frob/x): apiVersion \"v1\" kind \"Frob\" is not a served Kubernetes type"], result.Lines);
    }

    [Fact]
    public void Run_ProgramMissing_FailsSayingWhatToInstall()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SchemaValidator.Run("jobhome-no-such-node", ["--version"], Path.GetTempPath(), TimeSpan.FromSeconds(10)));

        Assert.StartsWith("`jobhome-no-such-node` was not found. Node.js (18 or newer) and npm are needed", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("apt-get install nodejs npm", error.Message, StringComparison.Ordinal);
    }
}
