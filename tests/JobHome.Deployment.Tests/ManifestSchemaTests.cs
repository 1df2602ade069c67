using JobHome.Deployment.Tests.Fixtures;
using JobHome.Deployment.Tests.Manifests;
using k8s.Models;

namespace JobHome.Deployment.Tests;

/// <summary>Every manifest loads strictly into the Kubernetes API types, and the check really rejects broken ones.</summary>
public sealed class ManifestSchemaTests
{
    private const string DeploymentFile = "silo-deployment.yaml";

    [Fact]
    public void Load_RepositoryManifests_EveryExpectedObjectLoadsStrictly()
    {
        var manifests = ManifestSet.Load(RepositoryRoot.Find());

        var found = manifests.Objects.Select(o => $"{o.Kind}/{o.Name}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "ConfigMap/jobhome-silo-config",
                "Deployment/jobhome-silo",
                "Namespace/jobhome",
                "PodDisruptionBudget/jobhome-silo",
                "Secret/jobhome-db",
                "Service/jobhome-postgres",
                "Service/jobhome-silo",
                "StatefulSet/jobhome-postgres",
            ],
            found);
        Assert.IsType<V1Deployment>(manifests.Objects.Single(o => o.Kind == "Deployment").Object);
        Assert.IsType<V1PodDisruptionBudget>(manifests.Objects.Single(o => o.Kind == "PodDisruptionBudget").Object);
    }

    [Fact]
    public void Load_UnchangedCopy_Accepted()
    {
        // The control for the rejection tests below: the copy they break loads as it is.
        using var copy = ManifestCopy.Create();

        var manifests = ManifestSet.Load(copy.Root);

        Assert.Equal(8, manifests.Objects.Count);
    }

    [Theory]
    // A wrong type: a word where an integer belongs.
    [InlineData("  replicas: 3\n", "  replicas: \"three\"\n", "three")]
    // An unknown field of the DeploymentSpec (a typo of replicas).
    [InlineData("  replicas: 3\n", "  replica: 3\n", "replica")]
    // An unknown field deep inside the pod template's container.
    [InlineData("          imagePullPolicy: IfNotPresent\n", "          imagePullPolicy: IfNotPresent\n          imagePulPolicy: Always\n", "imagePulPolicy")]
    // A wrong type: a word where a boolean belongs.
    [InlineData("      automountServiceAccountToken: false\n", "      automountServiceAccountToken: nope\n", "nope")]
    // A malformed resource quantity.
    [InlineData("              memory: \"2Gi\"\n", "              memory: \"two gigs\"\n", "cannot be converted to fraction")]
    // A duplicate key.
    [InlineData("  replicas: 3\n", "  replicas: 3\n  replicas: 4\n", "replicas")]
    // An apiVersion that does not serve Deployments.
    [InlineData("apiVersion: apps/v1\n", "apiVersion: extensions/v1beta1\n", "extensions/v1beta1/Deployment")]
    public void Load_BrokenDeployment_RejectedNamingFileAndProblem(string find, string replacement, string expected)
    {
        using var copy = ManifestCopy.Create();
        copy.Replace(DeploymentFile, find, replacement);

        var error = Assert.Throws<ManifestException>(() => ManifestSet.Load(copy.Root));

        Assert.Contains($"k8s/{DeploymentFile}", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongTypeAndUnknownField_EachRejectedWithItsLine()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: broken
            spec:
              replicas: "three"
            """;
        const string unknown = """
            apiVersion: v1
            kind: Service
            metadata:
              name: broken
            spec:
              selector:
                app: x
              prots:
                - port: 80
            """;

        var wrongType = Assert.Throws<ManifestException>(() => ManifestLoader.Load(yaml, "wrong-type.yaml"));
        var unknownField = Assert.Throws<ManifestException>(() => ManifestLoader.Load(unknown, "unknown-field.yaml"));

        Assert.Equal("wrong-type.yaml (line 6, column 13): Exception during deserialization: The input string 'three' was not in a correct format.", wrongType.Message);
        Assert.Equal("unknown-field.yaml (line 8, column 3): Property 'prots' not found on type 'k8s.Models.V1ServiceSpec'.", unknownField.Message);
    }

    [Fact]
    public void Load_FileNotInKustomization_Rejected()
    {
        using var copy = ManifestCopy.Create();
        copy.Write("extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n");

        var error = Assert.Throws<ManifestException>(() => ManifestSet.Load(copy.Root));

        Assert.Equal("k8s/kustomization.yaml does not list extra.yaml", error.Message);
    }

    [Fact]
    public void Load_KustomizationListsMissingFile_Rejected()
    {
        using var copy = ManifestCopy.Create();
        copy.Replace(ManifestSet.KustomizationFile, "  - silo-pdb.yaml\n", "  - silo-pdb.yaml\n  - gone.yaml\n");

        var error = Assert.Throws<ManifestException>(() => ManifestSet.Load(copy.Root));

        Assert.Equal("k8s/kustomization.yaml lists gone.yaml, which does not exist", error.Message);
    }

    [Fact]
    public void Load_EmptyManifest_Rejected()
    {
        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Load("# nothing here\n", "empty.yaml"));

        Assert.Equal("empty.yaml: holds no Kubernetes object", error.Message);
    }
}
