using JobHome.Domain.People;
using JobHome.Grains.People;
using JobHome.Grains.Placements;
using JobHome.Grains.Posts;
using JobHome.Grains.SiteRecords;
using JobHome.Grains.Tests.Fixtures;
using Orleans.Storage;

namespace JobHome.Grains.Tests.Overlap;

/// <summary>
/// Independent waits of the change path are in flight together: each test holds one call until the other has arrived,
/// which can only happen when the caller sent both before awaiting either.
/// </summary>
[Collection(GatedCollection.Name)]
public sealed class ChangePathOverlapTests(GatedClusterFixture fixture) : IDisposable
{
    private static readonly IdCardKeys Keys = new(new IdCardKeyOptions());
    private readonly TestNetwork _network = new(fixture);

    [Fact]
    public async Task RegisterAsync_NewSeeker_ClaimAndDirectoryEntryInFlightTogether()
    {
        await _network.EnsureSitesAsync();
        var id = TestNetwork.NewId("sk");
        var registration = TestNetwork.Registration(new DateOnly(1991, 4, 5), LabourStatus.Unemployed, fixture.Today);
        // The claim is the registry's row inserted straight in storage (IdCardClaims): in this silo's memory storage, a
        // write to a storage grain naming the row's key. It waits for the directory entry.
        var registry = fixture.Client.GetGrain<IIdCardRegistryGrain>(Keys.KeyOf(IdCardNumber.Parse(registration.IdNumber))).GetGrainId();
        fixture.Gate.Hold(typeof(IMemoryStorageGrain), nameof(IMemoryStorageGrain.WriteStateAsync), $"idcard/{registry}",
            typeof(ISiteDirectoryGrain), nameof(ISiteDirectoryGrain.ListSeekerAsync), id);

        var result = await fixture.Client.GetGrain<ISeekerGrain>(id).RegisterAsync(registration);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.True(fixture.Gate.Arrived);
        Assert.False(fixture.Gate.TimedOut, "the claim waited for a directory entry that was only sent after it");
        Assert.Contains(id, await fixture.Client.GetGrain<ISiteDirectoryGrain>(TestNetwork.Village).FindSeekersAsync(string.Empty));
        Assert.Equal(id, await fixture.Client.GetGrain<IIdCardRegistryGrain>(registry.Key.ToString()).GetOwnerAsync());
    }

    [Fact]
    public async Task PlaceAsync_ReadsOfPostAndSeekerInFlightTogether()
    {
        await _network.EnsureSitesAsync();
        var seeker = await _network.RegisterSeekerAsync(LabourStatus.Unemployed, fixture.Today.AddDays(-5));
        var post = await _network.OpenPostAsync(2);
        fixture.Gate.Hold(typeof(IPostGrain), nameof(IPostGrain.GetAsync), post,
            typeof(ISeekerRecordGrain), nameof(ISeekerRecordGrain.GetFactsAsync), seeker);

        var result = await fixture.Client.GetGrain<IPlacementGrain>(TestNetwork.NewId("pl"))
            .PlaceAsync(new PlacementRequest(seeker, post, fixture.Today));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.True(fixture.Gate.Arrived);
        Assert.False(fixture.Gate.TimedOut, "the post's read waited for a seeker read that was only sent after it");
    }

    /// <inheritdoc />
    public void Dispose() => fixture.Gate.Clear();
}
