using System.Collections.Concurrent;
using JobHome.Domain.People;
using JobHome.Grains;
using JobHome.Grains.Hosting;
using JobHome.Grains.People;
using JobHome.Grains.SiteRecords;
using JobHome.Silo.Security.Access;
using JobHome.Silo.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Silo.Tests.Security;

/// <summary>
/// The grains' own entry-point check without the HTTP layer: an in-process cluster with the silo's
/// <see cref="ScopeGrainCallFilter"/> registered, called with the caller's scope in the Orleans request context exactly as
/// the API's access middleware sets it. Outside the scope a seeker read answers null and a registration is refused as
/// not found (and stores nothing); inside both work; without a scope (admin, grain-to-grain) nothing is filtered.
/// </summary>
public sealed class ScopeGrainCallFilterTests : IAsyncLifetime
{
    private readonly ContextRecorder _recorder = new();
    private InMemorySilo _silo = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() =>
        _silo = await InMemorySilo.StartAsync(services =>
        {
            services.AddJobHomeGrains();
            // As the silo registers it (SecurityServices.AddJobHomeSecurity).
            services.AddSingleton<SiteScope>();
            services.AddSingleton<IIncomingGrainCallFilter, ScopeGrainCallFilter>();
            // After the scope filter: what the grain method, and every call it makes, runs with.
            services.AddSingleton<IIncomingGrainCallFilter>(_recorder);
        });

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        RequestContext.Clear();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task SeekerCalls_OutsideTheCallersSubtree_AreRefused_InsideAllowed()
    {
        var grains = _silo.Client;
        await TestSiteTree.RegisterAsync(grains, "A");
        await TestSiteTree.RegisterAsync(grains, "B");
        await RegisterSeekerAsync(grains, "seeker-in", "VA", 1);
        await RegisterSeekerAsync(grains, "seeker-out", "VB", 2);

        // A county operator of tree A.
        var insideRead = await AsCallerAsync("XA", () => grains.GetGrain<ISeekerGrain>("seeker-in").GetAsync());
        Assert.NotNull(insideRead);
        Assert.Equal("VA", insideRead.SiteCode);
        var outsideRead = await AsCallerAsync("XA", () => grains.GetGrain<ISeekerGrain>("seeker-out").GetAsync());
        Assert.Null(outsideRead);
        Assert.Null(await AsCallerAsync("XA", () => grains.GetGrain<ISeekerPersonalDataGrain>("seeker-out").RevealAsync()));
        Assert.NotNull(await AsCallerAsync("XA", () => grains.GetGrain<ISeekerPersonalDataGrain>("seeker-in").RevealAsync()));

        var refused = await AsCallerAsync("XA",
            () => grains.GetGrain<ISeekerGrain>("seeker-new-out").RegisterAsync(Registration("VB", 3)));
        Assert.Equal(CommandOutcome.NotFound, refused.Outcome);
        Assert.Contains(refused.Errors, e => e.Field == "site_code");
        Assert.Null(await grains.GetGrain<ISeekerGrain>("seeker-new-out").GetAsync());
        var allowed = await AsCallerAsync("XA",
            () => grains.GetGrain<ISeekerGrain>("seeker-new-in").RegisterAsync(Registration("VA", 4)));
        Assert.True(allowed.Succeeded, string.Join("; ", allowed.Errors));

        // The operator of tree B's village sees the other side only.
        Assert.NotNull(await AsCallerAsync("VB", () => grains.GetGrain<ISeekerGrain>("seeker-out").GetAsync()));
        Assert.Null(await AsCallerAsync("VB", () => grains.GetGrain<ISeekerGrain>("seeker-in").GetAsync()));

        // Without a scope in the request context (admin; grains calling grains) nothing is filtered.
        Assert.NotNull(await grains.GetGrain<ISeekerGrain>("seeker-out").GetAsync());
        Assert.NotNull(await grains.GetGrain<ISeekerGrain>("seeker-in").GetAsync());
    }

    [Fact]
    public async Task CallerKeys_NeverReachTheGrainNorTheCallsItMakes_ScopedOrNot()
    {
        var grains = _silo.Client;
        await TestSiteTree.RegisterAsync(grains, "C");

        // Scoped (an operator of tree C): the entry call is checked, then neither it nor its fan-out carries the keys.
        _recorder.Calls.Clear();
        var scoped = await AsCallerAsync("XC", () => grains.GetGrain<ISeekerGrain>("seeker-scoped").RegisterAsync(Registration("VC", 5)));
        Assert.True(scoped.Succeeded, string.Join("; ", scoped.Errors));
        AssertNoCallerKeys();

        // Unscoped but with an account and role (what the API set for network-wide callers before): taken out too, so the
        // registration's calls to the site directory and the partition carry no request context.
        _recorder.Calls.Clear();
        RequestContext.Set(ScopeGrainCallFilter.UserKey, "admin");
        RequestContext.Set(ScopeGrainCallFilter.RoleKey, "admin");
        CommandResult unscoped;
        try
        {
            unscoped = await grains.GetGrain<ISeekerGrain>("seeker-unscoped").RegisterAsync(Registration("VC", 6));
        }
        finally
        {
            RequestContext.Clear();
        }
        Assert.True(unscoped.Succeeded, string.Join("; ", unscoped.Errors));
        AssertNoCallerKeys();
    }

    private void AssertNoCallerKeys()
    {
        var calls = _recorder.Calls.ToArray();
        Assert.Contains(calls, c => c.Method == nameof(ISeekerGrain.RegisterAsync));
        // The registration's own calls ran (its ID-number claim goes straight to storage: no grain call to carry keys).
        Assert.Contains(calls, c => c.Method == nameof(ISiteDirectoryGrain.ListSeekerAsync));
        Assert.All(calls, c => Assert.True(c.Keys.Length == 0, $"{c.Method} ran with request context keys {string.Join(", ", c.Keys)}"));
    }

    /// <summary>Records, per incoming call, the request-context keys it runs with.</summary>
    private sealed class ContextRecorder : IIncomingGrainCallFilter
    {
        public ConcurrentQueue<(string Method, string[] Keys)> Calls { get; } = new();

        public Task Invoke(IIncomingGrainCallContext context)
        {
            Calls.Enqueue((context.MethodName, [.. RequestContext.Keys]));
            return context.Invoke();
        }
    }

    /// <summary>Makes one call with the scope, account and role in the request context as the API sets them, then clears it.</summary>
    private static async Task<T> AsCallerAsync<T>(string scopeRoot, Func<Task<T>> call)
    {
        RequestContext.Set(ScopeGrainCallFilter.ScopeKey, scopeRoot);
        RequestContext.Set(ScopeGrainCallFilter.UserKey, "operator-" + scopeRoot.ToLowerInvariant());
        RequestContext.Set(ScopeGrainCallFilter.RoleKey, "county");
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    private static async Task RegisterSeekerAsync(IGrainFactory grains, string id, string village, int sequence)
    {
        var result = await grains.GetGrain<ISeekerGrain>(id).RegisterAsync(Registration(village, sequence));
        Assert.True(result.Succeeded, $"{id}: {string.Join("; ", result.Errors)}");
    }

    private static SeekerRegistration Registration(string village, int sequence)
    {
        var birth = new DateOnly(1990, 4, 2);
        var idCard = IdCardNumber.Create("360722", birth, sequence);
        return new SeekerRegistration(village, "李明", idCard.RevealFullNumber(), birth, idCard.Gender, EducationLevel.Senior,
            LabourStatus.Unemployed, new DateOnly(2026, 1, 5));
    }
}
