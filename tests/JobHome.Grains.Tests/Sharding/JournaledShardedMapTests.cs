using JobHome.Grains.Sharding;
using Orleans.Runtime;

namespace JobHome.Grains.Tests.Sharding;

/// <summary>
/// <see cref="JournaledShardedMap{TValue}"/> over rows held in memory (each write stores a copy under a new version, as a
/// store's ETag): rows written by <see cref="ShardedMap{TValue}"/> (bases, no journal) and by the one-journal map (a
/// recent journal, no older row) read as they are; a write stores the recent journal alone until it passes its bound,
/// then the older journal with the recent entries (the recent row then stale and ignored), and once both pass the fold
/// bound the touched bases (both journals then empty, their stored rows stale and ignored);
/// <see cref="JournaledShardedMap{TValue}.PendingWrites"/> names exactly the rows written; and after any sequence of
/// writes with any of them failing (a crash before their commit), a fresh map over the stored rows holds, per shard, the
/// entries of the last write that stored them.
/// </summary>
public sealed class JournaledShardedMapTests
{
    [Fact]
    public void Load_RowsWrittenByShardedMapWithoutJournal_ReadAsTheyAre()
    {
        var rows = Rows.WithBases(100);

        var map = rows.Open();

        Assert.Equal(100, map.Count);
        Assert.Equal(0, map.JournalCount);
        Assert.True(map.TryGetValue("k42", out var value));
        Assert.Equal(42, value);
        Assert.Equal(0, map.PendingWrites);
    }

    [Fact]
    public async Task WriteChanges_BelowBound_WritesTheJournalRowOnlyAndReloads()
    {
        var rows = Rows.WithBases(400);
        var map = rows.Open();
        var writesBefore = rows.Writes;

        map.Set("k1", 1001);
        map.Set("k2", 1002);
        map.Set("new", 7);
        Assert.Equal(1, map.PendingWrites);
        await map.WriteChangesAsync();

        Assert.Equal(1, rows.Writes - writesBefore);
        Assert.Equal(["indicator-sources-journal"], rows.WrittenSince(writesBefore));
        var reloaded = rows.Open();
        Assert.Equal(401, reloaded.Count);
        Assert.Equal(3, reloaded.JournalCount);
        Assert.Equal(Expected(map), Expected(reloaded));
    }

    [Fact]
    public async Task WriteChanges_PastBound_FoldsIntoTouchedBasesAndStaleJournalIsIgnored()
    {
        var rows = new Rows();
        var map = rows.Open();
        var keys = await FillJournalAsync(rows, map);
        var writesBefore = rows.Writes;
        map.Set("last", -1);
        Assert.True(map.FoldDue);
        var shards = keys.Append("last").Select(ShardedMap<int>.ShardOf).Distinct().Count();
        Assert.Equal(shards, map.PendingWrites);

        await map.WriteChangesAsync();

        Assert.Equal(shards, rows.Writes - writesBefore);
        Assert.DoesNotContain("indicator-sources-journal", rows.WrittenSince(writesBefore));
        Assert.Equal(0, map.JournalCount);
        // The stored journals still hold the earlier keys but name the bases' previous versions: ignored on load.
        Assert.True(rows.StoredJournalEntries > 0);
        var reloaded = rows.Open();
        Assert.Equal(0, reloaded.JournalCount);
        Assert.Equal(keys.Count + 1, reloaded.Count);
        Assert.Equal(Expected(map), Expected(reloaded));

        // The next write stores a journal pinned to the new bases.
        reloaded.Set(keys[0], 100);
        Assert.Equal(1, reloaded.PendingWrites);
        await reloaded.WriteChangesAsync();
        var again = rows.Open();
        Assert.Equal(1, again.JournalCount);
        Assert.True(again.TryGetValue(keys[0], out var value));
        Assert.Equal(100, value);
        Assert.Equal(Expected(reloaded), Expected(again));
    }

    // New keys one write each, every write a journal write (the recent one, or the older one when the recent passed its
    // bound), until one more key would fold; the keys written.
    private static async Task<List<string>> FillJournalAsync(Rows rows, JournaledShardedMap<int> map)
    {
        var keys = new List<string>();
        while (map.JournalCount + 1 <= JournaledShardedMap<int>.FoldBound(map.Count + 1))
        {
            var key = $"k{keys.Count}";
            map.Set(key, keys.Count);
            keys.Add(key);
            Assert.Equal(1, map.PendingWrites);
            var older = map.OlderDue;
            var writesBefore = rows.Writes;
            await map.WriteChangesAsync();
            Assert.Equal([older ? "indicator-sources-older" : "indicator-sources-journal"], rows.WrittenSince(writesBefore));
        }
        return keys;
    }

