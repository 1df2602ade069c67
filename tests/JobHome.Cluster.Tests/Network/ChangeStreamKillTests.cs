using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Grains;
using JobHome.Grains.People;
using JobHome.Grains.Placements;
using JobHome.Grains.Posts;
using Xunit.Abstractions;

namespace JobHome.Cluster.Tests.Network;

/// <summary>
/// A seeded stream of random changes (registration 40 %, new post 10 %, placement 40 %, end 10 %) over a tree of 2
/// townships × 3 villages, sent in concurrent batches; the silo (a real process) is killed with SIGKILL while a batch
/// is in flight and restarted on the same store, and the stream goes on. The kill lands mid-batch for certain: the kill
/// batch holds one extra placement that the test silo blocks after its post gave the opening (<c>--block-after</c>), and
/// the kill waits for that block (the silo answered a whole batch of 24 before a plain kill landed). Afterwards every
/// aggregator — village, township, county, city, province — equals a recount from the records.
/// </summary>
public abstract class ChangeStreamKillTests(ITestOutputHelper output)
{
    private const int Batches = 24;
    private const int BatchSize = 24;
    private const int KillBatch = 10;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(2);

    /// <summary>Creates a fresh store for one run.</summary>
    protected abstract Task<INetworkStore> CreateStoreAsync();

    [Fact]
    public async Task RandomChanges_SiloKilledMidBatch_EveryAggregatorEqualsRecount()
    {
        var data = new NetworkData();
        var held = data.NewId("pl");
        await using var run = await NetworkRun.StartAsync(CreateStoreAsync, Deadline,
            ["--block-after", $"{held}:{PlacementStep.PostTaken}"]);
        var today = NetworkData.Today;
        var random = new Random(20261129);
        await data.RegisterTreeAsync(run.Grains, townships: 2, villagesEach: 3);
        var employers = new List<string>();
        var unemployed = new List<string>();
        var posts = new List<string>();
        foreach (var village in data.Villages)
        {
            employers.Add(await data.RegisterEmployerAsync(run.Grains, village));
            var a = await data.RegisterSeekerAsync(run.Grains, village, LabourStatus.Unemployed, today.AddDays(-random.Next(200)));
            var b = await data.RegisterSeekerAsync(run.Grains, village, LabourStatus.Unemployed, today.AddDays(-random.Next(200)));
            await data.RegisterHouseholdAsync(run.Grains, village, a, b);
            unemployed.AddRange([a, b]);
            posts.Add(await data.OpenPostAsync(run.Grains, village, employers[^1], openings: 3));
        }
        // The held placement's seeker and post: no other change touches them (a full post would refuse it before the block).
        var heldSeeker = await data.RegisterSeekerAsync(run.Grains, data.Villages[0], LabourStatus.Unemployed, today.AddDays(-30));
        var heldPost = await data.OpenPostAsync(run.Grains, data.Villages[0], employers[0], openings: 1);
        var placed = new List<string>();
        long succeeded = 0, refused = 0, failedAtKill = 0;

        for (var batch = 0; batch < Batches; batch++)
        {
            var changes = new List<(Task<CommandResult> Call, Action<CommandResult> Then)>();
            for (var i = 0; i < BatchSize; i++)
            {
                changes.Add(NextChange(run.Grains, data, random, today, employers, unemployed, posts, placed));
                if (batch == KillBatch && i == BatchSize / 2)
                {
                    var request = new PlacementRequest(heldSeeker, heldPost, today);
                    changes.Add((run.Grains.GetGrain<IPlacementGrain>(held).PlaceAsync(request), _ => { }));
                }
            }
            if (batch == KillBatch)
            {
                // The silo blocks the held placement between its steps: killed now, at least that change is in flight.
                await run.Silo.WaitForLineAsync($"BLOCKED {held} {PlacementStep.PostTaken}", TimeSpan.FromSeconds(60), run.Token);
                await run.KillAsync();
                output.WriteLine($"killed with batch {batch} in flight");
            }
            foreach (var (call, then) in changes)
            {
                try
                {
                    var result = await call;
                    if (result.Succeeded)
                    {
                        succeeded++;
                        then(result);
                    }
                    else
                    {
                        refused++;
                    }
                }
                catch (Exception) when (batch == KillBatch)
                {
                    // Cut off by the kill: the change may or may not be stored; the recount below decides nothing
                    // from this client's view, only from the records.
                    failedAtKill++;
                }
            }
            if (batch == KillBatch)
            {
                await run.RestartAsync();
            }
        }
        output.WriteLine($"{succeeded} changes succeeded, {refused} refused by a rule, {failedAtKill} cut off by the kill");
        Assert.True(failedAtKill > 0, "the kill cut off no change: it did not land mid-batch");

        var report = await NetworkRecount.UntilMatchesAsync(run.Grains, run.Silo, Settle, run.Token);
        output.WriteLine($"recount: {report.Sites} sites, {report.Records} records, placements {report.Recounted.Placements}");
        Assert.Equal(1 + 1 + 1 + 2 + 6, report.Sites);
        Assert.True(report.Recounted.Placements > 10, $"only {report.Recounted.Placements} placements: the mix placed too little");
        Assert.True(report.Recounted.Employed > 0);
    }

