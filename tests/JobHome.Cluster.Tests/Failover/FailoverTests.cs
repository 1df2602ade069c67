using Xunit.Abstractions;

namespace JobHome.Cluster.Tests.Failover;

/// <summary>Three silos on one PostgreSQL, one killed mid-load.</summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    /// <summary>Membership tuned for fast detection (probes every second, three misses, two votes).</summary>
    [Fact]
    public async Task OneOfThreeSilos_KilledUnderLoad_SurvivorsTakeOverWithinThirtySeconds()
    {
        var run = new FailoverRun(output, fastMembership: true);
        await run.RunAsync(before: TimeSpan.FromSeconds(5), after: TimeSpan.FromSeconds(5), deadline: TimeSpan.FromMinutes(4));
        Assert.True(run.KillToFullService < TimeSpan.FromSeconds(30), $"full service after {run.KillToFullService.TotalSeconds:F1} s");
    }

    /// <summary>The same with Orleans' default membership settings: slower detection; run by <c>./test.sh --long</c>.</summary>
    [Fact]
    [Trait("Category", "Long")]
    public async Task OneOfThreeSilos_KilledUnderLoadWithDefaultMembership_SurvivorsTakeOver()
    {
        var run = new FailoverRun(output, fastMembership: false);
        await run.RunAsync(before: TimeSpan.FromSeconds(5), after: TimeSpan.FromSeconds(5), deadline: TimeSpan.FromMinutes(6));
        Assert.True(run.KillToFullService < TimeSpan.FromSeconds(120), $"full service after {run.KillToFullService.TotalSeconds:F1} s");
    }
}
