namespace JobHome.Grains.Employers;

/// <summary>Stored state of an employer (version 1).</summary>
[GenerateSerializer, Alias("jobhome.employer-state.v1")]
public sealed class EmployerState
{
    /// <summary>The profile, null until registered.</summary>
    [Id(0)]
    public EmployerProfile? Profile { get; set; }

    /// <summary>
    /// Ids of the employer's posts, ordinal order, as stored before they moved into the <c>employer-posts-N</c> shards;
    /// emptied on the next activation (kept for reading old states).
    /// </summary>
    [Id(1)]
    public List<string> PostIds { get; set; } = [];
}