    private static (Task<CommandResult>, Action<CommandResult>) NextChange(IGrainFactory grains, NetworkData data, Random random,
        DateOnly today, List<string> employers, List<string> unemployed, List<string> posts, List<string> placed)
    {
        var roll = random.Next(100);
        var v = random.Next(data.Villages.Count);
        var village = data.Villages[v];
        if (roll < 40 || unemployed.Count == 0)
        {
            var id = data.NewId("sk");
            var status = (LabourStatus)random.Next(3);
            var registration = data.Registration(village, new DateOnly(1970, 1, 1).AddDays(random.Next(12000)), status,
                today.AddDays(-random.Next(400)));
            return (grains.GetGrain<ISeekerGrain>(id).RegisterAsync(registration), _ =>
            {
                if (status == LabourStatus.Unemployed)
                {
                    unemployed.Add(id);
                }
            });
        }
        if (roll < 50)
        {
            var id = data.NewId("post");
            return (grains.GetGrain<IPostGrain>(id).OpenAsync(NetworkData.Post(village, employers[v], 1 + random.Next(4))),
                _ => posts.Add(id));
        }
        if (roll < 90 || placed.Count == 0)
        {
            var seeker = unemployed[random.Next(unemployed.Count)];
            var id = data.NewId("pl");
            var request = new PlacementRequest(seeker, posts[random.Next(posts.Count)], today.AddDays(-random.Next(5)));
            return (grains.GetGrain<IPlacementGrain>(id).PlaceAsync(request), _ =>
            {
                unemployed.Remove(seeker);
                placed.Add(id);
            });
        }
        var placement = placed[random.Next(placed.Count)];
        placed.Remove(placement);
        return (grains.GetGrain<IPlacementGrain>(placement).EndAsync(new PlacementEnd(today, PlacementEndReason.Resigned)), _ => { });
    }
}

/// <summary>The change-stream kill test on the embedded SQLite file.</summary>
public sealed class SqliteChangeStreamKillTests(ITestOutputHelper output) : ChangeStreamKillTests(output)
{
    /// <inheritdoc />
    protected override Task<INetworkStore> CreateStoreAsync() => NetworkStores.EmbeddedAsync();
}

/// <summary>The change-stream kill test on PostgreSQL.</summary>
public sealed class PostgresChangeStreamKillTests(ITestOutputHelper output) : ChangeStreamKillTests(output)
{
    /// <inheritdoc />
    protected override Task<INetworkStore> CreateStoreAsync() => NetworkStores.PostgresAsync();
}
