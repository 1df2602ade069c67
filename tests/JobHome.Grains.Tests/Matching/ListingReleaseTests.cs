using System.Collections.Concurrent;
using System.Diagnostics;
using JobHome.Grains.Matching;
using JobHome.Grains.Posts;
using JobHome.Grains.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// A partition forgets a seeker's listing only when the release names the activation that holds it (the token the
/// activation's queries carry, <see cref="PostListCache.Activation"/>), never by comparing times: a release stamped at or
/// after a newer activation's query on another silo's clock (skew, or simply the same instant) must not forget that
/// newer activation's live listing. The fake clock stands still between the release and the new activation's query,
/// which is what a release time from a silo whose clock runs ahead looks like to the partition.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ListingReleaseTests : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    // Only ends the wait for an effect the silo runs after a one-way call (an eventually-consistent effect).
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Window = new MatchingOptions().StaleNoticeWindow;
    private readonly MemoryClusterFixture fixture;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _released = new(StringComparer.Ordinal);
    // Per partition, each ForgetListings call's forgotten seekers, in order.
    private readonly ConcurrentDictionary<string, BlockingCollection<string[]>> _forgotten = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BlockingCollection<PostListRefreshed>> _refreshed = new(StringComparer.Ordinal);

    /// <summary>Starts recording the post lists' release, forget and refresh events.</summary>
    public ListingReleaseTests(MemoryClusterFixture fixture)
    {
        this.fixture = fixture;
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    [Fact]
    public async Task DeactivatedSeekerReleased_NewActivationListedAtTheSameInstant_KeepsItsListingAndIsStillTold()
    {
        const double lat = 61.25;
        const double lon = 131.75;
        var scenario = new MatchingScenario(fixture, lat, lon, seed: 83);
        await scenario.InitializeAsync();
        var posts = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            posts.Add(await scenario.OpenPostAsync(scenario.PerfectPost(lat + (i * 0.003), lon + (i * 0.002))));
        }
        var seeker = await scenario.RegisterSeekerAsync(MatchingScenario.Seeker(lat + 0.001, lon + 0.001));
        var partition = MatchPartitions.KeyOf(lat + 0.001, lon + 0.001, new MatchingOptions().CellDegrees);
        Assert.Equal(6, (await NextRefreshAsync(seeker)).PostIds.Length);
        var notices = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<StaleListNotices>();
        var released = _released.GetOrAdd(seeker, static _ => new SemaphoreSlim(0));
        var forgotten = _forgotten.GetOrAdd(partition, static _ => []);
        // Sends whatever earlier tests left in an open window.
        fixture.Time.Advance(Window);

        // The first activation is collected with its list: its release is queued, stamped with this instant.
        var grain = fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker);
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.True(await released.WaitAsync(Deadline), "the deactivated seeker released no listing");

        // A read activates the seeker again and lists it in the partition at the same instant, before the release goes out.
        var read = await grain.GetPostListAsync(20);
        Assert.NotNull(read);
        Assert.Equal(6, read.Items.Length);
        fixture.Time.Advance(Window);

        // The release names the collected activation: the partition keeps the new one's listing.
        Assert.True(forgotten.TryTake(out var ids, Deadline), "the partition got no release");
        Assert.DoesNotContain(seeker, ids);

        // So a listed post's close still tells the live activation, whose refresh drops it.
        var queued = notices.Queued;
        Assert.True((await fixture.Client.GetGrain<IPostGrain>(posts[1]).CloseAsync()).Succeeded);
        Assert.Equal(queued + 1, notices.Queued);
        fixture.Time.Advance(Window);
        var refreshed = await NextRefreshAsync(seeker);
        Assert.Equal(5, refreshed.PostIds.Length);
        Assert.DoesNotContain(posts[1], refreshed.PostIds);

        // Its own release (collected again) forgets it.
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.True(await released.WaitAsync(Deadline), "the deactivated seeker released no listing");
        fixture.Time.Advance(Window);
        Assert.True(forgotten.TryTake(out ids, Deadline), "the partition got no release");
        Assert.Contains(seeker, ids);
    }

    [Fact]
    public async Task ForgetActivationListingsAsync_ForgetsOnlyTheNamedActivationsOrOnlyOthers()
    {
        const double lat = 63.25;
        const double lon = 133.25;
        var scenario = new MatchingScenario(fixture, lat, lon, seed: 89);
        await scenario.InitializeAsync();
        await scenario.OpenPostAsync(scenario.PerfectPost(lat, lon));
        var partitionKey = MatchPartitions.KeyOf(lat, lon, new MatchingOptions().CellDegrees);
        var partition = fixture.Client.GetGrain<IMatchPartitionGrain>(partitionKey);
        var forgotten = _forgotten.GetOrAdd(partitionKey, static _ => []);
        var seeker = new SeekerMatchRecord("listing-release-seeker", new DateOnly(1990, 4, 2), JobHome.Domain.People.Gender.Male,
            JobHome.Domain.People.EducationLevel.Senior, ["6-25-04-01"], ["焊接"], 4000m, lat, lon, true,
            JobHome.Domain.Work.WorkKind.FullTime, JobHome.Domain.People.KeyGroups.None);
        Guid first = Guid.NewGuid(), second = Guid.NewGuid();

        async Task<string[]> ForgetAsync(Guid activation, bool keep)
        {
            await partition.ForgetActivationListingsAsync([seeker.Id], [activation], [keep]);
            Assert.True(forgotten.TryTake(out var ids, Deadline), "the partition did not answer the release");
            return ids;
        }

        // Listed by the second activation: the first's release keeps it, the second's forgets it.
        Assert.Single((await partition.ListPostsAsync(seeker, 20, fixture.Today, 0, first)).Items!);
        Assert.Single((await partition.ListPostsAsync(seeker, 20, fixture.Today, 0, second)).Items!);
        Assert.Empty(await ForgetAsync(first, keep: false));
        Assert.Equal([seeker.Id], await ForgetAsync(second, keep: false));
        Assert.Empty(await ForgetAsync(second, keep: false));

        // A live activation without a list keeps its own listing and forgets another's.
        Assert.Single((await partition.ListPostsAsync(seeker, 20, fixture.Today, 0, second)).Items!);
        Assert.Empty(await ForgetAsync(second, keep: true));
        Assert.Equal([seeker.Id], await ForgetAsync(first, keep: true));

        // The earlier time rule (callers of the earlier version) never forgets a listing made with a token, and still
        // forgets one made without a token before the release's time.
        async Task<string[]> ForgetByTimeAsync()
        {
            await partition.ForgetListingsAsync([seeker.Id], [DateTimeOffset.MaxValue]);
            Assert.True(forgotten.TryTake(out var ids, Deadline), "the partition did not answer the release");
            return ids;
        }

        Assert.Single((await partition.ListPostsAsync(seeker, 20, fixture.Today, 0, second)).Items!);
        Assert.Empty(await ForgetByTimeAsync());
        Assert.Equal([seeker.Id], await ForgetAsync(second, keep: false));
        Assert.Single((await partition.ListPostsAsync(seeker, 20, fixture.Today, 0, Guid.Empty)).Items!);
        Assert.Equal([seeker.Id], await ForgetByTimeAsync());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_subscriptions)
        {
            _subscriptions.ForEach(static s => s.Dispose());
        }
        foreach (var released in _released.Values)
        {
            released.Dispose();
        }
    }

    /// <inheritdoc />
    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == PostListMetrics.MeterName)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    /// <inheritdoc />
    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == PostListMetrics.ReleasedEvent && value.Value is string releasedSeeker)
        {
            _released.GetOrAdd(releasedSeeker, static _ => new SemaphoreSlim(0)).Release();
        }
        if (value.Key == PostListMetrics.ForgottenEvent && value.Value is ListingsForgotten forgotten)
        {
            _forgotten.GetOrAdd(forgotten.Partition, static _ => []).Add(forgotten.SeekerIds);
        }
        if (value.Key == PostListMetrics.RefreshedEvent && value.Value is PostListRefreshed refreshed)
        {
            _refreshed.GetOrAdd(refreshed.SeekerId, static _ => []).Add(refreshed);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    // The seeker's next refresh (after a one-way call); the deadline only ends the wait.
    private async Task<PostListRefreshed> NextRefreshAsync(string seeker)
    {
        var events = _refreshed.GetOrAdd(seeker, static _ => []);
        var next = await Task.Run(() => events.TryTake(out var e, Deadline) ? e : null);
        Assert.NotNull(next);
        return next;
    }
}
