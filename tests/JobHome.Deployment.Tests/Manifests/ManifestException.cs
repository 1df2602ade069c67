namespace JobHome.Deployment.Tests.Manifests;

/// <summary>A manifest that does not load as Kubernetes objects or is missing from the kustomization.</summary>
public sealed class ManifestException(string message, Exception? inner = null) : Exception(message, inner);
