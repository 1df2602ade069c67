using Xunit.Abstractions;

namespace JobHome.Cluster.Tests.Failover;

/// <summary>Three silos on one PostgreSQL, one killed mid-load; membership tuned for fast detection.</summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OneOfThreeSilos_KilledUnderLoad_SurvivorsTakeOverWithinThirtySeconds()
    {
        var run = new FailoverRun(output, fastMembership: true);
        await run.RunAsync(before: TimeSpan.FromSeconds(5), after: TimeSpan.FromSeconds(5), deadline: TimeSpan.FromMinutes(4));
        Assert.True(run.KillToFullService < TimeSpan.FromSeconds(30), $"full service after {run.KillToFullService.TotalSeconds:F1} s");
    }
}
