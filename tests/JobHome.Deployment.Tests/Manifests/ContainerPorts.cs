using k8s.Models;

namespace JobHome.Deployment.Tests.Manifests;

/// <summary>Resolves a port given by number or by name against a container's or a pod's declared ports.</summary>
public static class ContainerPorts
{
    /// <summary>The container port <paramref name="port"/> refers to (a number or a port name), or null when none is declared.</summary>
    public static int? Resolve(IEnumerable<V1ContainerPort>? declared, IntOrString? port)
    {
        if (port?.Value is not { Length: > 0 } value)
        {
            return null;
        }
        var ports = declared?.ToList() ?? [];
        if (int.TryParse(value, out var number))
        {
            return ports.Any(p => p.ContainerPort == number) ? number : null;
        }
        return ports.SingleOrDefault(p => p.Name == value)?.ContainerPort;
    }

    /// <summary>Every container port of a pod.</summary>
    public static IReadOnlyList<V1ContainerPort> Of(V1PodSpec pod) =>
        pod.Containers.SelectMany(c => c.Ports ?? []).ToList();
}
