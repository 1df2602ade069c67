using Orleans;

namespace JobHome.Storage.Tests.Sqlite.Grains;

/// <summary>A numbered stream event; <see cref="Poison"/> makes the consumer throw on it every time.</summary>
[GenerateSerializer]
[Immutable]
[Alias("jobhome.tests.test-event")]
public sealed record TestEvent([property: Id(0)] long Id, [property: Id(1)] long Value, [property: Id(2)] bool Poison = false);
