using Orleans.Concurrency;

namespace JobHome.Grains.Matching;

/// <summary>A post's candidates (same grain as <see cref="Posts.IPostGrain"/>).</summary>
[Alias("jobhome.IPostMatchingGrain")]
public interface IPostMatchingGrain : IGrainWithStringKey
{
    /// <summary>
    /// The best <paramref name="k"/> active seekers for the post, exactly as the engine ranks them (none when the post is
    /// closed or full); null when the post was never opened.
    /// </summary>
    [ReadOnly, Alias("GetCandidates")]
    Task<MatchItem[]?> GetCandidatesAsync(int k);
}
