namespace JobHome.Grains.Matching;

/// <summary>
/// Payload of <see cref="PostListMetrics.MarkedEvent"/>: a partition handled a change that touches stored lists (a listed
/// post's change, fill or close; a new post's top seekers) and marked these holders dirty.
/// </summary>
/// <param name="Partition">The partition's key.</param>
/// <param name="SeekerIds">The holders marked (newly or again) for this change.</param>
/// <param name="Skipped">Of a new post's top seekers that hold a part here, those its score cannot enter (below the floor).</param>
/// <param name="Told">Seekers told the earlier way (a notice): not holders here while the partition is young, or holders
/// from callers of the version before pushes.</param>
public sealed record PostListMarked(string Partition, string[] SeekerIds, int Skipped = 0, int Told = 0);
