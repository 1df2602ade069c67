using JobHome.Grains.Sites;

namespace JobHome.Silo.Api.Common;

/// <summary>The codes of a site and every site below it, read from the site grains breadth first.</summary>
internal static class SubtreeWalker
{
    /// <summary>The subtree's codes, <paramref name="root"/> first; null when the root is not registered.</summary>
    public static async Task<List<string>?> CodesAsync(IGrainFactory grains, string root, CancellationToken cancellationToken)
    {
        var rootView = await grains.GetGrain<ISiteGrain>(root).GetAsync();
        if (rootView is null)
        {
            return null;
        }
        var codes = new List<string> { root };
        var level = rootView.Children;
        while (level.Length > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            codes.AddRange(level);
            var views = await Task.WhenAll(level.Select(code => grains.GetGrain<ISiteGrain>(code).GetAsync()));
            level = [.. views.OfType<SiteView>().SelectMany(view => view.Children)];
        }
        return codes;
    }
}
