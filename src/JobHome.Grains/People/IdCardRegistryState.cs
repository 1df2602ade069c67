namespace JobHome.Grains.People;

/// <summary>Stored state of one ID-card registration (version 1): the owning seeker and the masked number.</summary>
[GenerateSerializer, Alias("jobhome.id-card-registry-state.v1")]
public sealed class IdCardRegistryState
{
    /// <summary>The seeker holding the number, null when free.</summary>
    [Id(0)]
    public string? OwnerSeekerId { get; set; }

    /// <summary>The masked number (for operators; the full number lives only on the seeker).</summary>
    [Id(1)]
    public string? Masked { get; set; }
}
