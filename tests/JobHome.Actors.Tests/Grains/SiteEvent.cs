namespace JobHome.Actors.Tests.Grains;

/// <summary>A stream event: a value, and whether the consumer must always reject it or fail once after handling it.</summary>
public sealed record SiteEvent(int Value, bool Poison = false, bool FailOnceAfterHandling = false);
