using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace JobHome.Deployment.Tests.Manifests;

/// <summary>All objects of the repository's k8s/ folder, loaded strictly in the order the kustomization lists them.</summary>
public sealed class ManifestSet
{
    /// <summary>The manifests folder, relative to the repository root.</summary>
    public const string Folder = "k8s";

    /// <summary>The kustomization file inside <see cref="Folder"/>.</summary>
    public const string KustomizationFile = "kustomization.yaml";

    private ManifestSet(string directory, string? kustomizationNamespace, IReadOnlyList<string> resources, IReadOnlyList<string> images, IReadOnlyList<ManifestObject> objects)
    {
        Directory = directory;
        KustomizationNamespace = kustomizationNamespace;
        Resources = resources;
        KustomizationImages = images;
        Objects = objects;
    }

    /// <summary>The absolute path of the manifests folder.</summary>
    public string Directory { get; }

    /// <summary>The namespace the kustomization sets on every object, if any.</summary>
    public string? KustomizationNamespace { get; }

    /// <summary>The files the kustomization lists under resources, in order.</summary>
    public IReadOnlyList<string> Resources { get; }

    /// <summary>The image names the kustomization's images section rewrites.</summary>
    public IReadOnlyList<string> KustomizationImages { get; }

    /// <summary>Every object of every listed file.</summary>
    public IReadOnlyList<ManifestObject> Objects { get; }

    /// <summary>Loads k8s/ under <paramref name="repoRoot"/>; every YAML file there must be listed in the kustomization and load strictly.</summary>
    public static ManifestSet Load(string repoRoot)
    {
        var directory = Path.Combine(repoRoot, Folder);
        var kustomizationPath = Path.Combine(directory, KustomizationFile);
        if (!File.Exists(kustomizationPath))
        {
            throw new ManifestException($"{Folder}/{KustomizationFile} is missing");
        }

        var (ns, resources, images) = ReadKustomization(kustomizationPath);
        var onDisk = System.IO.Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => f != KustomizationFile)
            .Order(StringComparer.Ordinal)
            .ToList();
        var unlisted = onDisk.Except(resources, StringComparer.Ordinal).ToList();
        if (unlisted.Count > 0)
        {
            throw new ManifestException($"{Folder}/{KustomizationFile} does not list {string.Join(", ", unlisted)}");
        }

        var objects = new List<ManifestObject>();
        foreach (var resource in resources)
        {
            var path = Path.Combine(directory, resource);
            if (!File.Exists(path))
            {
                throw new ManifestException($"{Folder}/{KustomizationFile} lists {resource}, which does not exist");
            }
            objects.AddRange(ManifestLoader.LoadFile(path, $"{Folder}/{resource}"));
        }
        return new ManifestSet(directory, ns, resources, images, objects);
    }

    /// <summary>Every object of type <typeparamref name="T"/>.</summary>
    public IReadOnlyList<T> All<T>()
        where T : IKubernetesObject<V1ObjectMeta> =>
        Objects.Select(o => o.Object).OfType<T>().ToList();

    /// <summary>The one object of type <typeparamref name="T"/> named <paramref name="name"/>; throws when there is none or several.</summary>
    public T Single<T>(string name)
        where T : IKubernetesObject<V1ObjectMeta>
    {
        var found = All<T>().Where(o => o.Metadata.Name == name).ToList();
        return found.Count == 1
            ? found[0]
            : throw new ManifestException($"expected one {typeof(T).Name} named '{name}' in {Folder}/, found {found.Count}");
    }

    /// <summary>The one object of type <typeparamref name="T"/> named <paramref name="name"/>, or null.</summary>
    public T? Find<T>(string name)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        All<T>().SingleOrDefault(o => o.Metadata.Name == name);

    private static (string? Namespace, IReadOnlyList<string> Resources, IReadOnlyList<string> Images) ReadKustomization(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(path)))
        {
            stream.Load(reader);
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ManifestException($"{Folder}/{KustomizationFile} is not one YAML mapping");
        }

        string? ns = root.Children.TryGetValue(new YamlScalarNode("namespace"), out var nsNode) && nsNode is YamlScalarNode nsScalar
            ? nsScalar.Value
            : null;
        if (!root.Children.TryGetValue(new YamlScalarNode("resources"), out var resourcesNode) || resourcesNode is not YamlSequenceNode sequence)
        {
            throw new ManifestException($"{Folder}/{KustomizationFile} has no resources list");
        }
        var resources = sequence.Children
            .Select(n => n is YamlScalarNode { Value: { Length: > 0 } value } ? value : throw new ManifestException($"{Folder}/{KustomizationFile}: a resource that is not a file name"))
            .ToList();
        var images = root.Children.TryGetValue(new YamlScalarNode("images"), out var imagesNode) && imagesNode is YamlSequenceNode imageSequence
            ? imageSequence.Children
                .OfType<YamlMappingNode>()
                .Select(m => m.Children.TryGetValue(new YamlScalarNode("name"), out var n) && n is YamlScalarNode { Value: { } name } ? name : "")
                .ToList()
            : [];
        return (ns, resources, images);
    }
}
