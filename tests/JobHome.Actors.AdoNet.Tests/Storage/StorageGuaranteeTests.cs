using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using JobHome.Actors.AdoNet.Tests.Fixtures;
using JobHome.Actors.Reminders;
using JobHome.Actors.Storage;
using JobHome.Actors.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace JobHome.Actors.AdoNet.Tests.Storage;

/// <summary>
/// The guarantees every ADO.NET provider keeps: grain state, reminders, stream log, migrations. One sealed subclass
/// per provider runs them all; tests share the class's database and use unique keys.
/// </summary>
public abstract class StorageGuaranteeTests<TFixture>(TFixture fixture)
    where TFixture : StorageFixture
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromMinutes(2);

    protected TFixture Fixture { get; } = fixture;

    private IGrainStorage State => Fixture.GrainStorage;

    private IReminderTable Reminders => Fixture.Reminders;

    private IStreamLog Log => Fixture.StreamLog;

    private static CancellationToken Timeout() => new CancellationTokenSource(TestTimeout).Token;

    private static GrainStateKey NewKey() => new("ISeekerGrain", $"seeker-{Guid.NewGuid():N}", "profile");

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    // ---------------------------------------------------------------- grain state

    [Fact]
    public async Task ReadAsync_NoState_ReturnsNull()
    {
        Assert.Null(await State.ReadAsync(NewKey(), Timeout()));
    }

    [Fact]
    public async Task WriteAsync_FirstWrite_RoundTripsPayloadAndEtag()
    {
        var key = NewKey();
        byte[] payload = [1, 2, 3, 0, 255];

        var etag = await State.WriteAsync(key, payload, expectedEtag: null, Timeout());
        var read = await State.ReadAsync(key, Timeout());

        Assert.NotNull(read);
        Assert.Equal(payload, read.Payload);
        Assert.Equal(etag, read.Etag);
    }

    [Fact]
    public async Task WriteAsync_EmptyAndLargePayloads_RoundTrip()
    {
        var empty = NewKey();
        var large = NewKey();
        var big = new byte[1 << 20];
        new Random(7).NextBytes(big);

        await State.WriteAsync(empty, ReadOnlyMemory<byte>.Empty, null, Timeout());
        await State.WriteAsync(large, big.AsMemory(1, big.Length - 1), null, Timeout());

        Assert.Empty((await State.ReadAsync(empty, Timeout()))!.Payload);
        Assert.Equal(big[1..], (await State.ReadAsync(large, Timeout()))!.Payload);
    }

    [Fact]
    public async Task WriteAsync_WithCurrentEtag_AdvancesEtag()
    {
        var key = NewKey();
        var first = await State.WriteAsync(key, new byte[] { 1 }, null, Timeout());

        var second = await State.WriteAsync(key, new byte[] { 2 }, first, Timeout());
        var third = await State.WriteAsync(key, new byte[] { 3 }, second, Timeout());

        Assert.Equal(3, new HashSet<string> { first, second, third }.Count);
        var read = await State.ReadAsync(key, Timeout());
        Assert.Equal(new byte[] { 3 }, read!.Payload);
        Assert.Equal(third, read.Etag);
    }

    [Fact]
    public async Task WriteAsync_StaleEtag_ThrowsInconsistentStateAndKeepsWinner()
    {
        var key = NewKey();
        var first = await State.WriteAsync(key, new byte[] { 1 }, null, Timeout());
        var second = await State.WriteAsync(key, new byte[] { 2 }, first, Timeout());

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => State.WriteAsync(key, new byte[] { 9 }, first, Timeout()));

        Assert.Equal(first, error.ExpectedEtag);
        Assert.Equal(second, error.StoredEtag);
        Assert.Equal(new byte[] { 2 }, (await State.ReadAsync(key, Timeout()))!.Payload);
    }

    [Fact]
    public async Task WriteAsync_NullEtagOnExistingState_ThrowsInconsistentState()
    {
        var key = NewKey();
        await State.WriteAsync(key, new byte[] { 1 }, null, Timeout());

        await Assert.ThrowsAsync<InconsistentStateException>(() => State.WriteAsync(key, new byte[] { 2 }, null, Timeout()));
    }

    [Fact]
    public async Task WriteAsync_EtagOnMissingState_ThrowsInconsistentState()
    {
        await Assert.ThrowsAsync<InconsistentStateException>(() => State.WriteAsync(NewKey(), new byte[] { 1 }, "1", Timeout()));
        await Assert.ThrowsAsync<InconsistentStateException>(() => State.WriteAsync(NewKey(), new byte[] { 1 }, "not-an-etag", Timeout()));
    }

    [Fact]
    public async Task WriteAsync_ConcurrentFirstInserts_ExactlyOneWins()
    {
        // 20 writers race on each of 5 fresh keys: per key exactly one insert succeeds, the rest see a conflict.
        for (var round = 0; round < 5; round++)
        {
            var key = NewKey();
            var outcomes = await RaceAsync(20, i => State.WriteAsync(key, new[] { (byte)i }, null, CancellationToken.None));

            var winners = outcomes.Where(o => o.Etag is not null).ToList();
            Assert.Single(winners);
            Assert.All(outcomes.Where(o => o.Etag is null), o => Assert.IsType<InconsistentStateException>(o.Error));
            var stored = await State.ReadAsync(key, Timeout());
            Assert.Equal(new[] { (byte)winners[0].Index }, stored!.Payload);
            Assert.Equal(winners[0].Etag, stored.Etag);
        }
    }

    [Fact]
    public async Task WriteAsync_ConcurrentUpdatesWithSameEtag_ExactlyOneWins()
    {
        var key = NewKey();
        var etag = await State.WriteAsync(key, new byte[] { 0 }, null, Timeout());

        var outcomes = await RaceAsync(20, i => State.WriteAsync(key, new[] { (byte)i }, etag, CancellationToken.None));

        Assert.Single(outcomes, o => o.Etag is not null);
        Assert.All(outcomes.Where(o => o.Etag is null), o => Assert.IsType<InconsistentStateException>(o.Error));
    }

    [Fact]
    public async Task ClearAsync_WithCurrentEtag_RemovesStateAndAllowsFreshInsert()
    {
        var key = NewKey();
        var etag = await State.WriteAsync(key, new byte[] { 1 }, null, Timeout());

        await State.ClearAsync(key, etag, Timeout());

        Assert.Null(await State.ReadAsync(key, Timeout()));
        // A writer holding the ETag from before the clear must not resurrect its view.
        await Assert.ThrowsAsync<InconsistentStateException>(() => State.WriteAsync(key, new byte[] { 2 }, etag, Timeout()));
        var fresh = await State.WriteAsync(key, new byte[] { 3 }, null, Timeout());
        Assert.NotEqual(etag, fresh);
        Assert.Equal(new byte[] { 3 }, (await State.ReadAsync(key, Timeout()))!.Payload);
    }

    [Fact]
    public async Task ClearAsync_StaleEtag_ThrowsAndKeepsState()
    {
        var key = NewKey();
        var first = await State.WriteAsync(key, new byte[] { 1 }, null, Timeout());
        await State.WriteAsync(key, new byte[] { 2 }, first, Timeout());

        await Assert.ThrowsAsync<InconsistentStateException>(() => State.ClearAsync(key, first, Timeout()));
        await Assert.ThrowsAsync<InconsistentStateException>(() => State.ClearAsync(key, null, Timeout()));

        Assert.Equal(new byte[] { 2 }, (await State.ReadAsync(key, Timeout()))!.Payload);
    }

    [Fact]
    public async Task ClearAsync_NothingStoredAndNullEtag_Succeeds()
    {
        await State.ClearAsync(NewKey(), null, Timeout());
    }

    [Fact]
    public async Task ClearAsync_ConcurrentFirstInsertsAfterClear_ExactlyOneWins()
    {
        var key = NewKey();
        var etag = await State.WriteAsync(key, new byte[] { 1 }, null, Timeout());
        await State.ClearAsync(key, etag, Timeout());

        var outcomes = await RaceAsync(20, i => State.WriteAsync(key, new[] { (byte)i }, null, CancellationToken.None));

        Assert.Single(outcomes, o => o.Etag is not null);
    }

    // ---------------------------------------------------------------- reminders

    [Fact]
    public async Task UpsertAsync_NewThenChanged_ReadGrainReturnsLatestWithNewEtag()
    {
        var type = NewName("IPostGrain");
        var start = new DateTimeOffset(2026, 3, 1, 8, 30, 15, 123, TimeSpan.Zero);
        var entry = new ReminderEntry(type, "post-1", "expire", start, TimeSpan.FromMinutes(5), 42);

        var first = await Reminders.UpsertAsync(entry, Timeout());
        var second = await Reminders.UpsertAsync(entry with { Period = TimeSpan.FromHours(1), StartAt = start.AddDays(1) }, Timeout());
        await Reminders.UpsertAsync(entry with { ReminderName = "archive" }, Timeout());

        Assert.NotEqual(first, second);
        var read = await Reminders.ReadGrainAsync(type, "post-1", Timeout());
        Assert.Equal(["archive", "expire"], read.Select(r => r.ReminderName));
        var expire = read[1];
        Assert.Equal(start.AddDays(1), expire.StartAt);
        Assert.Equal(TimeSpan.FromHours(1), expire.Period);
        Assert.Equal(42u, expire.GrainHash);
        Assert.Equal(second, expire.Etag);
        Assert.Empty(await Reminders.ReadGrainAsync(type, "post-2", Timeout()));
    }

    [Fact]
    public async Task RemoveAsync_ExistingThenMissing_ReturnsTrueThenFalse()
    {
        var type = NewName("IPostGrain");
        await Reminders.UpsertAsync(new ReminderEntry(type, "p", "r", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1), 1), Timeout());

        Assert.True(await Reminders.RemoveAsync(type, "p", "r", Timeout()));
        Assert.False(await Reminders.RemoveAsync(type, "p", "r", Timeout()));
        Assert.Empty(await Reminders.ReadGrainAsync(type, "p", Timeout()));
    }

    [Fact]
    public async Task ReadRangeAsync_Bounds_AreInclusiveAndWrapAround()
    {
        var type = NewName("ISiteGrain");
        uint[] hashes = [0, 99, 100, 150, 200, 201, uint.MaxValue];
        foreach (var hash in hashes)
        {
            await Reminders.UpsertAsync(new ReminderEntry(type, $"site-{hash}", "tick", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1), hash), Timeout());
        }

        async Task<uint[]> Range(uint begin, uint end) =>
            [.. (await Reminders.ReadRangeAsync(begin, end, Timeout())).Where(r => r.GrainType == type).Select(r => r.GrainHash).Order()];

        var inside = await Range(100, 200);
        var everything = await Range(0, uint.MaxValue);
        var wrapped = await Range(202, 99);

        Assert.Equal(new uint[] { 100, 150, 200 }, inside);
        Assert.Equal(hashes, everything);
        Assert.Equal(new uint[] { 0, 99, uint.MaxValue }, wrapped);
    }

    // ---------------------------------------------------------------- stream log

    [Fact]
    public async Task AppendAsync_BatchOverSeveralStreams_NumbersEachStreamFromOneInBatchOrder()
    {
        var ns = NewName("site-events");
        StreamId a = new(ns, "site-a"), b = new(ns, "site-b");

        var first = await Log.AppendAsync([Item(a, 1), Item(b, 2), Item(a, 3)], Timeout());
        var second = await Log.AppendAsync([Item(b, 4), Item(a, 5)], Timeout());

        Assert.Equal([1L, 1L, 2L], first);
        Assert.Equal([2L, 3L], second);
        var events = await Log.ReadAsync(ns, 0, 100, Timeout());
        Assert.Equal([1L, 2L, 3L, 4L, 5L], events.Select(e => e.Position));
        Assert.Equal([1, 2, 3, 4, 5], events.Select(e => Value(e.Payload)));
        Assert.Equal([a, b, a, b, a], events.Select(e => e.Stream));
        Assert.Equal([1L, 1L, 2L, 2L, 3L], events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.InRange(e.EnqueuedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5)));
    }

    [Fact]
    public async Task AppendAsync_EmptyBatch_ReturnsEmpty()
    {
        Assert.Empty(await Log.AppendAsync([], Timeout()));
    }

    [Fact]
    public async Task AppendAsync_ConcurrentAppenders_SequencesAreGapFreePerStreamAndPositionsUnique()
    {
        var ns = NewName("site-events");
        var streams = Enumerable.Range(0, 5).Select(i => new StreamId(ns, $"site-{i}")).ToArray();
        const int appenders = 16, batchesEach = 20;
        var returned = new ConcurrentBag<(StreamId Stream, long Sequence, int Value)>();

        await RaceAsync(appenders, async task =>
        {
            var random = new Random(task);
            for (var b = 0; b < batchesEach; b++)
            {
                var batch = Enumerable.Range(0, random.Next(1, 6))
                    .Select(i => Item(streams[random.Next(streams.Length)], (task * 1000) + (b * 10) + i))
                    .ToList();
                var sequences = await Log.AppendAsync(batch, CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                {
                    returned.Add((batch[i].Stream, sequences[i], (task * 1000) + (b * 10) + i));
                }
            }

            return "done";
        });

        var events = await ReadAllAsync(ns);
        Assert.Equal(returned.Count, events.Count);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(p => (long)p), events.Select(e => e.Position));
        foreach (var stream in streams)
        {
            var ofStream = events.Where(e => e.Stream == stream).ToList();
            Assert.Equal(Enumerable.Range(1, ofStream.Count).Select(s => (long)s), ofStream.Select(e => e.Sequence));
            // Each appender's events keep their order within the stream.
            foreach (var group in ofStream.GroupBy(e => Value(e.Payload) / 1000))
            {
                var values = group.Select(e => Value(e.Payload)).ToList();
                Assert.Equal(values.Order(), values);
            }
        }

        var stored = events.ToDictionary(e => Value(e.Payload), e => (e.Stream, e.Sequence));
        Assert.All(returned, r => Assert.Equal((r.Stream, r.Sequence), stored[r.Value]));
    }

    [Fact]
    public async Task ReadAsync_TailingWhileAppendersCommit_NeverSkipsAnEvent()
    {
        // A reader that follows the log by position while appenders commit concurrently must see every event: positions
        // become visible in the order they were assigned, so moving past a seen position never skips a later commit.
        var ns = NewName("site-events");
        const int appenders = 8, batchesEach = 25, batchSize = 4;
        const int total = appenders * batchesEach * batchSize;
        using var stop = new CancellationTokenSource(TestTimeout);
        var seen = new List<StreamEventRecord>();
        var reader = Task.Run(async () =>
        {
            long after = 0;
            while (seen.Count < total && !stop.IsCancellationRequested)
            {
                var page = await Log.ReadAsync(ns, after, 37, stop.Token);
                seen.AddRange(page);
                after = page.Count > 0 ? page[^1].Position : after;
            }
        });

        await RaceAsync(appenders, async task =>
        {
            for (var b = 0; b < batchesEach; b++)
            {
                var batch = Enumerable.Range(0, batchSize).Select(i => Item(new StreamId(ns, $"s{(task + i) % 3}"), (task * 10_000) + (b * 10) + i)).ToList();
                await Log.AppendAsync(batch, CancellationToken.None);
            }

            return "done";
        });
        await reader.WaitAsync(TestTimeout);

        Assert.Equal(total, seen.Count);
        Assert.Equal(Enumerable.Range(1, total).Select(p => (long)p), seen.Select(e => e.Position));
    }

    [Fact]
    public async Task ReadAsync_AfterPositionWithMax_ReturnsNextPageInOrder()
    {
        var ns = NewName("site-events");
        var other = NewName("site-events");
        var s = new StreamId(ns, "k");
        await Log.AppendAsync([.. Enumerable.Range(1, 10).Select(i => Item(s, i))], Timeout());
        await Log.AppendAsync([Item(new StreamId(other, "k"), 99)], Timeout());

        var page = await Log.ReadAsync(ns, 4, 3, Timeout());

        Assert.Equal([5L, 6L, 7L], page.Select(e => e.Position));
        Assert.Equal([5, 6, 7], page.Select(e => Value(e.Payload)));
        Assert.Empty(await Log.ReadAsync(ns, 10, 3, Timeout()));
        Assert.Equal([1L], (await Log.ReadAsync(other, 0, 10, Timeout())).Select(e => e.Position));
    }

    [Fact]
    public async Task SetCheckpointAsync_LowerPosition_NeverMovesBack()
    {
        var ns = NewName("site-events");

        Assert.Equal(0, await Log.GetCheckpointAsync("township-1", ns, Timeout()));
        await Log.SetCheckpointAsync("township-1", ns, 10, Timeout());
        await Log.SetCheckpointAsync("township-1", ns, 7, Timeout());
        await Log.SetCheckpointAsync("township-2", ns, 3, Timeout());

        Assert.Equal(10, await Log.GetCheckpointAsync("township-1", ns, Timeout()));
        Assert.Equal(3, await Log.GetCheckpointAsync("township-2", ns, Timeout()));
        await Log.SetCheckpointAsync("township-1", ns, 11, Timeout());
        Assert.Equal(11, await Log.GetCheckpointAsync("township-1", ns, Timeout()));
    }

    [Fact]
    public async Task SetCheckpointAsync_ConcurrentSetters_KeepTheHighest()
    {
        var ns = NewName("site-events");

        await RaceAsync(20, async i =>
        {
            await Log.SetCheckpointAsync("county", ns, i + 1, CancellationToken.None);
            return "done";
        });

        Assert.Equal(20, await Log.GetCheckpointAsync("county", ns, Timeout()));
    }

    [Fact]
    public async Task RecordFailureAsync_RepeatedFailures_CountPerConsumerAndEvent()
    {
        var ns = NewName("site-events");
        await Log.AppendAsync([Item(new StreamId(ns, "k"), 1), Item(new StreamId(ns, "k"), 2)], Timeout());
        var events = await Log.ReadAsync(ns, 0, 10, Timeout());

        Assert.Equal(1, await Log.RecordFailureAsync("a", events[0], "boom", Timeout()));
        Assert.Equal(2, await Log.RecordFailureAsync("a", events[0], "boom", Timeout()));
        Assert.Equal(1, await Log.RecordFailureAsync("b", events[0], "boom", Timeout()));
        Assert.Equal(1, await Log.RecordFailureAsync("a", events[1], "boom", Timeout()));
        Assert.Equal(3, await Log.RecordFailureAsync("a", events[0], "boom", Timeout()));
    }

    [Fact]
    public async Task DeadLetterAsync_PoisonEvent_StoresLetterAndAdvancesCheckpointTogether()
    {
        var ns = NewName("site-events");
        await Log.AppendAsync([Item(new StreamId(ns, "k"), 1), Item(new StreamId(ns, "k"), 2), Item(new StreamId(ns, "k"), 3)], Timeout());
        var events = await Log.ReadAsync(ns, 0, 10, Timeout());
        await Log.SetCheckpointAsync("agg", ns, 1, Timeout());
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await Log.RecordFailureAsync("agg", events[1], "bad payload", Timeout());
        }

        await Log.DeadLetterAsync("agg", events[1], "bad payload", 3, Timeout());

        Assert.Equal(2, await Log.GetCheckpointAsync("agg", ns, Timeout()));
        var letter = Assert.Single(await Log.ReadDeadLettersAsync(ns, 10, Timeout()));
        Assert.Equal("agg", letter.Consumer);
        Assert.Equal("bad payload", letter.Error);
        Assert.Equal(3, letter.Attempts);
        Assert.Equal(events[1].Position, letter.Event.Position);
        Assert.Equal(events[1].Sequence, letter.Event.Sequence);
        Assert.Equal(events[1].Stream, letter.Event.Stream);
        Assert.Equal(events[1].Payload, letter.Event.Payload);
        Assert.Equal(events[1].EnqueuedAt, letter.Event.EnqueuedAt);

        // Settled: a later failure of the same event starts counting again, and a repeated dead letter is not duplicated.
        Assert.Equal(1, await Log.RecordFailureAsync("agg", events[1], "again", Timeout()));
        await Log.DeadLetterAsync("agg", events[1], "bad payload", 3, Timeout());
        Assert.Single(await Log.ReadDeadLettersAsync(ns, 10, Timeout()));
    }

    [Fact]
    public async Task DeadLetterAsync_BehindCheckpoint_DoesNotMoveCheckpointBack()
    {
        var ns = NewName("site-events");
        await Log.AppendAsync([Item(new StreamId(ns, "k"), 1), Item(new StreamId(ns, "k"), 2)], Timeout());
        var events = await Log.ReadAsync(ns, 0, 10, Timeout());
        await Log.SetCheckpointAsync("agg", ns, 2, Timeout());

        await Log.DeadLetterAsync("agg", events[0], "late", 5, Timeout());

        Assert.Equal(2, await Log.GetCheckpointAsync("agg", ns, Timeout()));
        Assert.Single(await Log.ReadDeadLettersAsync(ns, 10, Timeout()));
    }

    // ---------------------------------------------------------------- schema

    [Fact]
    public async Task InitializeAsync_RunTwiceAndByASecondProvider_IsIdempotent()
    {
        var provider = Fixture.CreateProvider(Fixture.ConnectionString);
        var initializer = Assert.Single(provider.GetServices<IStorageInitializer>());

        await initializer.InitializeAsync(Timeout());
        await initializer.InitializeAsync(Timeout());

        Assert.Equal(1, await Fixture.QueryScalarAsync(Fixture.ConnectionString, "SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(1, await Fixture.QueryScalarAsync(Fixture.ConnectionString, "SELECT MAX(version) FROM schema_version"));
    }

    [Fact]
    public async Task InitializeAsync_ConcurrentStartersOnEmptyDatabase_ApplyEachScriptOnce()
    {
        var connectionString = await Fixture.CreateDatabaseAsync();
        var providers = Enumerable.Range(0, 6).Select(_ => Fixture.CreateProvider(connectionString)).ToList();

        var outcomes = await RaceAsync(providers.Count, async i =>
        {
            await providers[i].GetRequiredService<IStorageInitializer>().InitializeAsync(CancellationToken.None);
            return "ok";
        });

        Assert.All(outcomes, o => Assert.Null(o.Error));
        Assert.Equal(1, await Fixture.QueryScalarAsync(connectionString, "SELECT COUNT(*) FROM schema_version"));
        var storage = providers[0].GetRequiredService<IGrainStorage>();
        var etag = await storage.WriteAsync(NewKey(), new byte[] { 1 }, null, Timeout());
        Assert.Equal("1", etag);
    }

    // ---------------------------------------------------------------- restarts and several hosts

    [Fact]
    public async Task State_AfterHostRestart_IsReadBackWithItsEtag()
    {
        var connectionString = await Fixture.CreateDatabaseAsync();
        var key = NewKey();
        string etag;
        await using (var first = (ServiceProvider)Fixture.CreateProvider(connectionString))
        {
            await first.GetRequiredService<IStorageInitializer>().InitializeAsync(Timeout());
            etag = await first.GetRequiredService<IGrainStorage>().WriteAsync(key, new byte[] { 4, 2 }, null, Timeout());
        }

        var second = Fixture.CreateProvider(connectionString);
        await second.GetRequiredService<IStorageInitializer>().InitializeAsync(Timeout());
        var storage = second.GetRequiredService<IGrainStorage>();
        var read = await storage.ReadAsync(key, Timeout());

        Assert.Equal(new byte[] { 4, 2 }, read!.Payload);
        Assert.Equal(etag, read.Etag);
        await storage.WriteAsync(key, new byte[] { 5 }, etag, Timeout());
    }

    [Fact]
    public async Task WriteAsync_TwoHostsRacingOnOneGrain_ExactlyOneWinsEachRound()
    {
        // Two providers with their own pools stand for two silos that both believe they own the grain.
        var hostA = Fixture.CreateProvider(Fixture.ConnectionString).GetRequiredService<IGrainStorage>();
        var hostB = Fixture.CreateProvider(Fixture.ConnectionString).GetRequiredService<IGrainStorage>();
        var key = NewKey();
        var etag = await hostA.WriteAsync(key, new byte[] { 0 }, null, Timeout());

        for (var round = 1; round <= 10; round++)
        {
            var seen = etag;
            var value = (byte)round;
            var outcomes = await RaceAsync(2, i => (i == 0 ? hostA : hostB).WriteAsync(key, new[] { value }, seen, CancellationToken.None));
            var winner = Assert.Single(outcomes, o => o.Etag is not null);
            etag = winner.Etag!;
        }

        Assert.Equal(etag, (await hostB.ReadAsync(key, Timeout()))!.Etag);
    }

    [Fact]
    public async Task Reminders_AfterHostRestart_AreReadBackByRange()
    {
        var connectionString = await Fixture.CreateDatabaseAsync();
        var entry = new ReminderEntry("IHouseholdGrain", "household-7", "follow-up", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(7), 123_456);
        await using (var first = (ServiceProvider)Fixture.CreateProvider(connectionString))
        {
            await first.GetRequiredService<IStorageInitializer>().InitializeAsync(Timeout());
            await first.GetRequiredService<IReminderTable>().UpsertAsync(entry, Timeout());
        }

        var second = Fixture.CreateProvider(connectionString);
        await second.GetRequiredService<IStorageInitializer>().InitializeAsync(Timeout());
        var read = Assert.Single(await second.GetRequiredService<IReminderTable>().ReadRangeAsync(0, uint.MaxValue, Timeout()));

        Assert.Equal(entry with { Etag = "1" }, read);
    }

    // ---------------------------------------------------------------- metrics

    [Fact]
    public async Task Operations_Always_RecordLatencyOnTheMeter()
    {
        var measurements = new ConcurrentBag<(string Instrument, double Value, string? Operation)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "JobHome.Actors.AdoNet")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            string? operation = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "jobhome.operation")
                {
                    operation = tag.Value as string;
                }
            }

            measurements.Add((instrument.Name, value, operation));
        });
        listener.Start();

        await State.WriteAsync(NewKey(), new byte[] { 1 }, null, Timeout());

        Assert.Contains(measurements, m => m.Instrument == "jobhome.adonet.operation.duration" && m.Operation == "state.write" && m.Value >= 0);
    }

    // ---------------------------------------------------------------- helpers

    private static StreamAppend Item(StreamId stream, int value)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(payload, value);
        return new StreamAppend(stream, payload);
    }

    private static int Value(byte[] payload) => BinaryPrimitives.ReadInt32LittleEndian(payload);

    private async Task<List<StreamEventRecord>> ReadAllAsync(string ns)
    {
        var all = new List<StreamEventRecord>();
        while (true)
        {
            var page = await Log.ReadAsync(ns, all.Count == 0 ? 0 : all[^1].Position, 500, Timeout());
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
        }
    }

    /// <summary>Starts <paramref name="count"/> operations released together by one barrier; collects each result or error.</summary>
    private static async Task<IReadOnlyList<Outcome>> RaceAsync(int count, Func<int, Task<string>> operation)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await go.Task;
            try
            {
                return new Outcome(i, await operation(i), null);
            }
            catch (Exception e)
            {
                return new Outcome(i, null, e);
            }
        })).ToList();
        go.SetResult();
        var outcomes = await Task.WhenAll(tasks).WaitAsync(TestTimeout);
        foreach (var outcome in outcomes.Where(o => o.Error is not null and not InconsistentStateException))
        {
            throw new InvalidOperationException($"Racer {outcome.Index} failed unexpectedly.", outcome.Error);
        }

        return outcomes;
    }

    private sealed record Outcome(int Index, string? Etag, Exception? Error);
}
