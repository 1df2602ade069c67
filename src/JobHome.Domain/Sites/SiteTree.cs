using JobHome.Domain.Validation;

namespace JobHome.Domain.Sites;

/// <summary>
/// The tier tree of sites. Sites are added parents first; each addition checks the code is new, the parent
/// exists and the parent's kind is allowed for the child's kind (<see cref="SiteKinds.AllowedParents"/>).
/// </summary>
public sealed class SiteTree
{
    private readonly Dictionary<string, Site> _byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _children = new(StringComparer.Ordinal);
    private readonly List<string> _roots = [];

    /// <summary>Number of sites in the tree.</summary>
    public int Count => _byCode.Count;

    /// <summary>Every site, in insertion order of the roots and depth-first below them.</summary>
    public IEnumerable<Site> Sites => _roots.SelectMany(Descendants);

    /// <summary>Tries to add a site; returns every reason it cannot be added (the tree is unchanged then).</summary>
    public ValidationResult TryAdd(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var result = site.Validate();
        if (site.Code is not null && _byCode.ContainsKey(site.Code))
        {
            result.Add("code", site.Code, "is already in the tree", "site codes are unique (网点编码唯一)");
        }
        if (site.ParentCode is not null)
        {
            if (!_byCode.TryGetValue(site.ParentCode, out var parent))
            {
                result.Add("parent_code", site.ParentCode, "no such site in the tree (add parents first)",
                    "tier tree (层级): the parent must exist");
            }
            else if (!site.Kind.CanBeChildOf(parent.Kind))
            {
                result.Add("parent_code", site.ParentCode,
                    $"a {site.Kind.ToToken()} cannot hang under a {parent.Kind.ToToken()}; allowed parents: " +
                        $"{string.Join('|', site.Kind.AllowedParents().Select(k => k.ToToken()))}",
                    "tier tree (层级): province → city → county → township → community/village; industrial park and school under county " +
                        "or city");
            }
        }
        if (!result.IsValid)
        {
            return result;
        }
        _byCode.Add(site.Code!, site);
        _children[site.Code!] = [];
        if (site.ParentCode is null)
        {
            _roots.Add(site.Code!);
        }
        else
        {
            _children[site.ParentCode].Add(site.Code!);
        }
        return result;
    }

    /// <summary>Adds a site or throws <see cref="InvalidOperationException"/> listing the errors.</summary>
    public void Add(Site site)
    {
        var result = TryAdd(site);
        if (!result.IsValid)
        {
            throw new InvalidOperationException($"cannot add site: {result}");
        }
    }

    /// <summary>The site with <paramref name="code"/>, or null.</summary>
    public Site? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The direct children of a site.</summary>
    public IReadOnlyList<Site> Children(string code) =>
        _children.TryGetValue(code, out var list) ? list.Select(c => _byCode[c]).ToList() : [];

    /// <summary>The parent chain from the direct parent up to the root.</summary>
    public IEnumerable<Site> Ancestors(string code)
    {
        var current = Find(code);
        while (current?.ParentCode is { } parentCode && _byCode.TryGetValue(parentCode, out var parent))
        {
            yield return parent;
            current = parent;
        }
    }

    /// <summary>The site and everything below it, depth-first.</summary>
    public IEnumerable<Site> Descendants(string code)
    {
        if (!_byCode.TryGetValue(code, out var site))
        {
            yield break;
        }
        var stack = new Stack<Site>();
        stack.Push(site);
        while (stack.Count > 0)
        {
            var s = stack.Pop();
            yield return s;
            var kids = _children[s.Code];
            for (var i = kids.Count - 1; i >= 0; i--)
            {
                stack.Push(_byCode[kids[i]]);
            }
        }
    }

    /// <summary>Builds a tree from sites given parents first; returns the tree and every error met.</summary>
    public static (SiteTree Tree, ValidationResult Result) Build(IEnumerable<Site> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var tree = new SiteTree();
        var result = new ValidationResult();
        foreach (var site in sites)
        {
            result.Merge(tree.TryAdd(site));
        }
        return (tree, result);
    }
}
