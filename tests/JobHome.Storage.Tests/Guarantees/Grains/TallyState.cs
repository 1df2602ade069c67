namespace JobHome.Storage.Tests.Guarantees.Grains;

/// <summary>Persisted state of <see cref="TallyGrain"/>.</summary>
[GenerateSerializer]
[Alias("jobhome.tests.guarantees.tally-state")]
public sealed class TallyState
{
    /// <summary>The counter's value.</summary>
    [Id(0)]
    public int Value { get; set; }
}
