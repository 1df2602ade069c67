namespace JobHome.Storage.Tests.Guarantees.Grains;

/// <summary>Persisted state of <see cref="CounterGrain"/>.</summary>
[GenerateSerializer]
[Alias("jobhome.tests.counter-state")]
public sealed class CounterState
{
    /// <summary>The counter's value.</summary>
    [Id(0)]
    public int Value { get; set; }
}
