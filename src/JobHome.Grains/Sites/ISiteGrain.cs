using Orleans.Concurrency;

namespace JobHome.Grains.Sites;

/// <summary>An employment home (就业之家), keyed by its site code.</summary>
[Alias("jobhome.ISiteGrain")]
public interface ISiteGrain : IGrainWithStringKey
{
    /// <summary>Registers the site (or corrects its profile) and adds it to its parent; returns field errors if invalid.</summary>
    [Alias("Register")]
    Task<CommandResult> RegisterAsync(SiteProfile profile);

    /// <summary>The site, or null when not registered.</summary>
    [ReadOnly, Alias("Get")]
    Task<SiteView?> GetAsync();

    /// <summary>Records a child site (called by the child after it registered; idempotent).</summary>
    [Alias("AddChild")]
    Task<CommandResult> AddChildAsync(string childCode, Domain.Sites.SiteKind childKind);
}
