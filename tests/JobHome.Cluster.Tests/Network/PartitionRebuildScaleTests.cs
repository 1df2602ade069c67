using JobHome.Domain.People;
using JobHome.Grains.Bulk;
using JobHome.Grains.Indicators;
using JobHome.Grains.Matching;
using JobHome.Grains.People;
using JobHome.Grains.Posts;
using JobHome.Matching.Index;
using Xunit.Abstractions;

namespace JobHome.Cluster.Tests.Network;

/// <summary>
/// A partition cell of thousands of records (bulk-loaded, plus some registered live) rebuilt after SIGKILL in many small
/// steps (<c>--rebuild-batch 250</c>, a pause of 400 ms between steps): while it rebuilds, queries answer and a recount
/// of the whole tree answers exactly; the silo is killed again in the middle of the rebuild, and the next rebuild
/// finishes; afterwards a post's candidates are exactly the pure engine's over the records.
/// </summary>
public abstract class PartitionRebuildScaleTests(ITestOutputHelper output)
{
    private const int BulkSeekers = 3000;
    private const int LiveSeekers = 16;
    private const int BulkPosts = 40;
    private const int Batch = 250;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(9);
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(3);
    private static readonly string[] RebuildArguments = ["--rebuild-batch", "250", "--rebuild-pause-ms", "400"];

    /// <summary>Creates a fresh store for one run.</summary>
    protected abstract Task<INetworkStore> CreateStoreAsync();