    [Fact]
    public async Task WriteChanges_PastRecentBound_WritesTheOlderJournalAndTheStaleRecentRowIsIgnored()
    {
        var rows = Rows.WithBases(400);
        var map = rows.Open();
        var bound = JournaledShardedMap<int>.RecentBound(map.Count);
        for (var i = 0; i <= bound; i++)
        {
            map.Set($"k{i}", 1000 + i);
            if (i < bound)
            {
                await map.WriteChangesAsync();
            }
        }
        Assert.True(map.OlderDue);
        Assert.False(map.FoldDue);
        var writesBefore = rows.Writes;

        await map.WriteChangesAsync();

        Assert.Equal(["indicator-sources-older"], rows.WrittenSince(writesBefore));
        Assert.Equal(0, map.RecentCount);
        // The stored recent row still holds the entries, pinned to the older row's previous version: ignored on load.
        Assert.Equal(bound, rows.StoredRecentEntries);
        var reloaded = rows.Open();
        Assert.Equal(0, reloaded.RecentCount);
        Assert.Equal(bound + 1, reloaded.JournalCount);
        Assert.Equal(Expected(map), Expected(reloaded));

        // The next change goes to the recent journal, on top of the older row as stored now; a later value wins.
        reloaded.Set("k0", -5);
        await reloaded.WriteChangesAsync();
        var again = rows.Open();
        Assert.Equal(1, again.RecentCount);
        Assert.True(again.TryGetValue("k0", out var value));
        Assert.Equal(-5, value);
        Assert.Equal(Expected(reloaded), Expected(again));
    }

    [Fact]
    public async Task WriteChanges_OlderJournalTwiceWithoutARecentWrite_TheStaleRecentRowDoesNotOverrideIt()
    {
        var rows = Rows.WithBases(400);
        var map = rows.Open();
        var bound = JournaledShardedMap<int>.RecentBound(map.Count);
        map.Set("k0", 1);
        await map.WriteChangesAsync();
        Assert.Equal(1, rows.StoredRecentEntries);
        // Two writes of more than the bound each: both go to the older journal, the recent row stays as first written.
        for (var round = 0; round < 2; round++)
        {
            map.Set("k0", 2 + round);
            for (var i = 1; i <= bound; i++)
            {
                map.Set($"k{(round * bound) + i}", -i);
            }
            Assert.True(map.OlderDue);
            Assert.False(map.FoldDue);
            var writesBefore = rows.Writes;
            await map.WriteChangesAsync();
            Assert.Equal(["indicator-sources-older"], rows.WrittenSince(writesBefore));
        }

        var reloaded = rows.Open();

        // The recent row (k0 = 1) names the older row's first version, not its current one: ignored.
        Assert.True(reloaded.TryGetValue("k0", out var value));
        Assert.Equal(3, value);
        Assert.Equal(0, reloaded.RecentCount);
        Assert.Equal(Expected(map), Expected(reloaded));
    }

    [Fact]
    public void Load_OneJournalRowsWithoutAnOlderRow_ReadAsTheyAre()
    {
        var rows = Rows.WithBases(50);
        // A journal as the one-journal map stored it: no older ETag, pinned to the bases as stored.
        rows.PutJournal(new Dictionary<string, int> { ["k3"] = 33, ["new"] = 7 });

        var map = rows.Open();

        Assert.Equal(51, map.Count);
        Assert.Equal(2, map.RecentCount);
        Assert.True(map.TryGetValue("k3", out var value));
        Assert.Equal(33, value);
    }

