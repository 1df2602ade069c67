using System.Text;
using JobHome.Actors.Reminders;
using JobHome.Actors.Storage;
using JobHome.Actors.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Actors.Tests.Storage;

/// <summary>
/// The provider contract of <see cref="IGrainStorage"/>, <see cref="IStreamLog"/> and <see cref="IReminderTable"/>, run
/// against one registration per sealed subclass (in-memory here; SQLite and PostgreSQL in the AdoNet tests).
/// Initializers are awaited first, as the silo does.
/// </summary>
public abstract class StorageContractTests : IAsyncLifetime
{
    private ServiceProvider? _services;

    /// <summary>Registers the providers under test.</summary>
    protected abstract void AddStorage(IServiceCollection services);

    private IServiceProvider Services => _services ?? throw new InvalidOperationException("Not initialized.");

    private IGrainStorage Grains => Services.GetRequiredService<IGrainStorage>();

    private IStreamLog Streams => Services.GetRequiredService<IStreamLog>();

    private IReminderTable Reminders => Services.GetRequiredService<IReminderTable>();

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        AddStorage(services);
        _services = services.BuildServiceProvider();
        foreach (var initializer in _services.GetServices<IStorageInitializer>())
        {
            await initializer.InitializeAsync(CancellationToken.None);
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    [Fact]
    public async Task GrainStorage_ReadMissing_ReturnsNull()
    {
        Assert.Null(await Grains.ReadAsync(Key("missing"), CancellationToken.None));
    }

    [Fact]
    public async Task GrainStorage_WriteThenRead_ReturnsPayloadAndNewEtag()
    {
        var key = Key("w");
        var etag1 = await Grains.WriteAsync(key, Bytes("一"), null, CancellationToken.None);
        var etag2 = await Grains.WriteAsync(key, Bytes("二"), etag1, CancellationToken.None);

        var record = await Grains.ReadAsync(key, CancellationToken.None);

        Assert.NotEqual(etag1, etag2);
        Assert.Equal(etag2, record!.Etag);
        Assert.Equal("二", Encoding.UTF8.GetString(record.Payload));
    }

    [Fact]
    public async Task GrainStorage_StaleOrMissingEtag_Throws()
    {
        var key = Key("stale");
        var etag1 = await Grains.WriteAsync(key, Bytes("a"), null, CancellationToken.None);
        await Grains.WriteAsync(key, Bytes("b"), etag1, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Grains.WriteAsync(key, Bytes("c"), etag1, CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Grains.WriteAsync(key, Bytes("c"), null, CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Grains.ClearAsync(key, etag1, CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Grains.WriteAsync(Key("never"), Bytes("c"), "42", CancellationToken.None));
    }

    [Fact]
    public async Task GrainStorage_Clear_ThenInsertWithNullEtag()
    {
        var key = Key("clear");
        var etag = await Grains.WriteAsync(key, Bytes("a"), null, CancellationToken.None);

        await Grains.ClearAsync(key, etag, CancellationToken.None);

        Assert.Null(await Grains.ReadAsync(key, CancellationToken.None));
        await Grains.WriteAsync(key, Bytes("b"), null, CancellationToken.None);
        Assert.Equal("b", Encoding.UTF8.GetString((await Grains.ReadAsync(key, CancellationToken.None))!.Payload));
    }

    [Fact]
    public async Task GrainStorage_ConcurrentFirstInserts_ExactlyOneSucceeds()
    {
        var key = Key("race");
        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await Grains.WriteAsync(key, Bytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), null, CancellationToken.None);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task StreamLog_Append_GapFreeSequencesPerStreamAndIncreasingPositions()
    {
        var a = new StreamId("ns-append", "a");
        var b = new StreamId("ns-append", "b");

        var first = await Streams.AppendAsync([new(a, Bytes("1")), new(b, Bytes("1")), new(a, Bytes("2"))], CancellationToken.None);
        var second = await Streams.AppendAsync([new(a, Bytes("3"))], CancellationToken.None);
        var events = await Streams.ReadAsync("ns-append", 0, 100, CancellationToken.None);

        Assert.Equal([1L, 1L, 2L], first);
        Assert.Equal([3L], second);
        Assert.Equal(4, events.Count);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Position < p.Second.Position));
        Assert.Equal([1L, 2L, 3L], events.Where(e => e.Stream == a).Select(e => e.Sequence));
        Assert.Equal("3", Encoding.UTF8.GetString(events[^1].Payload));
    }

    [Fact]
    public async Task StreamLog_ConcurrentAppendsToOneStream_StayGapFree()
    {
        var id = new StreamId("ns-concurrent", "one");
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            Streams.AppendAsync([new(id, Bytes("x")), new(id, Bytes("y"))], CancellationToken.None))));

