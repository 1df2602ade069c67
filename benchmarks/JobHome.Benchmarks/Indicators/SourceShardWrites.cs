using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using JobHome.Domain.Indicators;
using JobHome.Domain.People;
using JobHome.Grains.Indicators;
using JobHome.Grains.Sharding;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace JobHome.Benchmarks.Indicators;

/// <summary>
/// An aggregator's record entries written per delivery: the whole touched shards (main before the journal: one
/// <see cref="MapShard{TValue}"/> row per shard touched) against <see cref="JournaledShardedMap{TValue}"/> (a journal row,
/// recent or older, or on a fold the touched bases). <c>shard-writes</c> counts exactly, over the same random deliveries, the rows and
/// the bytes Orleans' serializer produces per changed record, with the serializing CPU time beside them; the
/// BenchmarkDotNet suite (<c>--filter *SourceShardWrite*</c>) times one whole shard, an average journal and a fold at
/// village and township sizes.
/// </summary>
public static class SourceShardWrites
{
    private static readonly Lazy<Serializer> Serializer =
        new(() => new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());

    /// <summary><c>shard-writes [entries …]</c>: prints the table; true when the arguments named it.</summary>
    public static bool TryRun(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] != "shard-writes")
        {
            return false;
        }
        var sizes = args.Length > 1 ? args.Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [3_000, 30_000];
        Console.WriteLine("entries  changes/delivery  deliveries  | whole shards: rows/change  bytes/change  µs/change  | journaled: rows/change  bytes/change  µs/change  folds");
        foreach (var entries in sizes)
        {
            foreach (var perDelivery in new[] { 1, 4, 16 })
            {
                Run(entries, perDelivery, deliveries: 3_000);
            }
        }
        return true;
    }

    /// <summary>An entry as a record's change makes it.</summary>
    public static SourceEntry Entry(int i) => SourceEntry.Of(i, i % 3 == 0
        ? IndicatorContribution.Person(LabourStatus.Employed, new DateOnly(2025, 1, 1).AddDays(i % 300), i % 2)
        : IndicatorContribution.Person(LabourStatus.Unemployed, new DateOnly(2025, 1, 1).AddDays(i % 300), 0));

    /// <summary>A record key as a township holds its members' records.</summary>
    public static string Key(int i) => $"3607210010{i % 20:D2}|seeker/{i:D8}";

    private static void Run(int entries, int perDelivery, int deliveries)
    {
        var serializer = Serializer.Value;
        var random = new Random(20261201);
        // Whole shards: the map as ShardedMap held it.
        var shards = Enumerable.Range(0, ShardedMap<SourceEntry>.ShardCount).Select(_ => new MapShard<SourceEntry>()).ToArray();
        var counted = new Counter(serializer);
        var bases = Enumerable.Range(0, ShardedMap<SourceEntry>.ShardCount)
            .Select(_ => (IPersistentState<MapShard<SourceEntry>>)new CountingState<MapShard<SourceEntry>>(counted)).ToArray();
        var journaled = new JournaledShardedMap<SourceEntry>(bases, new CountingState<MapJournal<SourceEntry>>(counted),
            new CountingState<MapJournal<SourceEntry>>(counted));
        for (var i = 0; i < entries; i++)
        {
            var key = Key(i);
            shards[ShardedMap<SourceEntry>.ShardOf(key)].Entries[key] = Entry(i);
            journaled.Set(key, Entry(i));
        }
        journaled.WriteAllAsync().GetAwaiter().GetResult();
        counted.Reset();
        var next = entries;
        long wholeRows = 0, wholeBytes = 0, folds = 0;
        var wholeTime = new Stopwatch();
        for (var d = 0; d < deliveries; d++)
        {
            var touched = 0;
            for (var j = 0; j < perDelivery; j++)
            {
                // Nine in ten changes update a held record, one in ten adds one.
                var i = random.Next(10) == 0 ? next++ : random.Next(entries);
                var key = Key(i);
                var entry = Entry(i + d);
                var shard = ShardedMap<SourceEntry>.ShardOf(key);
                shards[shard].Entries[key] = entry;
                touched |= 1 << shard;
                journaled.Set(key, entry);
            }
            wholeTime.Start();
            for (var s = 0; s < shards.Length; s++)
            {
                if ((touched & (1 << s)) != 0)
                {
                    wholeRows++;
                    wholeBytes += serializer.SerializeToArray(shards[s]).Length;
                }
            }
            wholeTime.Stop();
            folds += journaled.FoldDue ? 1 : 0;
            journaled.WriteChangesAsync().GetAwaiter().GetResult();
        }
        double changes = (double)deliveries * perDelivery;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{entries,7}  {perDelivery,16}  {deliveries,10}  | {wholeRows / changes,25:F3}  {wholeBytes / changes,12:F0}  {wholeTime.Elapsed.TotalMicroseconds / changes,9:F1}  " +
            $"| {counted.Rows / changes,22:F3}  {counted.Bytes / changes,12:F0}  {counted.Time.Elapsed.TotalMicroseconds / changes,9:F1}  {folds,5}"));
    }

    // Rows and bytes of the journaled map's writes (serialized as the store would, not kept).
    private sealed class Counter(Serializer serializer)
    {
        public long Rows { get; private set; }

        public long Bytes { get; private set; }

        public Stopwatch Time { get; } = new();

        public void Reset()
        {
            (Rows, Bytes) = (0, 0);
            Time.Reset();
        }

        public void Write<T>(T state)
        {
            Time.Start();
            Bytes += serializer.SerializeToArray(state).Length;
            Time.Stop();
            Rows++;
        }
    }

    private sealed class CountingState<T>(Counter counter) : IPersistentState<T>
        where T : new()
    {
        private long _version;

        public T State { get; set; } = new();

        public string? Etag { get; private set; }

        public bool RecordExists => Etag is not null;

        public Task ClearStateAsync() => throw new NotSupportedException();

        public Task ClearStateAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ReadStateAsync() => Task.CompletedTask;

        public Task ReadStateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task WriteStateAsync() => WriteStateAsync(CancellationToken.None);

        public Task WriteStateAsync(CancellationToken cancellationToken)
        {
            counter.Write(State);
            Etag = (++_version).ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// Serializing what one delivery's write stores, per touched shard: a whole shard of n / 16 entries (main before the
/// journal), a journal of half its fold bound (its average size), and a fold's 16 bases (n entries, every ~bound changes).
/// </summary>
[MemoryDiagnoser]
public class SourceShardWriteBenchmarks
{
    private Serializer _serializer = null!;
    private MapShard<SourceEntry> _shard = null!;
    private MapJournal<SourceEntry> _journal = null!;
    private MapShard<SourceEntry>[] _bases = null!;

    /// <summary>Entries held by the aggregator: a village-sized map and a township-sized one.</summary>
    [Params(3_000, 30_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        _bases = Enumerable.Range(0, ShardedMap<SourceEntry>.ShardCount).Select(_ => new MapShard<SourceEntry>()).ToArray();
        for (var i = 0; i < Entries; i++)
        {
            var key = SourceShardWrites.Key(i);
            _bases[ShardedMap<SourceEntry>.ShardOf(key)].Entries[key] = SourceShardWrites.Entry(i);
        }
        _shard = _bases[0];
        _journal = new MapJournal<SourceEntry> { BaseETags = new string?[ShardedMap<SourceEntry>.ShardCount] };
        for (var i = 0; i < JournaledShardedMap<SourceEntry>.FoldBound(Entries) / 2; i++)
        {
            _journal.Entries[SourceShardWrites.Key(i)] = SourceShardWrites.Entry(i);
        }
    }

    /// <summary>One whole shard (what main wrote per touched shard).</summary>
    [Benchmark(Baseline = true)]
    public int WholeShard() => _serializer.SerializeToArray(_shard).Length;

    /// <summary>An average journal (what a delivery writes now, once, whatever shards it touched).</summary>
    [Benchmark]
    public int Journal() => _serializer.SerializeToArray(_journal).Length;

    /// <summary>Every base (a fold touching all shards; once per ~bound changed records).</summary>
    [Benchmark]
    public int FoldAllBases()
    {
        var bytes = 0;
        foreach (var shard in _bases)
        {
            bytes += _serializer.SerializeToArray(shard).Length;
        }
        return bytes;
    }
}
