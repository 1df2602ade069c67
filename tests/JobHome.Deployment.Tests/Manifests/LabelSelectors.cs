using k8s.Models;

namespace JobHome.Deployment.Tests.Manifests;

/// <summary>Evaluates label selectors the way the API server does, for the selector forms the manifests use.</summary>
public static class LabelSelectors
{
    /// <summary>Whether the equality selector of a Service (every key/value) selects <paramref name="labels"/>; an empty selector selects nothing here.</summary>
    public static bool Matches(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 }
        && labels is not null
        && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);

    /// <summary>Whether a set-based selector (matchLabels and matchExpressions) selects <paramref name="labels"/>; an empty selector selects nothing here.</summary>
    public static bool Matches(V1LabelSelector? selector, IDictionary<string, string>? labels)
    {
        if (selector is null || ((selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0))
        {
            return false;
        }
        labels ??= new Dictionary<string, string>();
        if (selector.MatchLabels is { Count: > 0 } matchLabels && !Matches(matchLabels, labels))
        {
            return false;
        }
        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var has = labels.TryGetValue(expression.Key, out var value);
            var values = expression.Values ?? [];
            var ok = expression.OperatorProperty switch
            {
                "In" => has && values.Contains(value!),
                "NotIn" => !has || !values.Contains(value!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => throw new ManifestException($"unknown label selector operator '{expression.OperatorProperty}'"),
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }
}
