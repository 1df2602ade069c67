using Orleans.Concurrency;

namespace JobHome.Grains.Posts;

/// <summary>A post, keyed by post id.</summary>
[Alias("jobhome.IPostGrain")]
public interface IPostGrain : IGrainWithStringKey
{
    /// <summary>Opens the post or corrects it (openings never below those taken); bad input → field errors.</summary>
    [Alias("Open")]
    Task<CommandResult> OpenAsync(PostProfile profile);

    /// <summary><see cref="OpenAsync"/> and, when it succeeded, the post as <see cref="GetAsync"/> then answers.</summary>
    [Alias("OpenAndGet")]
    Task<CommandAnswer<PostView>> OpenAndGetAsync(PostProfile profile);

    /// <summary>Closes the post (idempotent).</summary>
    [Alias("Close")]
    Task<CommandResult> CloseAsync();

    /// <summary>The post, or null when never opened.</summary>
    [ReadOnly, Alias("Get")]
    Task<PostView?> GetAsync();

    /// <summary>Takes one opening for <paramref name="placementId"/> (idempotent); refused when closed or full.</summary>
    [Alias("TakeOpening")]
    Task<CommandResult> TakeOpeningAsync(string placementId);

    /// <summary>Gives back the opening of a placement that was refused after taking it (compensation, idempotent).</summary>
    [Alias("ReleaseOpening")]
    Task<CommandResult> ReleaseOpeningAsync(string placementId);
}