    [Fact]
    public async Task WriteAll_StoresEveryBaseAndEmptiesTheJournal()
    {
        var rows = new Rows();
        var map = rows.Open();
        map.Set("a", 1);
        await map.WriteChangesAsync();
        map.Set("b", 2);
        var writesBefore = rows.Writes;

        await map.WriteAllAsync();

        Assert.Equal(ShardedMap<int>.ShardCount, rows.Writes - writesBefore);
        Assert.Equal(0, map.JournalCount);
        Assert.Equal(0, map.PendingWrites);
        var reloaded = rows.Open();
        Assert.Equal(0, reloaded.JournalCount);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, Expected(reloaded));
    }

    [Fact]
    public async Task Fold_OneBaseWriteFails_ReloadHasEachShardBeforeOrAfterAndNothingElse()
    {
        var rows = new Rows();
        var map = rows.Open();
        var keys = await FillJournalAsync(rows, map);
        for (var i = 0; i < keys.Count; i++)
        {
            map.Set(keys[i], 1000 + i);
        }
        map.Set("x", -1);
        Assert.True(map.FoldDue);
        var failed = ShardedMap<int>.ShardOf(keys[0]);
        rows.FailOn($"indicator-sources-{failed}");

        await Assert.ThrowsAsync<InvalidOperationException>(() => map.WriteChangesAsync());

        var reloaded = Expected(rows.Open());
        for (var i = 0; i < keys.Count; i++)
        {
            // The failed shard keeps the stored journal's value (its base unchanged, the journal still pinned to it).
            Assert.Equal(ShardedMap<int>.ShardOf(keys[i]) == failed ? i : 1000 + i, reloaded[keys[i]]);
        }
        Assert.Equal(ShardedMap<int>.ShardOf("x") != failed, reloaded.ContainsKey("x"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RandomWritesWithFailures_EveryReloadHoldsWhatItsShardsLastStored(int seed)
    {
        var random = new Random(seed);
        var rows = Rows.WithBases(300);
        // What storage holds per key after each committed write (shard by shard: a write's rows commit independently).
        var stored = Expected(rows.Open());
        var map = rows.Open();
        var folds = 0;
        for (var step = 0; step < 400; step++)
        {
            var memory = Expected(map);
            // Mostly a few changes; now and then more than the recent journal's bound in one write (two older-journal
            // writes in a row then leave a stale recent row under the newer older one).
            var batch = random.Next(8) == 0 ? random.Next(20, 60) : random.Next(1, 12);
            for (var j = 0; j < batch; j++)
            {
                var key = $"k{random.Next(0, 360)}";
                var value = random.Next();
                map.Set(key, value);
                memory[key] = value;
            }
            var fold = map.FoldDue;
            var pending = map.PendingWrites;
            var writesBefore = rows.Writes;
            string? failing = null;
            if (random.Next(10) == 0)
            {
                // A write that does not commit (the process dies before it): the journal, or one of the fold's bases.
                failing = fold
                    ? $"indicator-sources-{ShardedMap<int>.ShardOf(map.Keys.First(k => memory[k] != (stored.TryGetValue(k, out var s) ? s : int.MinValue)))}"
                    : map.OlderDue ? "indicator-sources-older" : "indicator-sources-journal";
                rows.FailOn(failing);
            }
            try
            {
                await map.WriteChangesAsync();
                Assert.Equal(pending, rows.Writes - writesBefore);
                stored = memory;
                folds += fold ? 1 : 0;
            }
            catch (InvalidOperationException)
            {
                Assert.NotNull(failing);
                // Whatever committed: per key, memory's value where its shard's write committed, storage's otherwise.
                var committed = rows.WrittenSince(writesBefore);
                foreach (var key in memory.Keys.Union(stored.Keys).ToArray())
                {
                    var shardCommitted = fold
                        ? committed.Contains($"indicator-sources-{ShardedMap<int>.ShardOf(key)}")
                        : committed.Contains("indicator-sources-journal") || committed.Contains("indicator-sources-older");
                    if (shardCommitted)
                    {
                        stored[key] = memory[key];
                    }
                }
                // The grain starts over from storage after a failed write.
                map = rows.Open();
            }
            Assert.Equal(stored, Expected(rows.Open()));
        }
        Assert.True(folds > 0, "some writes folded");
    }

    private static Dictionary<string, int> Expected(JournaledShardedMap<int> map) =>
        map.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    // Stored rows by name: a version (the ETag) and a copy of the state.
    private sealed class Rows
    {
        private readonly Dictionary<string, (long Version, object State)> _rows = new(StringComparer.Ordinal);
        private readonly List<string> _log = [];
        private string? _failOn;

        public int Writes => _log.Count;

        public int StoredRecentEntries =>
            _rows.TryGetValue("indicator-sources-journal", out var row) ? ((MapJournal<int>)row.State).Entries.Count : 0;

        public int StoredJournalEntries =>
            StoredRecentEntries
            + (_rows.TryGetValue("indicator-sources-older", out var row) ? ((MapJournal<int>)row.State).Entries.Count : 0);

        // A recent journal as the one-journal map wrote it (no older row), pinned to the bases as stored now.
        public void PutJournal(Dictionary<string, int> entries)
        {
            var etags = Enumerable.Range(0, ShardedMap<int>.ShardCount)
                .Select(i => _rows.TryGetValue($"indicator-sources-{i}", out var row)
                    ? row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) : null)
                .ToArray();
            _rows["indicator-sources-journal"] =
                (1, new MapJournal<int> { Entries = new(entries, StringComparer.Ordinal), BaseETags = etags });
        }

        public List<string> WrittenSince(int writes) => _log.Skip(writes).ToList();

        public void FailOn(string name) => _failOn = name;

        // Rows holding keys k0 … k{count - 1} with their own numbers as values, in bases as ShardedMap wrote them.
        public static Rows WithBases(int count)
        {
            var rows = new Rows();
            for (var i = 0; i < count; i++)
            {
                rows.PutBase($"k{i}", i);
            }
            return rows;
        }

        // A base row as ShardedMap wrote it.
        public void PutBase(string key, int value)
        {
            var name = $"indicator-sources-{ShardedMap<int>.ShardOf(key)}";
            var shard = _rows.TryGetValue(name, out var row) ? Copy((MapShard<int>)row.State) : new MapShard<int>();
            shard.Entries[key] = value;
            _rows[name] = (row.Version + 1, shard);
        }

        public JournaledShardedMap<int> Open()
        {
            var bases = Enumerable.Range(0, ShardedMap<int>.ShardCount)
                .Select(i => (IPersistentState<MapShard<int>>)new StoredState<MapShard<int>>(this, $"indicator-sources-{i}", Copy)).ToArray();
            var journal = new StoredState<MapJournal<int>>(this, "indicator-sources-journal", Copy);
            var older = new StoredState<MapJournal<int>>(this, "indicator-sources-older", Copy);
            return new JournaledShardedMap<int>(bases, journal, older);
        }

        public (long Version, T State)? Read<T>(string name, Func<T, T> copy) =>
            _rows.TryGetValue(name, out var row) ? (row.Version, copy((T)row.State)) : null;

        public long Write<T>(string name, T state, Func<T, T> copy)
        {
            if (string.Equals(_failOn, name, StringComparison.Ordinal))
            {
                _failOn = null;
                throw new InvalidOperationException($"{name} not written");
            }
            var version = (_rows.TryGetValue(name, out var row) ? row.Version : 0) + 1;
            _rows[name] = (version, copy(state)!);
            _log.Add(name);
            return version;
        }

        private static MapShard<int> Copy(MapShard<int> shard) => new() { Entries = new(shard.Entries, StringComparer.Ordinal) };

        private static MapJournal<int> Copy(MapJournal<int> journal) => new()
        {
            Entries = new(journal.Entries, StringComparer.Ordinal), BaseETags = (string?[]?)journal.BaseETags?.Clone(),
            OlderETag = journal.OlderETag,
        };
    }

    // A loaded persistent state over Rows (read when made, as a facet loads with its activation).
    private sealed class StoredState<T> : IPersistentState<T>
        where T : new()
    {
        private readonly Rows _rows;
        private readonly string _name;
        private readonly Func<T, T> _copy;

        public StoredState(Rows rows, string name, Func<T, T> copy)
        {
            (_rows, _name, _copy) = (rows, name, copy);
            if (rows.Read(name, copy) is { } row)
            {
                (Etag, State, RecordExists) = (row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), row.State, true);
            }
        }

        public T State { get; set; } = new();

        public string? Etag { get; private set; }

        public bool RecordExists { get; private set; }

        public Task ClearStateAsync() => throw new NotSupportedException();

        public Task ClearStateAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ReadStateAsync() => throw new NotSupportedException();

        public Task ReadStateAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task WriteStateAsync() => WriteStateAsync(CancellationToken.None);

        // A failed write is a faulted task (as a store's), so the other writes of the same step still go out.
        public Task WriteStateAsync(CancellationToken cancellationToken)
        {
            try
            {
                Etag = _rows.Write(_name, State, _copy).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (InvalidOperationException e)
            {
                return Task.FromException(e);
            }
            RecordExists = true;
            return Task.CompletedTask;
        }
    }
}
