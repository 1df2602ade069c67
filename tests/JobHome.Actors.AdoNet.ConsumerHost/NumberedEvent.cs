namespace JobHome.Actors.AdoNet.ConsumerHost;

/// <summary>An event numbered <paramref name="Value"/> (globally unique), <paramref name="Index"/>-th of its stream; a negative value is poison.</summary>
public sealed record NumberedEvent(int Value, int Index);
