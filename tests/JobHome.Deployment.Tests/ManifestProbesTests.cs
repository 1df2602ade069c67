using JobHome.Deployment.Tests.Fixtures;
using JobHome.Deployment.Tests.Manifests;

namespace JobHome.Deployment.Tests;

/// <summary>The probe helper reads the silo's HTTP probes and port from k8s/, for the lead's test against the real silo.</summary>
public sealed class ManifestProbesTests
{
    [Fact]
    public void Read_RepositoryManifests_StartupLivenessAndReadinessOnHttpPort()
    {
        var probes = ManifestProbes.Read(RepositoryRoot.Find());

        Assert.Equal(
            [
                new ProbeEndpoint("startup", "/health/live", 8080),
                new ProbeEndpoint("readiness", "/health/ready", 8080),
                new ProbeEndpoint("liveness", "/health/live", 8080),
            ],
            probes);
    }

    [Fact]
    public void HttpPort_RepositoryManifests_Is8080()
    {
        Assert.Equal(8080, ManifestProbes.HttpPort(RepositoryRoot.Find()));
    }

    [Fact]
    public void Read_ProbeOnUndeclaredPortName_Throws()
    {
        using var copy = ManifestCopy.Create();
        copy.Replace("silo-deployment.yaml", "              path: /health/ready\n              port: http\n", "              path: /health/ready\n              port: htp\n");

        var error = Assert.Throws<ManifestException>(() => ManifestProbes.Read(copy.Root));

        Assert.Equal("the readiness probe's port 'htp' is not a port of the silo container", error.Message);
    }

    [Fact]
    public void Read_ProbeWithoutHttpGet_Throws()
    {
        using var copy = ManifestCopy.Create();
        copy.Replace(
            "silo-deployment.yaml",
            "          livenessProbe:\n            httpGet:\n              path: /health/live\n              port: http\n",
            "          livenessProbe:\n            tcpSocket:\n              port: http\n");

        var error = Assert.Throws<ManifestException>(() => ManifestProbes.Read(copy.Root));

        Assert.Equal("the silo container of Deployment jobhome-silo has no liveness httpGet probe", error.Message);
    }
}
