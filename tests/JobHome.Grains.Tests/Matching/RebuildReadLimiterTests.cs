using System.Threading.Channels;
using JobHome.Grains.Matching;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// The silo-wide bound on rebuild reads: many partitions' batches (16 reads each) started together never have more than
/// the limit in flight, every read completes with its own result, and a failing read gives its permit back.
/// </summary>
public sealed class RebuildReadLimiterTests
{
    [Fact]
    public async Task ManyPartitionsReadingAtOnce_NeverExceedLimit_AndEveryReadCompletes()
    {
        using var limiter = new RebuildReadLimiter(4);
        const int partitions = 20;
        const int perPartition = 16;
        var gates = Enumerable.Range(0, partitions * perPartition)
            .Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var started = Channel.CreateUnbounded<(int Id, int InFlight)>();
        // Every partition's batch starts its 16 reads at once, as RecordStateReader does.
        var reads = Enumerable.Range(0, gates.Length).Select(i => limiter.RunAsync(() =>
        {
            started.Writer.TryWrite((i, limiter.InFlight));
            return gates[i].Task;
        }, CancellationToken.None)).ToArray();

        Assert.Equal(4, limiter.InFlight);
        var order = new List<int>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // Release each read once it started: a completion lets exactly one waiting read in.
        for (var released = 0; released < gates.Length; released++)
        {
            var (id, inFlight) = await started.Reader.ReadAsync(timeout.Token);
            Assert.InRange(inFlight, 1, 4);
            order.Add(id);
            gates[id].SetResult(id * 7);
        }
        var results = await Task.WhenAll(reads);

        Assert.Equal(Enumerable.Range(0, gates.Length).Select(i => i * 7), results);
        Assert.Equal(gates.Length, order.Distinct().Count());
        Assert.Equal(4, limiter.PeakInFlight);
        Assert.Equal(0, limiter.InFlight);
        Assert.Equal(gates.Length, limiter.Reads);
    }

    [Fact]
    public async Task FailingRead_ReleasesItsPermit()
    {
        using var limiter = new RebuildReadLimiter(1);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            limiter.RunAsync<int>(() => throw new InvalidOperationException("storage down"), CancellationToken.None));
        Assert.Equal(0, limiter.InFlight);
        Assert.Equal(5, await limiter.RunAsync(() => Task.FromResult(5), CancellationToken.None));
    }

    [Fact]
    public void LimitBelowOne_IsRejectedNamingTheOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RebuildReadLimiter(0));
        Assert.Contains("RebuildReadsInFlight", e.Message, StringComparison.Ordinal);
    }
}
