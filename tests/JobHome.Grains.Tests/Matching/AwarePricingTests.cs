using System.Threading.Channels;
using JobHome.Grains.Matching;
using JobHome.Matching.Congestion;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// The silo-wide bound on price computations: many partitions due at once compute one at a time under one slot, each
/// still produces its prices, and a failing computation gives its slot back.
/// </summary>
public sealed class AwarePricingTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RefreshIfStale_ManyPartitionsDueAtOnce_ComputeOneAtATimeUnderOneSlot()
    {
        using var slots = new SemaphoreSlim(1);
        const int partitions = 8;
        var running = 0;
        var entered = Channel.CreateUnbounded<(int Partition, int Running)>();
        var gates = Enumerable.Range(0, partitions)
            .Select(_ => new ManualResetEventSlim(false)).ToArray();
        var done = Enumerable.Range(0, partitions)
            .Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var pricings = Enumerable.Range(0, partitions).Select(_ => new AwarePricing(slots)).ToArray();
        for (var i = 0; i < partitions; i++)
        {
            var n = i;
            pricings[n].RefreshIfStale(DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1), () =>
            {
                entered.Writer.TryWrite((n, Interlocked.Increment(ref running)));
                gates[n].Wait(Guard);
                Interlocked.Decrement(ref running);
                return n == 3 ? throw new InvalidOperationException("pricing failed") : Prices();
            }, _ => done[n].TrySetResult());
        }

        // Release whichever computation holds the slot, one after another: none ever runs beside another.
        using var timeout = new CancellationTokenSource(Guard);
        for (var k = 0; k < partitions; k++)
        {
            var (partition, inside) = await entered.Reader.ReadAsync(timeout.Token);
            Assert.Equal(1, inside);
            gates[partition].Set();
        }

        await Task.WhenAll(done.Where((_, i) => i != 3).Select(d => d.Task)).WaitAsync(Guard);
        // Every computation, the failed one too, gave its slot back.
        Assert.True(await slots.WaitAsync(Guard));
        Assert.IsType<InvalidOperationException>(pricings[3].LastError);
        foreach (var gate in gates)
        {
            gate.Dispose();
        }
    }

    private static PostPrices Prices() => PostPrices.Estimate([], new Dictionary<string, int>(), 10, new CongestionSettings(), 1);
}
