using JobHome.Grains.Matching;
using JobHome.Grains.Posts;
using JobHome.Grains.Tests.Fixtures;
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
public sealed class ListingReleaseTests(MemoryClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Window = new MatchingOptions().StaleNoticeWindow;
    private readonly PostListEvents _events = new();

    [Fact]
    public async Task DeactivatedSeekerReleased_NewActivationListedAtTheSameInstant_KeepsItsListingAndIsStillTold()
    {
        var listed = await ListedSeeker.StartAsync(fixture, _events, 61.25, 131.75, seed: 83);
        var (posts, seeker, partition) = (listed.Posts, listed.Seeker, listed.Partition);
        var forgets = _events.Forgotten().Count(f => f.Partition == partition);
        // Ends whatever window earlier changes left open.
        fixture.Time.Advance(Window);

        // The first activation is collected with its list: its release is queued, stamped with this instant.
        var grain = fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker);
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await _events.ReleasedAsync(seeker, 1);

        // A read activates the seeker again and lists it in the partition at the same instant, before the release goes out.
        var read = await grain.GetPostListAsync(20);
        Assert.NotNull(read);
        Assert.Equal(6, read.Items.Length);
        fixture.Time.Advance(Window);

        // The release names the collected activation: the partition keeps the new one's listing.
        Assert.DoesNotContain(seeker, (await _events.ForgottenAsync(partition, forgets + 1))[^1].SeekerIds);

        // So a listed post's close still marks the live activation, and its pushed part drops the post.
        var refreshed = await listed.CloseAndAwaitPushAsync(posts[1], after: 1);
        Assert.Equal(5, refreshed.PostIds.Length);
        Assert.DoesNotContain(posts[1], refreshed.PostIds);

        // Its own release (collected again) forgets it.
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await _events.ReleasedAsync(seeker, 2);
        fixture.Time.Advance(Window);
        Assert.Contains(seeker, (await _events.ForgottenAsync(partition, forgets + 2))[^1].SeekerIds);
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
        var seeker = new SeekerMatchRecord("listing-release-seeker", new DateOnly(1990, 4, 2), JobHome.Domain.People.Gender.Male,
            JobHome.Domain.People.EducationLevel.Senior, ["6-25-04-01"], ["焊接"], 4000m, lat, lon, true,
            JobHome.Domain.Work.WorkKind.FullTime, JobHome.Domain.People.KeyGroups.None);
        Guid first = Guid.NewGuid(), second = Guid.NewGuid();

        async Task<string[]> ForgetAsync(Guid activation, bool keep)
        {
            var calls = _events.Forgotten().Count(f => f.Partition == partitionKey);
            await partition.ForgetActivationListingsAsync([seeker.Id], [activation], [keep]);
            return (await _events.ForgottenAsync(partitionKey, calls + 1))[^1].SeekerIds;
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
            var calls = _events.Forgotten().Count(f => f.Partition == partitionKey);
            await partition.ForgetListingsAsync([seeker.Id], [DateTimeOffset.MaxValue]);
            return (await _events.ForgottenAsync(partitionKey, calls + 1))[^1].SeekerIds;
        }

        Assert.Single((await partition.ListPostsAsync(seeker, 20, fixture.Today, 0, second)).Items!);
        Assert.Empty(await ForgetByTimeAsync());
        Assert.Equal([seeker.Id], await ForgetAsync(second, keep: false));
        Assert.Single((await partition.ListPostsAsync(seeker, 20, fixture.Today, 0, Guid.Empty)).Items!);
        Assert.Equal([seeker.Id], await ForgetByTimeAsync());
    }

    /// <inheritdoc />
    public void Dispose() => _events.Dispose();
}
