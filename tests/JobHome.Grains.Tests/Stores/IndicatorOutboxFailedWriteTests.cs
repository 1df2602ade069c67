using System.Globalization;
using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Grains.Indicators;
using JobHome.Grains.People;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace JobHome.Grains.Tests.Stores;

/// <summary>
/// A record's state write that fails on the embedded store after the storage took its events (<see cref="IndicatorOutbox"/>,
/// the marks set "published" before the state was serialized): the write's transaction is rolled back, so neither the state
/// nor the events' rows are stored, and the record must not believe it published. The failure is real: a trigger on the
/// database file (made through a connection of the test's own, as an operator could) aborts the record's statement, or the
/// insert of its events' rows after its state statement succeeded. Afterwards the next command publishes the change, or an
/// activation finds the stored state (published) and the next change counts: nothing lost, nothing counted twice.
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed class IndicatorOutboxFailedWriteTests(SqliteClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // The township of the fresh tree: the villages' events go on its stream (township streams).
    private string _township = string.Empty;

    [Theory]
    [InlineData(Failing.StateStatement)]
    [InlineData(Failing.EventRows)]
    public async Task RegisterAsync_MoveWhoseWriteFails_StaysPendingAndTheNextCommandPublishesItOnce(Failing failing)
    {
        var (seeker, registration, a, b) = await RegisteredAtAAsync();

        await using (await FailAsync(failing, seeker))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => seeker.RegisterAsync(registration with { SiteCode = b }));
        }

        // Nothing stored: the stored outbox is still version 1, published to a, and a still counts the seeker. The seeker
        // holds the move (version 2, at b) in memory, not published.
        AssertOutbox(await StoredAsync(seeker), version: 1, published: 1, site: a);
        var report = await seeker.AsReference<IIndicatorSourceGrain>().GetIndicatorSourceAsync();
        Assert.Equal((b, 2L), (report.SiteCode, report.Version));
        Assert.True(await Aggregator(a).WaitForOwnCountsAsync(One(registration), Patience));

        // The next command (a correction: employed at b) publishes the pending move first (the zero to a, the unemployed
        // seeker to b), then its own change in its write (version 3: employed at b). Had the failed write left the marks
        // "published to b", a would keep counting the seeker as well.
        var employed = registration with { SiteCode = b, Status = LabourStatus.Employed, StatusSince = fixture.Today };
        Assert.True((await seeker.RegisterAsync(employed)).Succeeded);
        Assert.True(await Aggregator(b).WaitForOwnCountsAsync(One(employed), Patience));
        Assert.True(await Aggregator(a).WaitForOwnCountsAsync(new IndicatorCounts(), Patience));
        Assert.Equal(3, await HeldVersionAsync(b, seeker));
        AssertOutbox(await StoredAsync(seeker), version: 3, published: 3, site: b);
    }

    [Fact]
    public async Task RegisterAsync_MoveWhoseWriteFails_AnActivationHasNothingToPublishAndTheNextChangeCounts()
    {
        var (seeker, registration, a, b) = await RegisteredAtAAsync();
        await using (await FailAsync(Failing.StateStatement, seeker))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => seeker.RegisterAsync(registration with { SiteCode = b }));
        }

        // Collected before any other command: the unstored move is gone with the activation, which reads version 1 (stored
        // as published) and publishes nothing.
        await fixture.Cluster.DeactivateAsync(seeker);
        Assert.Equal(a, (await seeker.GetAsync())!.SiteCode);
        Assert.Equal(1, (await seeker.AsReference<IIndicatorSourceGrain>().GetIndicatorSourceAsync()).Version);
        Assert.True(await Aggregator(a).WaitForOwnCountsAsync(One(registration), Patience));
        Assert.Equal(1, await HeldVersionAsync(a, seeker));

        // The move made again is version 2 once more, and counts: the lost version 2 never reached the aggregator.
        Assert.True((await seeker.RegisterAsync(registration with { SiteCode = b })).Succeeded);
        Assert.True(await Aggregator(b).WaitForOwnCountsAsync(One(registration), Patience));
        Assert.True(await Aggregator(a).WaitForOwnCountsAsync(new IndicatorCounts(), Patience));
        Assert.Equal(2, await HeldVersionAsync(b, seeker));
        AssertOutbox(await StoredAsync(seeker), version: 2, published: 2, site: b);
    }

    /// <summary>Which statement of the record's write the trigger aborts.</summary>
    public enum Failing
    {
        /// <summary>The state's own UPDATE: nothing of the write runs after it.</summary>
        StateStatement,

        /// <summary>The insert of the events' queue rows, after the state's UPDATE succeeded in the same transaction.</summary>
        EventRows,
    }

    // An unemployed seeker registered at village a of a fresh tree, counted there (version 1, stored as published to a).
    private async Task<(ISeekerGrain Seeker, SeekerRegistration Registration, string A, string B)> RegisteredAtAAsync()
    {
        var (villages, ancestors) = await new TestNetwork(fixture).RegisterTreeAsync();
        _township = ancestors[0];
        var seeker = fixture.Client.GetGrain<ISeekerGrain>(TestNetwork.NewId("sk-failed-write"));
        var registration = TestNetwork.Registration(new DateOnly(1990, 4, 1), LabourStatus.Unemployed, fixture.Today.AddDays(-3))
            with { SiteCode = villages[0] };
        Assert.True((await seeker.RegisterAsync(registration)).Succeeded);
        Assert.True(await Aggregator(villages[0]).WaitForOwnCountsAsync(One(registration), Patience));
        AssertOutbox(await StoredAsync(seeker), version: 1, published: 1, site: villages[0]);
        return (seeker, registration, villages[0], villages[1]);
    }

    // Makes the seeker's state writes fail (or the rows of events on the villages' stream, their township's) until disposed.
    private async Task<IAsyncDisposable> FailAsync(Failing failing, ISeekerGrain seeker)
    {
        var name = "fail_" + Guid.NewGuid().ToString("N");
        var condition = failing == Failing.StateStatement
            ? $"BEFORE UPDATE ON grain_state WHEN NEW.grain_id = {Literal(seeker.GetGrainId().ToString())}"
            : $"BEFORE INSERT ON stream_queue WHEN NEW.stream_id LIKE {Literal("%" + _township + "%")}";
        await ExecuteAsync($"CREATE TRIGGER {name} {condition} BEGIN SELECT RAISE(ABORT, 'injected write failure'); END");
        return new Dropped(() => ExecuteAsync($"DROP TRIGGER {name}"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static IndicatorCounts One(SeekerRegistration registration)
    {
        var counts = new IndicatorCounts();
        counts.Apply(IndicatorContribution.Person(registration.Status, registration.StatusSince, 0));
        return counts;
    }

    private static void AssertOutbox(IndicatorOutbox stored, long version, long published, string site) =>
        Assert.Equal((version, published, site), (stored.Version, stored.PublishedVersion, stored.PublishedSiteCode));

    private ISiteIndicatorsGrain Aggregator(string site) => fixture.Client.GetGrain<ISiteIndicatorsGrain>(site);

    private async Task<long> HeldVersionAsync(string site, ISeekerGrain seeker)
    {
        var held = await fixture.Client.GetGrain<IRecountSourcesGrain>(site).GetHeldVersionsAsync();
        var index = Array.IndexOf(held.Ids, IndicatorSources.Id(IndicatorSources.Seeker, seeker.GetPrimaryKeyString()));
        Assert.True(index >= 0, string.Create(CultureInfo.InvariantCulture, $"the seeker is not held at {site}"));
        return held.Versions[index];
    }

    private async Task<IndicatorOutbox> StoredAsync(ISeekerGrain seeker)
    {
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var stored = new GrainState<SeekerState>(new SeekerState());
        await storage.ReadStateAsync("seeker", seeker.GetGrainId(), stored);
        return stored.State!.Indicators;
    }

    private sealed class Dropped(Func<Task> drop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await drop();
    }
}
