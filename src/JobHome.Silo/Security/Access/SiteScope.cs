using System.Collections.Concurrent;
using JobHome.Grains.Sites;

namespace JobHome.Silo.Security.Access;

/// <summary>
/// Answers "is site X inside the subtree of site S" by walking X's parents up to the root. A site's parent never
/// changes (the API refuses it), so parents are cached for the life of the silo.
/// </summary>
public sealed class SiteScope(IGrainFactory grains)
{
    private const int MaxDepth = 16;
    private readonly ConcurrentDictionary<string, string?> _parents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _pathTexts = new(StringComparer.Ordinal);

    /// <summary>The codes from the root down to <paramref name="code"/>, or null when a site on the way is not registered.</summary>
    public async Task<string[]?> PathAsync(string code)
    {
        var path = new List<string>();
        string? current = code;
        while (current is not null)
        {
            if (path.Count == MaxDepth || path.Contains(current, StringComparer.Ordinal))
            {
                return null;
            }
            path.Add(current);
            if (!_parents.TryGetValue(current, out var parent))
            {
                var view = await grains.GetGrain<ISiteGrain>(current).GetAsync();
                if (view is null)
                {
                    return null;
                }
                parent = view.Profile.ParentCode;
                _parents.TryAdd(current, parent);
            }
            current = parent;
        }
        path.Reverse();
        return [.. path];
    }

    /// <summary>
    /// True when <paramref name="code"/> lies in the subtree of <paramref name="root"/> (null root: the whole network);
    /// null when <paramref name="code"/> is not a registered site (the endpoint answers for that).
    /// </summary>
    public async Task<bool?> ContainsAsync(string? root, string code)
    {
        var path = await PathAsync(code);
        if (path is null)
        {
            return null;
        }
        return root is null || path.Contains(root, StringComparer.Ordinal);
    }

    /// <summary>The path as stored with audit records: <c>/P/C/X/T/V/</c>; empty when unknown.</summary>
    public async Task<string> PathTextAsync(string? code)
    {
        if (code is null)
        {
            return string.Empty;
        }
        if (_pathTexts.TryGetValue(code, out var text))
        {
            return text;
        }
        var path = await PathAsync(code);
        if (path is null)
        {
            return string.Empty;
        }
        // Parents never change, so a known site's path text is kept like its parent (one string per site, not per request).
        text = "/" + string.Join('/', path) + "/";
        _pathTexts.TryAdd(code, text);
        return text;
    }
}
