namespace JobHome.Matching.Index;

/// <summary>The records of one (region cell, occupation group): the current segment, republished when it grows or compacts.</summary>
internal sealed class StoreBucket<TSegment>(TSegment segment, int group)
    where TSegment : class
{
    public TSegment Segment = segment;

    /// <summary>Dead slots in <see cref="Segment"/> (writer side).</summary>
    public int Dead;

    public readonly int Major = OccupationGroup.Major(group);
    public readonly int Intermediate = OccupationGroup.Intermediate(group);

    /// <summary>Seeker buckets: union of the members' key groups (only grows), bounding the priority factor.</summary>
    public int KeyGroups;
}
