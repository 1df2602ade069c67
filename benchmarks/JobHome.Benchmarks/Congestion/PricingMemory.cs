using System.Diagnostics;
using System.Globalization;
using JobHome.Demo;
using JobHome.Grains.Matching;
using JobHome.Matching.Congestion;
using JobHome.Matching.Model;

namespace JobHome.Benchmarks.Congestion;

/// <summary>
/// <c>pricing-memory [counties] [density] [sample] [cellDegrees]</c>: the memory the match partitions keep to price aware
/// lists for a demo province, measured (GC heap after a full collection, before and after): every seeker's record per
/// partition (before the bound), then a <see cref="PricingPopulation"/> of at most <c>sample</c> per partition. Records are
/// copied through <see cref="SeekerMatchRecord"/> as a partition receives them. Defaults: 100 counties, density 6, sample
/// 4,096, cells of 0.5° (the silo's default).
/// </summary>
public static class PricingMemory
{
    /// <summary>Runs when <paramref name="args"/> start with <c>pricing-memory</c>.</summary>
    public static bool TryRun(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 1 || args[0] != "pricing-memory")
        {
            return false;
        }
        var counties = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        var density = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 6;
        var sample = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 4096;
        var cell = args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 0.5;
        var options = new DemoOptions(counties) { Density = density };
        var inv = CultureInfo.InvariantCulture;

        var (full, seekers, fullSeconds) = Measure(options, cell, () => new Dictionary<string, MatchSeeker>(StringComparer.Ordinal),
            (d, s) => d[s.Id] = s, d => d.Count);
        Console.WriteLine(string.Create(inv,
            $"every seeker kept: {seekers:N0} seekers, {full.Partitions:N0} partitions (largest {full.Largest:N0}), {Mb(full.Bytes)} MB, "
            + $"{full.Bytes / (double)seekers:0} B per seeker, built in {fullSeconds:0.0} s"));
        var (bounded, _, boundedSeconds) = Measure(options, cell, () => new PricingPopulation(sample), (p, s) => p.Upsert(s), p => p.Count);
        Console.WriteLine(string.Create(inv,
            $"sample ≤ {sample:N0} per partition: {bounded.Kept:N0} records kept, {Mb(bounded.Bytes)} MB, "
            + $"{bounded.Bytes / (double)Math.Max(1, bounded.Kept):0} B per record kept, built in {boundedSeconds:0.0} s"));
        return true;
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);

    private static (Result Result, long Seekers, double Seconds) Measure<T>(DemoOptions options, double cell, Func<T> create,
        Action<T, MatchSeeker> add, Func<T, int> count)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var partitions = new Dictionary<string, T>(StringComparer.Ordinal);
        long seekers = 0;
        foreach (var county in DemoGenerator.Counties(options))
        {
            foreach (var s in county.Seekers)
            {
                var engine = new MatchSeeker(s.Id, s.BirthDate, s.Gender, s.Education, s.Occupations, [.. s.Skills, .. s.Certificates],
                    s.ExpectedPayMin, s.Location, s.Rural, s.Availability, s.KeyGroups);
                var key = MatchPartitions.KeyOf(s.Location.Lat, s.Location.Lon, cell);
                if (!partitions.TryGetValue(key, out var partition))
                {
                    partitions.Add(key, partition = create());
                }
                add(partition, SeekerMatchRecord.From(engine).ToMatchSeeker());
                seekers++;
            }
        }
        var seconds = watch.Elapsed.TotalSeconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var result = new Result(after - before, partitions.Count, partitions.Values.Max(count), partitions.Values.Sum(p => (long)count(p)));
        GC.KeepAlive(partitions);
        return (result, seekers, seconds);
    }

    private sealed record Result(long Bytes, int Partitions, int Largest, long Kept);
}
