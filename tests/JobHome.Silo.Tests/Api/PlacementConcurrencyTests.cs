using System.Net;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Api;

/// <summary>Concurrent placements through the HTTP API never overfill a post.</summary>
[Collection(ApiCollection.Name)]
public sealed class PlacementConcurrencyTests(RunningSiloFixture fixture)
{
    private readonly ApiDriver _api = new(fixture.Silo.Http);

    [Fact]
    public async Task PostPlacements_50ConcurrentFor10Openings_Exactly10Created40Conflict()
    {
        var tree = await _api.CreateTreeAsync();
        var employer = await _api.RegisterEmployerAsync(tree.County);
        var post = await _api.OpenPostAsync(tree.Village, employer, 10);
        var seekers = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            seekers.Add(await _api.RegisterSeekerAsync(tree.Village, "unemployed", ApiDriver.Today.AddDays(-20)));
        }
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var requests = seekers.Select(async seeker =>
        {
            await gate.Task;
            var (status, _, _) = await _api.PostAsync("/api/placements", new { seekerId = seeker, postId = post, date = ApiDriver.Today });
            return status;
        }).ToArray();
        gate.SetResult();
        var statuses = await Task.WhenAll(requests);
        var (_, fetched, _) = await _api.GetAsync($"/api/posts/{post}");

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(40, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(10, fetched!["taken"]!.GetValue<int>());
        Assert.True(fetched["full"]!.GetValue<bool>());
    }
}
