using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using static JobHome.Benchmarks.Orleans.GrainCallTimingBenchmarks;

namespace JobHome.Benchmarks.Orleans;

/// <summary>
/// Console helper <c>time-call-timing CALLS ROUNDS</c>: the process CPU time and the bytes allocated per grain call with
/// the grain call timings off, on (listened to as on <c>/metrics</c>) and on but not listened to
/// (<see cref="GrainCallTimingBenchmarks"/>'s silo), in ROUNDS rounds that alternate the three (the order rotates each
/// round), each on a fresh silo: CALLS local calls 64 at a time from the silo's grain factory, then CALLS / 2 calls of a
/// grain to another grain in the same silo (two grain calls each). CPU time rather than elapsed time, so a machine shared
/// with other work still gives comparable numbers (BenchmarkDotNet times the elapsed time).
/// </summary>
public static class CallTimingCpu
{
    private const int Concurrent = 64;

    /// <summary>Handles <c>time-call-timing</c>; returns false for other arguments.</summary>
    public static bool TryRun(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length < 1 || args[0] != "time-call-timing")
        {
            return false;
        }
        var calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        Run(calls, rounds).GetAwaiter().GetResult();
        return true;
    }

    private static async Task Run(int calls, int rounds)
    {
        Timing[] variants = [Timing.Off, Timing.On, Timing.FilterUnlistened];
        var results = variants.ToDictionary(v => v, _ => new List<(double Local, double LocalBytes, double Pair, double PairBytes)>());
        Console.WriteLine("round variant: local call µs CPU, bytes | grain-to-grain µs CPU, bytes (per outer call) | load");
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < variants.Length; i++)
            {
                var variant = variants[(i + round) % variants.Length];
                var (cluster, metrics) = Start(variant);
                try
                {
                    var factory = cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>();
                    var many = Enumerable.Range(0, Concurrent).Select(k => factory.GetGrain<ICallGrain>($"many-{k}")).ToArray();
                    var callers = Enumerable.Range(0, Concurrent).Select(k => factory.GetGrain<ICallGrain>($"caller-{k}")).ToArray();
                    await Batches(calls / 10, k => many[k].PingAsync());
                    await Batches(calls / 20, k => callers[k].CallOtherAsync($"other-{k}"));
                    var local = await Measure(calls, k => many[k].PingAsync());
                    var pair = await Measure(calls / 2, k => callers[k].CallOtherAsync($"other-{k}"));
                    results[variant].Add((local.Cpu, local.Bytes, pair.Cpu, pair.Bytes));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{round + 1} {variant}: {local.Cpu:F2} µs, {local.Bytes:F0} B | {pair.Cpu:F2} µs, {pair.Bytes:F0} B | {File.ReadAllText("/proc/loadavg").Trim()}"));
                }
                finally
                {
                    await cluster.DisposeAsync();
                    metrics.Dispose();
                }
            }
        }
        Console.WriteLine("medians: variant: local call µs CPU, bytes | grain-to-grain µs CPU, bytes");
        foreach (var variant in variants)
        {
            var r = results[variant];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{variant}: {Median(r.Select(x => x.Local)):F2} µs, {Median(r.Select(x => x.LocalBytes)):F0} B | {Median(r.Select(x => x.Pair)):F2} µs, {Median(r.Select(x => x.PairBytes)):F0} B"));
        }
    }

    private static async Task<(double Cpu, double Bytes)> Measure(int calls, Func<int, Task> call)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        await Batches(calls, call);
        process.Refresh();
        return ((process.TotalProcessorTime - cpu).TotalMicroseconds / calls, (GC.GetTotalAllocatedBytes(precise: true) - bytes) / (double)calls);
    }

    private static async Task Batches(int calls, Func<int, Task> call)
    {
        var tasks = new Task[Concurrent];
        for (var done = 0; done < calls; done += Concurrent)
        {
            for (var k = 0; k < Concurrent; k++)
            {
                tasks[k] = call(k);
            }
            await Task.WhenAll(tasks);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }
}
