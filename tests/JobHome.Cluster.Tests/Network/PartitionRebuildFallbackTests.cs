using JobHome.Domain.People;
using JobHome.Grains.Bulk;
using JobHome.Grains.Matching;
using JobHome.Grains.People;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace JobHome.Cluster.Tests.Network;

/// <summary>
/// The partition rebuild's single-record fallback: one seeker's stored state cannot be read (its row in the embedded
/// file is overwritten with bytes no serializer reads while the silo is down). After the restart the rebuild's batch
/// holding it fails, the rebuild falls back to one record a step, leaves that one record out with an error naming it,
/// and rebuilds every other record of the cell; without the fallback the rebuild retries the batch for ever.
/// </summary>
public sealed class PartitionRebuildFallbackTests(ITestOutputHelper output)
{
    private const int Seekers = 120;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(2);
    private static readonly string[] RebuildArguments = ["--rebuild-batch", "20", "--rebuild-pause-ms", "20"];

    [Fact]
    public async Task Rebuild_OneStoredRecordUnreadable_RecordLeftOutAndLogged_RestRebuilt()
    {
        await using var run = await NetworkRun.StartAsync(NetworkStores.EmbeddedAsync, Deadline, RebuildArguments);
        var data = new NetworkData();
        await data.RegisterTreeAsync(run.Grains, townships: 1, villagesEach: 2);
        var village = data.Villages[0];
        var since = NetworkData.Today.AddDays(-30);
        var seekers = Enumerable.Range(0, Seekers)
            .Select(i => new BulkSeeker(data.NewId("bulk"), data.Registration(village, new DateOnly(1980, 1, 1).AddDays(37 * i),
                LabourStatus.Unemployed, since)))
            .ToArray();
        var results = await run.Grains.GetGrain<IBulkSiteImportGrain>(village).ImportSeekersAsync(seekers);
        Assert.All(results, r => Assert.Equal(BulkOutcome.Created, r.Outcome));
        var employer = await data.RegisterEmployerAsync(run.Grains, village);
        var post = await data.OpenPostAsync(run.Grains, village, employer, openings: 5);
        var partition = run.Grains.GetGrain<IMatchPartitionGrain>(MatchPartitions.KeyOf(25.37, 114.94, new MatchingOptions().CellDegrees));
        Assert.Equal((1, Seekers), await partition.CountsAsync());

        await run.KillAsync();
        var unreadable = seekers[Seekers / 2].Id;
        Assert.Equal(1, await DamageSeekerRowAsync(run.Store.EmbeddedDatabase!, unreadable, run.Token));
        await run.RestartAsync(RebuildArguments);

        partition = run.Grains.GetGrain<IMatchPartitionGrain>(partition.GetPrimaryKeyString());
        var deadline = DateTime.UtcNow + Settle;
        MatchPartitionRebuildStatus status;
        while ((status = await partition.RebuildStatusAsync()).Rebuilding)
        {
            Assert.False(run.Silo.HasExited, $"silo exited:\n{run.Silo.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"rebuild not finished after {Settle.TotalSeconds:F0} s: {status}");
            await Task.Delay(100, run.Token);
        }
        output.WriteLine($"rebuild: {status}");
        // Every listed record but the unreadable one was read and loaded: the other 119 seekers and the post.
        Assert.Equal(Seekers, status.Read);
        Assert.Equal(Seekers, status.Loaded + status.Skipped);
        Assert.Equal((1, Seekers - 1), await partition.CountsAsync());
        Assert.Contains($"left record seeker/{unreadable} out of its rebuild", run.Silo.Output, StringComparison.Ordinal);
        var candidates = await run.Grains.GetGrain<IPostMatchingGrain>(post).GetCandidatesAsync(Seekers);
        Assert.NotNull(candidates);
        Assert.Equal(Seekers - 1, candidates.Length);
        Assert.DoesNotContain(candidates, c => c.Id == unreadable);
    }

    // Overwrites the seeker's stored state with bytes that are neither the binary format nor JSON.
    private static async Task<int> DamageSeekerRowAsync(string database, string seekerId, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE grain_state SET payload = $payload WHERE state_name = 'seeker' AND grain_id LIKE '%/' || $id";
        command.Parameters.AddWithValue("$payload", "{not a seeker"u8.ToArray());
        command.Parameters.AddWithValue("$id", seekerId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
