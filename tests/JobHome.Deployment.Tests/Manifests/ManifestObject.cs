using k8s;
using k8s.Models;

namespace JobHome.Deployment.Tests.Manifests;

/// <summary>One typed Kubernetes object and the manifest file it came from.</summary>
public sealed record ManifestObject(string File, IKubernetesObject<V1ObjectMeta> Object)
{
    /// <summary>The object's kind, e.g. "Deployment".</summary>
    public string Kind => Object.Kind;

    /// <summary>The object's metadata.name.</summary>
    public string Name => Object.Metadata?.Name ?? "";

    /// <inheritdoc />
    public override string ToString() => $"{Kind}/{Name} ({File})";
}
