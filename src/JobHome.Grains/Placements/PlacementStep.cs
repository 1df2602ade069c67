namespace JobHome.Grains.Placements;

/// <summary>
/// How far a placement got. The placement stores Intended, Completed, Refused, EndIntended and Ended; PostTaken,
/// SeekerPlaced and SeekerEnded are only in memory (the post and seeker store their own effect), so after a crash the
/// steps are redone, idempotently, from the last stored one.
/// </summary>
public enum PlacementStep : byte
{
    /// <summary>Nothing recorded.</summary>
    None = 0,
    /// <summary>The intent (seeker, post, date) is stored; the steps below follow.</summary>
    Intended = 1,
    /// <summary>The post gave an opening.</summary>
    PostTaken = 2,
    /// <summary>The seeker is employed by this placement.</summary>
    SeekerPlaced = 3,
    /// <summary>The household heard; the placement is complete.</summary>
    Completed = 4,
    /// <summary>Refused by a rule after the intent was stored (post full or closed, seeker already employed).</summary>
    Refused = 5,
    /// <summary>The end (date, reason) is stored; the seeker and household steps follow.</summary>
    EndIntended = 6,
    /// <summary>The seeker is unemployed from the end date.</summary>
    SeekerEnded = 7,
    /// <summary>The household heard of the end; the placement is ended.</summary>
    Ended = 8,
}
