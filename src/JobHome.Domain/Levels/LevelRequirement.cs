namespace JobHome.Domain.Levels;

/// <summary>One requirement of a service level: an id, English and Chinese wording (from seed 003) and the level that needs it.</summary>
public sealed record LevelRequirement(string Id, ServiceLevel Level, string English, string Chinese);
