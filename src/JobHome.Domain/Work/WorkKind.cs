namespace JobHome.Domain.Work;

/// <summary>Kinds of work (用工形式); a post has exactly one, a seeker's availability is a set.</summary>
[Flags]
public enum WorkKind : byte
{
    /// <summary>No kind (an empty availability).</summary>
    None = 0,
    /// <summary>Full-time (全职), token <c>full_time</c>.</summary>
    FullTime = 1,
    /// <summary>Part-time (兼职), token <c>part_time</c>.</summary>
    PartTime = 2,
    /// <summary>Gig / odd jobs (零工), token <c>gig</c>.</summary>
    Gig = 4,
    /// <summary>Public-welfare post (公益性岗位), token <c>public_welfare</c>.</summary>
    PublicWelfare = 8,
}
