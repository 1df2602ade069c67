using k8s;
using k8s.Models;
using YamlDotNet.Core;

namespace JobHome.Deployment.Tests.Manifests;

/// <summary>Loads manifests strictly into the typed models of the Kubernetes client, which mirror the API's OpenAPI schemas.</summary>
/// <remarks>
/// Strict loading fails on a field the schema does not have (at any depth), a value of the wrong type
/// (a string where an integer or a boolean belongs, a malformed quantity), a duplicate key and an
/// apiVersion/kind the API does not serve. It does not check required fields; the consistency tests do
/// for the fields the deployment depends on.
/// </remarks>
public static class ManifestLoader
{
    /// <summary>Loads every document of <paramref name="yaml"/>; throws <see cref="ManifestException"/> naming <paramref name="source"/> and the line.</summary>
    public static IReadOnlyList<ManifestObject> Load(string yaml, string source)
    {
        List<object> documents;
        try
        {
            documents = KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true);
        }
        catch (YamlException e)
        {
            var detail = e.InnerException is null ? e.Message : $"{e.Message}: {e.InnerException.Message}";
            throw new ManifestException($"{source} (line {e.Start.Line}, column {e.Start.Column}): {detail}", e);
        }
        catch (KeyNotFoundException e)
        {
            // The client looks the document's "apiVersion/kind" up in its map of served types.
            throw new ManifestException($"{source}: not a Kubernetes object of a served apiVersion/kind ({e.Message})", e);
        }

        if (documents.Count == 0)
        {
            throw new ManifestException($"{source}: holds no Kubernetes object");
        }

        var objects = new List<ManifestObject>(documents.Count);
        foreach (var document in documents)
        {
            if (document is not IKubernetesObject<V1ObjectMeta> typed)
            {
                throw new ManifestException($"{source}: {document.GetType().Name} is not an object with metadata");
            }
            if (string.IsNullOrEmpty(typed.Metadata?.Name))
            {
                throw new ManifestException($"{source}: {typed.Kind} without metadata.name");
            }
            objects.Add(new ManifestObject(source, typed));
        }
        return objects;
    }

    /// <summary>Loads one manifest file; <paramref name="displayName"/> names it in errors (default: the file name).</summary>
    public static IReadOnlyList<ManifestObject> LoadFile(string path, string? displayName = null) =>
        Load(File.ReadAllText(path), displayName ?? Path.GetFileName(path));
}
