using System.Collections.Concurrent;
using System.Reflection;
using JobHome.Grains.Bulk;
using JobHome.Silo.Api.Households;
using JobHome.Silo.Api.Import;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace JobHome.Silo.Tests.Import;

/// <summary>
/// <see cref="BulkImportService"/> against site grains of its own: a site's share goes in calls sized by work (never one
/// call per batch that could outlast Orleans' response timeout), sites in parallel, and a call that fails or times out
/// makes each of its records a reject saying so, while the other sites' records are stored.
/// </summary>
public sealed class BulkImportServiceTests
{
    [Fact]
    public async Task Households_LargeShare_GoInCallsOfAtMostTheWorkLimit()
    {
        // 250 households of three members: four units of work each, so 125 per call.
        var sites = new FakeSites();
        var items = Enumerable.Range(0, 250).Select(i => Household($"H{i:D4}", "A", 3)).ToArray();

        var answer = await new BulkImportService(sites.Factory, NullLogger<BulkImportService>.Instance)
            .HouseholdsAsync(items, CancellationToken.None);

        Assert.Equal(250, answer.Created);
        Assert.Equal([125, 125], sites.CallSizes("A"));
        Assert.Equal(items.Select(i => i!.Id), sites.Received("A"));
        Assert.All(sites.CallSizes("A"), size => Assert.True(size * 4 <= BulkImportService.MaxWorkPerCall));
    }

    [Fact]
    public async Task Households_OneSiteTimesOut_ItsRecordsAreRejectsNamingTheFailureAndTheOthersStored()
    {
        var sites = new FakeSites { Failing = { ["B"] = new TimeoutException("Response did not arrive on time in 00:00:30") } };
        var items = new[] { Household("H1", "A", 2), Household("H2", "B", 2), Household("H3", "A", 1), Household("H4", "B", 1) };

        var answer = await new BulkImportService(sites.Factory, NullLogger<BulkImportService>.Instance)
            .HouseholdsAsync(items, CancellationToken.None);

        Assert.Equal(["created", "rejected", "created", "rejected"], answer.Items.Select(i => i.Outcome));
        foreach (var rejected in answer.Items.Where(i => i.Outcome == "rejected"))
        {
            var error = Assert.Single(rejected.Errors);
            Assert.Equal("(record)", error.Field);
            Assert.Contains("TimeoutException", error.Problem, StringComparison.Ordinal);
            Assert.Contains("run the import again", error.Problem, StringComparison.Ordinal);
        }
        Assert.Equal(["H2", "H4"], answer.Items.Where(i => i.Outcome == "rejected").Select(i => i.Id));
    }

    [Fact]
    public async Task Households_SitesInFlightTwo_NeverMoreThanTwoSiteCallsAtOnce()
    {
        var sites = new FakeSites { Gated = true };
        var items = Enumerable.Range(0, 6).Select(i => Household($"H{i}", $"S{i}", 1)).ToArray();
        var service = new BulkImportService(sites.Factory, NullLogger<BulkImportService>.Instance,
            Options.Create(new BulkImportOptions { SitesInFlight = 2 }));

        var run = service.HouseholdsAsync(items, CancellationToken.None);
        // Each site's call waits until let go. Two calls arrive before any is let go (the limit is used); after that one is
        // let go per call that arrives, so two are held at every arrival and a third could only be in flight if the limit
        // let it in.
        for (var i = 0; i < items.Length; i++)
        {
            Assert.True(await sites.Entered.WaitAsync(TimeSpan.FromSeconds(30)), $"call {i + 1} never arrived");
            if (i >= 1)
            {
                sites.ReleaseOne();
            }
        }
        sites.ReleaseOne();
        var answer = await run;

        Assert.Equal(6, answer.Created);
        Assert.Equal(2, sites.MaxInFlight);
    }

    private static ImportItem<HouseholdRequest>? Household(string id, string site, int members) =>
        new(id, new HouseholdRequest(site, [.. Enumerable.Range(0, members).Select(m => $"{id}-S{m}")]));

    /// <summary>Site import grains that record what they get; a site in <see cref="Failing"/> throws instead.</summary>
    internal sealed class FakeSites
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string[]>> _calls = new(StringComparer.Ordinal);

        public FakeSites()
        {
            Factory = DispatchProxy.Create<IGrainFactory, FactoryProxy>();
            ((FactoryProxy)(object)Factory).Sites = this;
        }

        private readonly ConcurrentQueue<TaskCompletionSource> _gates = new();
        private int _inFlight;
        private int _maxInFlight;

        public Dictionary<string, Exception> Failing { get; } = new(StringComparer.Ordinal);

        /// <summary>When set, every call waits for <see cref="ReleaseOne"/> (calls let go in arrival order).</summary>
        public bool Gated { get; init; }

        /// <summary>Signalled once per call that arrived (gated mode).</summary>
        public SemaphoreSlim Entered { get; } = new(0);

        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        public void ReleaseOne()
        {
            Assert.True(_gates.TryDequeue(out var gate));
            gate.SetResult();
        }

        public IGrainFactory Factory { get; }

        public int[] CallSizes(string site) => [.. _calls[site].Select(c => c.Length)];

        public string[] Received(string site) => [.. _calls[site].SelectMany(c => c)];

        public async Task<BulkResult[]> ImportAsync(string site, string[] ids)
        {
            if (Failing.TryGetValue(site, out var failure))
            {
                throw failure;
            }
            _calls.GetOrAdd(site, _ => new ConcurrentQueue<string[]>()).Enqueue(ids);
            if (Gated)
            {
                var now = Interlocked.Increment(ref _inFlight);
                InterlockedMax(ref _maxInFlight, now);
                var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _gates.Enqueue(gate);
                Entered.Release();
                await gate.Task;
                Interlocked.Decrement(ref _inFlight);
            }
            return [.. ids.Select(_ => BulkResult.Created)];
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }

    /// <summary>Answers <c>GetGrain&lt;IBulkSiteImportGrain&gt;(site)</c>; anything else is not expected here.</summary>
    public class FactoryProxy : DispatchProxy
    {
        internal FakeSites? Sites { get; set; }

        /// <inheritdoc />
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod is { Name: "GetGrain", IsGenericMethod: true }
                && targetMethod.GetGenericArguments()[0] == typeof(IBulkSiteImportGrain) && args is [string site, ..])
            {
                return new SiteGrain(Sites!, site);
            }
            throw new NotSupportedException($"{targetMethod?.Name} is not used by the bulk import service");
        }
    }

    private sealed class SiteGrain(FakeSites sites, string site) : IBulkSiteImportGrain
    {
        public Task<BulkResult[]> ImportSeekersAsync(BulkSeeker[] seekers) => sites.ImportAsync(site, [.. seekers.Select(s => s.Id)]);

        public Task<BulkResult[]> ImportHouseholdsAsync(BulkHousehold[] households) =>
            sites.ImportAsync(site, [.. households.Select(h => h.Id)]);

        public Task<BulkResult[]> ImportPostsAsync(BulkPost[] posts) => sites.ImportAsync(site, [.. posts.Select(p => p.Id)]);
    }
}
