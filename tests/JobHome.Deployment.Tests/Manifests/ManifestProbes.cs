using k8s.Models;

namespace JobHome.Deployment.Tests.Manifests;

/// <summary>The HTTP probes the silo Deployment in k8s/ declares, for tests that start the real silo and GET each one.</summary>
public static class ManifestProbes
{
    /// <summary>The name of the silo Deployment.</summary>
    public const string SiloDeployment = "jobhome-silo";

    /// <summary>The name of the silo container in its pod.</summary>
    public const string SiloContainer = "silo";

    /// <summary>The name of the silo container's HTTP port.</summary>
    public const string HttpPortName = "http";

    /// <summary>Reads the silo container's startup, readiness and liveness HTTP probes (path and resolved port number) from k8s/ under <paramref name="repoRoot"/>.</summary>
    public static IReadOnlyList<ProbeEndpoint> Read(string repoRoot) => Read(ManifestSet.Load(repoRoot));

    /// <summary>Reads the silo container's HTTP probes from already loaded manifests.</summary>
    public static IReadOnlyList<ProbeEndpoint> Read(ManifestSet manifests)
    {
        var container = SiloContainerOf(manifests);
        var probes = new (string Name, V1Probe? Probe)[]
        {
            ("startup", container.StartupProbe),
            ("readiness", container.ReadinessProbe),
            ("liveness", container.LivenessProbe),
        };

        var endpoints = new List<ProbeEndpoint>();
        foreach (var (name, probe) in probes)
        {
            if (probe?.HttpGet is not { } get)
            {
                throw new ManifestException($"the {SiloContainer} container of Deployment {SiloDeployment} has no {name} httpGet probe");
            }
            var port = ContainerPorts.Resolve(container.Ports, get.Port)
                ?? throw new ManifestException($"the {name} probe's port '{get.Port?.Value}' is not a port of the {SiloContainer} container");
            endpoints.Add(new ProbeEndpoint(name, get.Path ?? "/", port));
        }
        return endpoints;
    }

    /// <summary>The silo container's HTTP port number (the container port named <see cref="HttpPortName"/>).</summary>
    public static int HttpPort(string repoRoot) => HttpPort(ManifestSet.Load(repoRoot));

    /// <summary>The silo container's HTTP port number from already loaded manifests.</summary>
    public static int HttpPort(ManifestSet manifests) =>
        SiloContainerOf(manifests).Ports?.SingleOrDefault(p => p.Name == HttpPortName)?.ContainerPort
        ?? throw new ManifestException($"the {SiloContainer} container declares no port named '{HttpPortName}'");

    /// <summary>The silo container of the silo Deployment.</summary>
    public static V1Container SiloContainerOf(ManifestSet manifests)
    {
        var deployment = manifests.Single<V1Deployment>(SiloDeployment);
        return deployment.Spec?.Template?.Spec?.Containers?.SingleOrDefault(c => c.Name == SiloContainer)
            ?? throw new ManifestException($"Deployment {SiloDeployment} has no container named '{SiloContainer}'");
    }
}
