using System.Text;
using System.Text.RegularExpressions;
using k8s.Models;

namespace JobHome.Deployment.Tests.Manifests;

/// <summary>Resolves a container's environment variable to what the kubelet would set, as far as the manifests alone tell.</summary>
public static partial class EnvResolver
{
    /// <summary>The prefix of a value that comes from the downward API, followed by the field path (e.g. "fieldRef:status.podIP").</summary>
    public const string FieldRefPrefix = "fieldRef:";

    /// <summary>
    /// The value of <paramref name="name"/> in <paramref name="container"/>: a literal (with "$(VAR)" references to variables
    /// defined earlier expanded), a ConfigMap or Secret key, or <see cref="FieldRefPrefix"/> and the field path.
    /// Throws when the variable, or a ConfigMap, Secret or key it refers to, does not exist.
    /// </summary>
    public static string Resolve(V1Container container, string name, ManifestSet manifests)
    {
        var env = container.Env ?? [];
        var index = env.ToList().FindIndex(e => e.Name == name);
        if (index < 0)
        {
            throw new ManifestException($"container {container.Name} sets no environment variable {name}");
        }
        return Resolve(container, index, manifests);
    }

    private static string Resolve(V1Container container, int index, ManifestSet manifests)
    {
        var variable = container.Env[index];
        if (variable.ValueFrom is null)
        {
            // The kubelet expands $(VAR) only for variables defined before this one.
            return VariableReference().Replace(variable.Value ?? "", match =>
            {
                var earlier = container.Env.Take(index).ToList().FindIndex(e => e.Name == match.Groups[1].Value);
                return earlier >= 0
                    ? Resolve(container, earlier, manifests)
                    : throw new ManifestException($"{variable.Name} refers to $({match.Groups[1].Value}), which is not defined before it in container {container.Name}");
            });
        }
        if (variable.ValueFrom.FieldRef is { } field)
        {
            return FieldRefPrefix + field.FieldPath;
        }
        if (variable.ValueFrom.ConfigMapKeyRef is { } configRef)
        {
            return ConfigMapValue(manifests, configRef.Name, configRef.Key);
        }
        if (variable.ValueFrom.SecretKeyRef is { } secretRef)
        {
            return SecretValue(manifests, secretRef.Name, secretRef.Key);
        }
        throw new ManifestException($"{variable.Name} in container {container.Name} uses a source the tests do not resolve");
    }

    /// <summary>The value under <paramref name="key"/> of the ConfigMap <paramref name="name"/>; throws when either is missing.</summary>
    public static string ConfigMapValue(ManifestSet manifests, string name, string key)
    {
        var map = manifests.Find<V1ConfigMap>(name) ?? throw new ManifestException($"no ConfigMap named {name}");
        return map.Data is not null && map.Data.TryGetValue(key, out var value)
            ? value
            : throw new ManifestException($"ConfigMap {name} has no key {key}");
    }

    /// <summary>The value under <paramref name="key"/> of the Secret <paramref name="name"/> (stringData or base64 data); throws when either is missing.</summary>
    public static string SecretValue(ManifestSet manifests, string name, string key)
    {
        var secret = manifests.Find<V1Secret>(name) ?? throw new ManifestException($"no Secret named {name}");
        if (secret.StringData is not null && secret.StringData.TryGetValue(key, out var text))
        {
            return text;
        }
        if (secret.Data is not null && secret.Data.TryGetValue(key, out var bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }
        throw new ManifestException($"Secret {name} has no key {key}");
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")]
    private static partial Regex VariableReference();
}
