namespace JobHome.Grains.People;

/// <summary>The answer of the ID-card registry: granted to the asker, or held by <see cref="OwnerSeekerId"/>.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.id-card-claim")]
public sealed record IdCardClaim(
    [property: Id(0)] bool Granted,
    [property: Id(1)] string OwnerSeekerId);
