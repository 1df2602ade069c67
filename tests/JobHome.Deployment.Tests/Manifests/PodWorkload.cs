using k8s.Models;

namespace JobHome.Deployment.Tests.Manifests;

/// <summary>A Deployment or StatefulSet seen through what the checks need: its selector, pod template and claim templates.</summary>
public sealed record PodWorkload(string Kind, string Name, V1LabelSelector Selector, V1PodTemplateSpec Template, IReadOnlyList<string> ClaimTemplates)
{
    /// <summary>The pod template's labels.</summary>
    public IDictionary<string, string> PodLabels => Template.Metadata?.Labels ?? new Dictionary<string, string>();

    /// <summary>The pod spec of the template.</summary>
    public V1PodSpec Pod => Template.Spec;

    /// <summary>Every Deployment and StatefulSet of <paramref name="manifests"/>.</summary>
    public static IReadOnlyList<PodWorkload> All(ManifestSet manifests) =>
    [
        .. manifests.All<V1Deployment>().Select(d => new PodWorkload("Deployment", d.Metadata.Name, d.Spec.Selector, d.Spec.Template, [])),
        .. manifests.All<V1StatefulSet>().Select(s => new PodWorkload(
            "StatefulSet",
            s.Metadata.Name,
            s.Spec.Selector,
            s.Spec.Template,
            (s.Spec.VolumeClaimTemplates ?? []).Select(c => c.Metadata.Name).ToList())),
    ];

    /// <inheritdoc />
    public override string ToString() => $"{Kind}/{Name}";
}