    [Fact]
    public async Task LargeCell_KilledBeforeAndDuringRebuild_RebuiltInBatchesAnsweringMeanwhile_EqualsEngine()
    {
        await using var run = await NetworkRun.StartAsync(CreateStoreAsync, Deadline, RebuildArguments);
        var data = new NetworkData();
        var today = NetworkData.Today;
        await data.RegisterTreeAsync(run.Grains, townships: 1, villagesEach: 2);
        var random = new Random(20261129);
        var seekers = new List<SeekerMatchRecord>();
        long employed = 0;
        for (var start = 0; start < BulkSeekers; start += 500)
        {
            foreach (var village in data.Villages)
            {
                var batch = Enumerable.Range(0, 250).Select(_ => NewSeeker(data, village, random, today)).ToArray();
                var results = await run.Grains.GetGrain<IBulkSiteImportGrain>(village).ImportSeekersAsync(batch);
                Assert.All(results, r => Assert.Equal(BulkOutcome.Created, r.Outcome));
                employed += batch.Count(s => s.Registration.Status == LabourStatus.Employed);
                seekers.AddRange(batch.Where(s => s.Registration.Status == LabourStatus.Unemployed).Select(s => Record(s, today)));
            }
        }
        for (var i = 0; i < LiveSeekers; i++)
        {
            var live = NewSeeker(data, data.Villages[i % 2], random, today) with { Id = data.NewId("live") };
            var registered = await run.Grains.GetGrain<ISeekerGrain>(live.Id).RegisterAsync(live.Registration);
            Assert.True(registered.Succeeded, string.Join("; ", registered.Errors));
            employed += live.Registration.Status == LabourStatus.Employed ? 1 : 0;
            seekers.AddRange(live.Registration.Status == LabourStatus.Unemployed ? [Record(live, today)] : []);
        }
        var employer = await data.RegisterEmployerAsync(run.Grains, data.Villages[0]);
        var posts = Enumerable.Range(0, BulkPosts).Select(i => new BulkPost(data.NewId("bpost"),
            NetworkData.Post(data.Villages[0], employer, openings: 1 + (i % 5)) with
        {
            PayMin = 2500 + (100 * (i % 20)),
            PayMax = 4500 + (100 * (i % 20)),
            Lat = 25.30 + (0.004 * i),
            Lon = 114.86 + (0.003 * i),
        })).ToArray();
        Assert.All(await run.Grains.GetGrain<IBulkSiteImportGrain>(data.Villages[0]).ImportPostsAsync(posts),
            r => Assert.Equal(BulkOutcome.Created, r.Outcome));
        var livePost = await data.OpenPostAsync(run.Grains, data.Villages[1], employer, openings: 3);
        var postIds = posts.Select(p => p.Id).Append(livePost).ToArray();
        var partition = run.Grains.GetGrain<IMatchPartitionGrain>(MatchPartitions.KeyOf(25.37, 114.94, new MatchingOptions().CellDegrees));
        Assert.Equal((BulkPosts + 1, seekers.Count), await partition.CountsAsync());
        var probes = new[] { posts[0].Id, posts[17].Id, livePost };
        var before = await CandidatesAsync(run, probes);

        // First restart: the partition's activation starts the rebuild; the silo is killed again after two of its batches.
        await run.KillAsync();
        await run.RestartAsync(RebuildArguments);
        partition = run.Grains.GetGrain<IMatchPartitionGrain>(partition.GetPrimaryKeyString());
        var deadline = DateTime.UtcNow + Settle;
        MatchPartitionRebuildStatus status;
        while ((status = await partition.RebuildStatusAsync()).Batches < 2)
        {
            Assert.True(status.Rebuilding && DateTime.UtcNow < deadline, $"rebuild ended or stalled before the second kill: {status}");
            await Task.Delay(100, run.Token);
        }
        Assert.True(status.Rebuilding, $"the rebuild finished before the second kill: {status}");
        output.WriteLine($"killed during the rebuild at {status}");
        await run.KillAsync();
        await run.RestartAsync(RebuildArguments);

        // Second restart: while the rebuild runs, queries answer and a recount of the whole tree is exact.
        partition = run.Grains.GetGrain<IMatchPartitionGrain>(partition.GetPrimaryKeyString());
        var started = await partition.RebuildStatusAsync();
        Assert.True(started.Rebuilding, $"rebuild not running after the restart: {started}");
        var during = await run.Grains.GetGrain<IPostMatchingGrain>(probes[0]).GetCandidatesAsync(20);
        Assert.NotNull(during);
        var report = await new SubtreeRecount(run.Grains).RunAsync(NetworkData.Province, repair: false, run.Token);
        output.WriteLine($"rebuild when the recount began: {started}; when it ended: {await partition.RebuildStatusAsync()}");
        Assert.NotNull(report);
        Assert.Equal(employed, report.Recounted.Employed);
        Assert.Equal(seekers.Count, report.Recounted.UnemployedBySince.Values.Sum());
        Assert.Equal(BulkPosts + 1, report.Recounted.OpenPosts);
        Assert.Equal(posts.Sum(p => p.Profile.Openings) + 3, report.Recounted.Openings);
        var matched = await NetworkRecount.UntilMatchesAsync(run.Grains, run.Silo, Settle, run.Token);
        Assert.Equal(report.Recounted, matched.Recounted);

        deadline = DateTime.UtcNow + Settle;
        while ((status = await partition.RebuildStatusAsync()).Rebuilding)
        {
            Assert.False(run.Silo.HasExited, $"silo exited:\n{run.Silo.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"rebuild not finished after {Settle.TotalSeconds:F0} s: {status}");
            await Task.Delay(200, run.Token);
        }
        output.WriteLine($"rebuild after the second restart: {status}");
        var listed = BulkSeekers + LiveSeekers + BulkPosts + 1;
        Assert.Equal(listed, status.Read);
        Assert.True(status.Batches >= (listed + Batch - 1) / Batch, $"expected paced batches of {Batch}: {status}");
        Assert.Equal(seekers.Count + BulkPosts + 1, status.Loaded + status.Skipped);
        Assert.Equal((BulkPosts + 1, seekers.Count), await partition.CountsAsync());

        var engine = new MatchIndex();
        foreach (var seeker in seekers)
        {
            engine.UpsertSeeker(seeker.ToMatchSeeker());
        }
        var options = new MatchingOptions().ToMatchOptions(today);
        var after = await CandidatesAsync(run, probes);
        Assert.Equal(before, after);
        foreach (var id in probes)
        {
            var view = await run.Grains.GetGrain<IPostGrain>(id).GetAsync();
            var p = view!.Profile;
            var post = new PostMatchRecord(id, p.EmployerCode, p.Occupation, p.Openings - view.Taken, p.PayMin, p.PayMax, p.Lat, p.Lon,
                p.Kind, p.MinEducation, p.AgeMin, p.AgeMax, p.Skills).ToMatchPost();
            var expected = engine.TopSeekersForPost(post, 20, options);
            Assert.Equal(20, expected.Count);
            Assert.Equal(expected.Select(r => FormattableString.Invariant($"{r.Id}:{r.Score:R}")), after[id]);
        }
    }

    private static async Task<Dictionary<string, string[]>> CandidatesAsync(NetworkRun run, string[] posts)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var id in posts)
        {
            result[id] = [.. (await run.Grains.GetGrain<IPostMatchingGrain>(id).GetCandidatesAsync(20))!
                .Select(item => FormattableString.Invariant($"{item.Id}:{item.Score:R}"))];
        }
        return result;
    }

    // A seeker somewhere in the cell around the villages, unemployed four times in five, with a pay wish of their own.
    private static BulkSeeker NewSeeker(NetworkData data, string village, Random random, DateOnly today)
    {
        var status = random.Next(5) == 0 ? LabourStatus.Employed : LabourStatus.Unemployed;
        var birth = new DateOnly(1970, 1, 1).AddDays(random.Next(365 * 35));
        var registration = data.Registration(village, birth, status, today.AddDays(-random.Next(1, 400))) with
        {
            ExpectedPayMin = 2000 + (50 * random.Next(60)),
            Lat = 25.30 + (random.NextDouble() * 0.15),
            Lon = 114.85 + (random.NextDouble() * 0.13),
        };
        return new BulkSeeker(data.NewId("bulk"), registration);
    }

    // The seeker's record as its grain builds it (no household: the derived groups come from the status and the age).
    private static SeekerMatchRecord Record(BulkSeeker seeker, DateOnly today)
    {
        var r = seeker.Registration;
        var groups = DerivedKeyGroups.Compute(DerivedKeyGroups.Supplied(r.KeyGroups), r.Status, r.BirthDate, zeroEmploymentHousehold: false,
            today);
        return new SeekerMatchRecord(seeker.Id, r.BirthDate, r.Gender, r.Education, r.Occupations, r.Skills, r.ExpectedPayMin, r.Lat, r.Lon,
            r.Rural, r.Availability, groups);
    }
}

/// <summary>The large-cell rebuild on the embedded SQLite file.</summary>
public sealed class SqlitePartitionRebuildScaleTests(ITestOutputHelper output) : PartitionRebuildScaleTests(output)
{
    /// <inheritdoc />
    protected override Task<INetworkStore> CreateStoreAsync() => NetworkStores.EmbeddedAsync();
}

/// <summary>The large-cell rebuild on PostgreSQL.</summary>
public sealed class PostgresPartitionRebuildScaleTests(ITestOutputHelper output) : PartitionRebuildScaleTests(output)
{
    /// <inheritdoc />
    protected override Task<INetworkStore> CreateStoreAsync() => NetworkStores.PostgresAsync();
}
