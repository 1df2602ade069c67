using JobHome.Silo.Security;
using JobHome.Silo.Security.Accounts;
using JobHome.Silo.Security.Tokens;
using JobHome.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace JobHome.Silo.Tests.Security;

/// <summary>
/// The per-silo token check on real account grains (an in-process cluster) with a fake clock: two caches stand for two
/// silos' caches. A change made through a cache is refused by it at once; a change made through the other is seen after
/// the cache duration and not before; the grain is asked once per token and duration, counted by a grain call filter.
/// </summary>
public sealed class TokenAcceptanceCacheTests : IAsyncLifetime
{
    private const string Password = "cache-password-1";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    private readonly AcceptsCounter _counter = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private InProcessTestCluster _cluster = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        var counter = _counter;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Default);
            // As the silo registers them (SecurityServices.AddJobHomeSecurity).
            silo.Services.Configure<SecurityOptions>(_ => { });
            silo.Services.AddSingleton<IPasswordHasher<UserAccountState>, PasswordHasher<UserAccountState>>();
            silo.Services.AddSingleton<IIncomingGrainCallFilter>(counter);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AcceptsAsync_WithinTheDuration_AsksTheGrainOncePerToken()
    {
        var (name, stamp) = await CreateAccountAsync("once");
        var cache = Cache(Duration);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await cache.AcceptsAsync(name, stamp, "token-1"));
        }
        Assert.Equal(1, _counter.Calls);
        Assert.True(await cache.AcceptsAsync(name, stamp, "token-2"));
        Assert.Equal(2, _counter.Calls);
        _time.Advance(Duration);
        Assert.True(await cache.AcceptsAsync(name, stamp, "token-1"));
        Assert.Equal(3, _counter.Calls);
        // Expired answers are swept when a new one is remembered: token-2's is gone, token-1's is fresh.
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task SignOutThroughThisSilo_IsRefusedAtOnce()
    {
        var (name, stamp) = await CreateAccountAsync("here");
        var cache = Cache(Duration);
        Assert.True(await cache.AcceptsAsync(name, stamp, "token-1"));
        Assert.True(await cache.AcceptsAsync(name, stamp, "token-2"));
        var grain = _cluster.Client.GetGrain<IUserAccountGrain>(name);
        Assert.True(await cache.ChangingAsync(name, () => grain.RevokeTokenAsync("token-1", SiloNow().AddHours(1))));
        Assert.False(await cache.AcceptsAsync(name, stamp, "token-1"));
        // The account's other token still counts (asked again, since the account's answers were forgotten).
        var calls = _counter.Calls;
        Assert.True(await cache.AcceptsAsync(name, stamp, "token-2"));
        Assert.Equal(calls + 1, _counter.Calls);
    }

    [Fact]
    public async Task DisableOrPasswordChangeThroughThisSilo_IsRefusedAtOnce()
    {
        var (name, stamp) = await CreateAccountAsync("stamp");
        var cache = Cache(Duration);
        var grain = _cluster.Client.GetGrain<IUserAccountGrain>(name);
        Assert.True(await cache.AcceptsAsync(name, stamp, "token-1"));
        Assert.True(await cache.ChangingAsync(name, () => grain.ChangePasswordAsync(Password, Password + "x")));
        Assert.False(await cache.AcceptsAsync(name, stamp, "token-1"));

        var newStamp = (await grain.GetAsync())!.Stamp;
        Assert.True(await cache.AcceptsAsync(name, newStamp, "token-2"));
        Assert.True(await cache.ChangingAsync(name, grain.DisableAsync));
        Assert.False(await cache.AcceptsAsync(name, newStamp, "token-2"));
    }

    [Fact]
    public async Task SignOutOnAnotherSilo_IsSeenAfterTheDurationNotBefore()
    {
        var (name, stamp) = await CreateAccountAsync("there");
        var siloA = Cache(Duration);
        var siloB = Cache(Duration);
        Assert.True(await siloA.AcceptsAsync(name, stamp, "token-1"));
        Assert.True(await siloB.AcceptsAsync(name, stamp, "token-1"));
        var grain = _cluster.Client.GetGrain<IUserAccountGrain>(name);
        Assert.True(await siloB.ChangingAsync(name, () => grain.RevokeTokenAsync("token-1", SiloNow().AddHours(1))));

        Assert.False(await siloB.AcceptsAsync(name, stamp, "token-1"));
        // Silo A still has the answer it fetched before the sign-out: allowed until its duration ends.
        _time.Advance(Duration - TimeSpan.FromMilliseconds(1));
        Assert.True(await siloA.AcceptsAsync(name, stamp, "token-1"));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(await siloA.AcceptsAsync(name, stamp, "token-1"));
    }

    [Fact]
    public async Task ZeroDuration_AsksTheGrainEveryTime_AndSeesOtherSilosAtOnce()
    {
        var (name, stamp) = await CreateAccountAsync("zero");
        var siloA = Cache(TimeSpan.Zero);
        var siloB = Cache(TimeSpan.Zero);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await siloA.AcceptsAsync(name, stamp, "token-1"));
        }
        Assert.Equal(3, _counter.Calls);
        var grain = _cluster.Client.GetGrain<IUserAccountGrain>(name);
        Assert.True(await siloB.ChangingAsync(name, grain.DisableAsync));
        Assert.False(await siloA.AcceptsAsync(name, stamp, "token-1"));
        Assert.Equal(0, siloA.Count);
    }

    [Fact]
    public async Task AnswerFetchedWhileAChangeRan_IsNotRemembered()
    {
        var (name, stamp) = await CreateAccountAsync("race");
        var cache = Cache(Duration);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answered = _counter.HoldNextAnswer(release.Task);
        var check = cache.AcceptsAsync(name, stamp, "token-1").AsTask();
        await answered; // the grain said yes; the answer has not reached the cache yet
        cache.Forget(name); // as a change through this silo does when it completes
        release.SetResult();
        Assert.True(await check);
        Assert.Equal(0, cache.Count);
        Assert.True(await cache.AcceptsAsync(name, stamp, "token-1"));
        Assert.Equal(2, _counter.Calls);
        Assert.Equal(1, cache.Count);
    }

    // The account grain keeps a signed-out token until its expiry by the silo's clock, which is the system's.
    private static DateTimeOffset SiloNow() => TimeProvider.System.GetUtcNow();

    private TokenAcceptanceCache Cache(TimeSpan duration) => new(_cluster.Client,
        Options.Create(new SecurityOptions { TokenCheckCacheDuration = duration }), _time);

    private async Task<(string Name, string Stamp)> CreateAccountAsync(string prefix)
    {
        var name = prefix + "-user";
        var grain = _cluster.Client.GetGrain<IUserAccountGrain>(name);
        Assert.True(await grain.CreateAsync(new NewAccount(name, Password, Roles.Admin, null)));
        var stamp = (await grain.GetAsync())!.Stamp;
        _counter.Reset();
        return (name, stamp);
    }

    /// <summary>Counts <c>AcceptsAsync</c> calls reaching account grains; can hold one answer until released.</summary>
    private sealed class AcceptsCounter : IIncomingGrainCallFilter
    {
        private int _calls;
        private Hold? _hold;

        public int Calls => Volatile.Read(ref _calls);

        public void Reset() => Interlocked.Exchange(ref _calls, 0);

        public Task HoldNextAnswer(Task release)
        {
            var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _hold, new Hold(answered, release));
            return answered.Task;
        }

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            await context.Invoke();
            if (context.InterfaceMethod?.Name != nameof(IUserAccountGrain.AcceptsAsync))
            {
                return;
            }
            Interlocked.Increment(ref _calls);
            if (Interlocked.Exchange(ref _hold, null) is { } hold)
            {
                hold.Answered.SetResult();
                await hold.Release;
            }
        }

        private sealed record Hold(TaskCompletionSource Answered, Task Release);
    }
}
