using JobHome.Domain.Occupations;

namespace JobHome.Matching.Index;

/// <summary>
/// One post change in the index's log for the kept post queries (<c>MatchIndex.PostQueries.cs</c>): the post's slot and, for
/// an upsert, a copy of what a walk's prefilter (<see cref="PostStore.PostQuery.MayScore"/>) reads, so that an entry a seeker
/// cannot score is passed over without following the slot to its segment. Written under the index's write lock.
/// </summary>
/// <remarks>
/// The copy equals the post as stored while the entry is the post's latest (<see cref="Superseded"/> false): every later
/// change is logged except one of free openings that stays above zero, which changes neither the filter's verdict
/// (<see cref="Scoring.HardFilters.HasOpenings"/>) nor anything else copied here.
/// </remarks>
internal struct PostLogEntry
{
    /// <summary>The post's slot (a removed post's too).</summary>
    public RecordSlot Slot;

    /// <summary>The post's point on the unit sphere (<see cref="GeoDistance.UnitVector"/>).</summary>
    public double X;
    public double Y;
    public double Z;

    public double PayMin;
    public double PayMax;
    public PostFilter Filter;
    public OccupationCode Occupation;

    /// <summary>The slot's handle (for the memo's membership mark, without reading the slot).</summary>
    public int Handle;

    /// <summary>The post was removed (nothing else is set).</summary>
    public bool Removed;

    /// <summary>The same post was logged again later: a walk that reads this entry reads that one too, and handles the post there.</summary>
    public bool Superseded;
}