        var events = await Streams.ReadAsync("ns-concurrent", 0, 1000, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task StreamLog_ReadAfterPosition_RespectsMaxAndNamespace()
    {
        await Streams.AppendAsync([.. Enumerable.Range(0, 10).Select(i => new StreamAppend(new StreamId("ns-read", "k"), Bytes("e")))], CancellationToken.None);
        await Streams.AppendAsync([new(new StreamId("ns-other", "k"), Bytes("o"))], CancellationToken.None);
        var all = await Streams.ReadAsync("ns-read", 0, 100, CancellationToken.None);

        var page = await Streams.ReadAsync("ns-read", all[3].Position, 4, CancellationToken.None);

        Assert.Equal(10, all.Count);
        Assert.Equal(all.Skip(4).Take(4).Select(e => e.Position), page.Select(e => e.Position));
    }

    [Fact]
    public async Task StreamLog_Checkpoint_NeverMovesBack()
    {
        Assert.Equal(0, await Streams.GetCheckpointAsync("c", "ns-cp", CancellationToken.None));

        await Streams.SetCheckpointAsync("c", "ns-cp", 10, CancellationToken.None);
        await Streams.SetCheckpointAsync("c", "ns-cp", 5, CancellationToken.None);

        Assert.Equal(10, await Streams.GetCheckpointAsync("c", "ns-cp", CancellationToken.None));
        Assert.Equal(0, await Streams.GetCheckpointAsync("other", "ns-cp", CancellationToken.None));
    }

    [Fact]
    public async Task StreamLog_FailuresThenDeadLetter_CountsAttemptsAndAdvancesCheckpoint()
    {
        await Streams.AppendAsync([new(new StreamId("ns-dl", "k"), Bytes("poison"))], CancellationToken.None);
        var record = (await Streams.ReadAsync("ns-dl", 0, 1, CancellationToken.None))[0];

        Assert.Equal(1, await Streams.RecordFailureAsync("c", record, "boom", CancellationToken.None));
        Assert.Equal(2, await Streams.RecordFailureAsync("c", record, "boom", CancellationToken.None));
        await Streams.DeadLetterAsync("c", record, "boom", 2, CancellationToken.None);

        var letter = Assert.Single(await Streams.ReadDeadLettersAsync("ns-dl", 10, CancellationToken.None));
        Assert.Equal("c", letter.Consumer);
        Assert.Equal(2, letter.Attempts);
        Assert.Equal(record.Position, letter.Event.Position);
        Assert.Equal(record.Position, await Streams.GetCheckpointAsync("c", "ns-dl", CancellationToken.None));
    }

    [Fact]
    public async Task ReminderTable_UpsertReadRemove()
    {
        var start = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var entry = new ReminderEntry("IFairGrain", "fair-7", "close", start, TimeSpan.FromMinutes(5), 12345u);

        var etag1 = await Reminders.UpsertAsync(entry, CancellationToken.None);
        var etag2 = await Reminders.UpsertAsync(entry with { Period = TimeSpan.FromMinutes(10) }, CancellationToken.None);
        var read = Assert.Single(await Reminders.ReadGrainAsync("IFairGrain", "fair-7", CancellationToken.None));
        var inRange = await Reminders.ReadRangeAsync(12000u, 13000u, CancellationToken.None);
        var outOfRange = await Reminders.ReadRangeAsync(0u, 100u, CancellationToken.None);

        Assert.NotEqual(etag1, etag2);
        Assert.Equal(TimeSpan.FromMinutes(10), read.Period);
        Assert.Equal(start, read.StartAt);
        Assert.Equal(etag2, read.Etag);
        Assert.Single(inRange);
        Assert.Empty(outOfRange);
        Assert.True(await Reminders.RemoveAsync("IFairGrain", "fair-7", "close", CancellationToken.None));
        Assert.False(await Reminders.RemoveAsync("IFairGrain", "fair-7", "close", CancellationToken.None));
        Assert.Empty(await Reminders.ReadGrainAsync("IFairGrain", "fair-7", CancellationToken.None));
    }

    private static GrainStateKey Key(string id) => new("JobHome.Tests.IContractGrain", id, "state");

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
