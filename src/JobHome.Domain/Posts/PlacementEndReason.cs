namespace JobHome.Domain.Posts;

/// <summary>Why a placement ended.</summary>
public enum PlacementEndReason : byte
{
    /// <summary>The seeker resigned (主动离职).</summary>
    Resigned = 0,
    /// <summary>Dismissed or contract not renewed (被解除/终止劳动合同).</summary>
    Dismissed = 1,
    /// <summary>Fixed term or gig completed (期满/零工结束).</summary>
    Completed = 2,
    /// <summary>Another reason.</summary>
    Other = 3,
}
