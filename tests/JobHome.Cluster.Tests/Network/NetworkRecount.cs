using JobHome.Cluster.Tests.Support;
using JobHome.Grains.Indicators;

namespace JobHome.Cluster.Tests.Network;

/// <summary>Waits until every aggregator of the province's subtree equals a recount from the records.</summary>
public static class NetworkRecount
{
    /// <summary>
    /// Recounts the whole tree (read-only) until it matches; fails with the last differences after <paramref name="settle"/>.
    /// Polling is the tool here: the aggregates catch up over the durable stream and a flush period per tier, in
    /// another process.
    /// </summary>
    public static async Task<SubtreeRecountReport> UntilMatchesAsync(IGrainFactory grains, SiloProcess silo, TimeSpan settle,
        CancellationToken cancellationToken)
    {
        var recount = new SubtreeRecount(grains);
        var deadline = DateTime.UtcNow + settle;
        while (true)
        {
            var report = await recount.RunAsync(NetworkData.Province, repair: false, cancellationToken);
            Assert.NotNull(report);
            if (report.Matches)
            {
                return report;
            }
            Assert.False(silo.HasExited, $"silo exited:\n{silo.Output}");
            Assert.True(DateTime.UtcNow < deadline,
                $"aggregates still differ from the recount after {settle.TotalSeconds:F0} s: {string.Join("; ", report.Differences.Take(20))}");
            await Task.Delay(250, cancellationToken);
        }
    }
}
