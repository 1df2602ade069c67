using System.Diagnostics;
using JobHome.Grains.Matching;
using JobHome.Grains.Tests.Fixtures;
using JobHome.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// With <see cref="MatchingOptions.PostListRefreshDelay"/> = 0 a direct stale mark (<see cref="ISeekerMatchingGrain.PostListStaleAsync"/>)
/// refreshes in the next turn instead of on a timer, but it is still a background refresh: it asks a held part's partition
/// only while one of its permits is free (<see cref="PartitionRefreshPermits"/>), counts as the timer's refresh, and a
/// deferred part is retried on the seeker's timer. A registration's first list, queued the same way, is never deferred.
/// </summary>
public sealed class PostListZeroDelayTests(ZeroDelayClusterFixture fixture) : IClassFixture<ZeroDelayClusterFixture>, IDisposable,
    IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    // Only ends the wait for a refresh the silo runs after a one-way call or a timer (an eventually-consistent effect).
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private const double Lat = 29.25;
    private const double Lon = 109.25;
    private readonly List<IDisposable> _subscriptions = [];
    // Per seeker (other test classes' silos write to the same process-wide listener).
    private readonly Dictionary<string, List<PostListRefreshed>> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PostListPartitionAsked>> _asked = new(StringComparer.Ordinal);
    private readonly List<(string Seeker, int After, Func<PostListRefreshed, bool> Match, TaskCompletionSource<PostListRefreshed> Done)>
        _waiters = [];

    [Fact]
    public async Task PostListStaleAsync_ZeroDelayPermitsAllTaken_DeferredAsTheTimersRefreshThenRetried()
    {
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        var scenario = new MatchingScenario(fixture, Lat, Lon, seed: 79);
        await scenario.InitializeAsync();
        for (var i = 0; i < 5; i++)
        {
            await scenario.OpenPostAsync(scenario.PerfectPost(Lat + (i * 0.003), Lon + (i * 0.002)));
        }
        var registration = MatchingScenario.Seeker(Lat + 0.001, Lon + 0.001);
        var options = new MatchingOptions();
        var reach = MatchPartitions.Reach(registration.Lat, registration.Lon, options.MaxKm, options.CellDegrees);
        var permits = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<PartitionRefreshPermits>();
        Assert.Equal(TimeSpan.Zero, fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<MatchingOptions>().PostListRefreshDelay);

        // The registration's first list is queued for the next turn and asks every partition even with every permit taken.
        Hold(permits, reach);
        var seeker = await scenario.RegisterSeekerAsync(registration);
        var first = await NextAsync(seeker, 0, static _ => true);
        Assert.Equal(0, first.Deferred);
        Assert.Equal(reach.Length, first.Partitions);
        Assert.Equal(5, first.PostIds.Length);
        Assert.Equal(seeker, first.SeekerId);
        Assert.All(Asked(seeker), static a => Assert.Equal(PostListMetrics.CauseRegistration, a.Cause));

        // A direct mark with the permits still taken: the next turn's refresh asks nothing and defers every held part.
        var asked = Asked(seeker).Length;
        await fixture.Client.GetGrain<ISeekerMatchingGrain>(seeker).PostListStaleAsync();
        var deferred = await NextAsync(seeker, 1, static _ => true);
        Assert.Equal(0, deferred.Partitions);
        Assert.Equal(reach.Length, deferred.Deferred);
        Assert.Equal(asked, Asked(seeker).Length);

        // The permits free: the seeker's timer retries the deferred parts, as timer refreshes.
        Release(permits, reach);
        var retried = await NextAsync(seeker, 2, static e => e.Deferred == 0);
        Assert.Equal(reach.Length, retried.Partitions);
        Assert.Equal(first.PostIds, retried.PostIds);
        var retries = Asked(seeker).Skip(asked).ToArray();
        Assert.Equal(reach.Length, retries.Length);
        Assert.All(retries, static a => Assert.Equal(PostListMetrics.CauseTimer, a.Cause));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_subscriptions)
        {
            _subscriptions.ForEach(static s => s.Dispose());
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
        lock (_waiters)
        {
            if (value.Value is PostListPartitionAsked query && value.Key == PostListMetrics.AskedEvent)
            {
                Of(_asked, query.SeekerId).Add(query);
            }
            if (value.Value is not PostListRefreshed refreshed || value.Key != PostListMetrics.RefreshedEvent)
            {
                return;
            }
            var events = Of(_events, refreshed.SeekerId);
            events.Add(refreshed);
            foreach (var waiter in _waiters.Where(w => w.Seeker == refreshed.SeekerId && events.Count > w.After && w.Match(refreshed)))
            {
                waiter.Done.TrySetResult(refreshed);
            }
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

    private static void Hold(PartitionRefreshPermits permits, string[] partitions)
    {
        foreach (var partition in partitions)
        {
            for (var i = 0; i < permits.PerPartition; i++)
            {
                Assert.True(permits.TryEnter(partition), $"permit {i} of {partition} was taken");
            }
        }
    }

    private static void Release(PartitionRefreshPermits permits, string[] partitions)
    {
        foreach (var partition in partitions)
        {
            for (var i = 0; i < permits.PerPartition; i++)
            {
                permits.Release(partition);
            }
        }
    }

    private static List<T> Of<T>(Dictionary<string, List<T>> map, string seeker)
    {
        if (!map.TryGetValue(seeker, out var list))
        {
            map[seeker] = list = [];
        }
        return list;
    }

    private PostListPartitionAsked[] Asked(string seeker)
    {
        lock (_waiters)
        {
            return [.. Of(_asked, seeker)];
        }
    }

    // The first refresh event of the seeker after its first <after> events that matches; the deadline only ends the wait.
    private async Task<PostListRefreshed> NextAsync(string seeker, int after, Func<PostListRefreshed, bool> match)
    {
        var done = new TaskCompletionSource<PostListRefreshed>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (Of(_events, seeker).Skip(after).FirstOrDefault(match) is { } seen)
            {
                return seen;
            }
            _waiters.Add((seeker, after, match, done));
        }
        try
        {
            return await done.Task.WaitAsync(Deadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"seeker {seeker}: no matching refresh after {after} events");
            throw;
        }
    }
}

/// <summary>The in-memory cluster with <see cref="MatchingOptions.PostListRefreshDelay"/> = 0.</summary>
public sealed class ZeroDelayClusterFixture : ClusterFixture
{
    /// <inheritdoc />
    protected override void ConfigureStores(ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(StorageNames.Default);
        silo.AddMemoryGrainStorage(StorageNames.PubSub);
        silo.UseInMemoryReminderService();
        silo.AddMemoryStreams(StorageNames.Streams);
        // Registered before the grains' defaults (which only fill in what is missing).
        silo.Services.AddSingleton(new MatchingOptions { PostListRefreshDelay = TimeSpan.Zero });
    }

    /// <inheritdoc />
    protected override void ConfigureClient(IClientBuilder client) => client.AddMemoryStreams(StorageNames.Streams);
}
