using JobHome.Actors.AdoNet.Tests.Fixtures;
using JobHome.Actors.Storage;
using JobHome.Actors.Testing;
using JobHome.Actors.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Actors.AdoNet.Tests.Runtime;

/// <summary>Two silos on one database both activate the same grain: the state ETag lets exactly one writer win.</summary>
public abstract class TwoSiloTests<TFixture>(TFixture fixture)
    where TFixture : StorageFixture
{
    [Fact]
    public async Task WriteStateAsync_TwoSilosOwningOneGrain_SecondWriterGetsInconsistentState()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        await using var siloA = await StartAsync(connectionString);
        await using var siloB = await StartAsync(connectionString);
        var onA = siloA.GrainFactory.GetGrain<IProfileGrain>("seeker-42");
        var onB = siloB.GrainFactory.GetGrain<IProfileGrain>("seeker-42");

        await onA.SetNameAsync("张伟");
        var seenByB = await onB.GetAsync(); // B activates and reads A's write
        await onA.SetNameAsync("张伟 (updated on A)");

        await Assert.ThrowsAsync<InconsistentStateException>(() => onB.SetNameAsync("written on B with a stale ETag"));
        Assert.Equal("张伟", seenByB.Name);
        var stored = await siloA.Services.GetRequiredService<IGrainStorage>()
            .ReadAsync(new GrainStateKey(typeof(IProfileGrain).FullName!, "seeker-42", "profile"), CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal((await onA.GetAsync()).Etag, stored.Etag);
    }

    [Fact]
    public async Task WriteStateAsync_TwoSilosRacingFirstWrite_ExactlyOneWins()
    {
        var connectionString = await fixture.CreateDatabaseAsync();
        await using var siloA = await StartAsync(connectionString);
        await using var siloB = await StartAsync(connectionString);
        var wins = 0;
        var conflicts = 0;

        for (var round = 0; round < 10; round++)
        {
            var key = $"household-{round}";
            var a = siloA.GrainFactory.GetGrain<IProfileGrain>(key);
            var b = siloB.GrainFactory.GetGrain<IProfileGrain>(key);
            await Task.WhenAll(a.GetAsync(), b.GetAsync()); // both activate and see "no state yet"
            var results = await Task.WhenAll(
                Attempt(a, "A"),
                Attempt(b, "B"));
            wins += results.Count(r => r);
            conflicts += results.Count(r => !r);
        }

        Assert.Equal(10, wins);
        Assert.Equal(10, conflicts);

        static async Task<bool> Attempt(IProfileGrain grain, string name)
        {
            try
            {
                await grain.SetNameAsync(name);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }
    }

    private Task<TestCluster> StartAsync(string connectionString) =>
        new TestClusterBuilder()
            .AddGrain<IProfileGrain, ProfileGrain>()
            .UseStorage(s => fixture.AddStorage(s, connectionString))
            .ConfigureServices(s => s.AddSingleton(new GrainProbe()))
            .BuildAndStartAsync();
}

/// <summary>Two silos on one SQLite file.</summary>
public sealed class SqliteTwoSiloTests(SqliteStorageFixture fixture) : TwoSiloTests<SqliteStorageFixture>(fixture), IClassFixture<SqliteStorageFixture>;

/// <summary>Two silos on one PostgreSQL database.</summary>
public sealed class PostgresTwoSiloTests(PostgresStorageFixture fixture) : TwoSiloTests<PostgresStorageFixture>(fixture), IClassFixture<PostgresStorageFixture>;
