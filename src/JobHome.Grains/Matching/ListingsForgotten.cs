namespace JobHome.Grains.Matching;

/// <summary>The payload of <see cref="PostListMetrics.ForgottenEvent"/>: the listings a partition forgot.</summary>
/// <param name="Partition">The partition's key.</param>
/// <param name="SeekerIds">The seekers whose listings were forgotten (those listed before the release's cutoff).</param>
public sealed record ListingsForgotten(string Partition, string[] SeekerIds);
