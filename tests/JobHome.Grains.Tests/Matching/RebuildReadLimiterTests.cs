using System.Threading.Channels;
using JobHome.Grains.Matching;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// The silo-wide bound on rebuild reads: many partitions' batches (16 reads each) started together never have more than
/// the limit in flight, every read completes with its own result, and a failing read gives its permit back; urgent reads
/// (a rebuild's posts) take the next permits ahead of reads that waited longer, and a cancelled wait loses no permit.
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
    public async Task UrgentReads_TakeTheNextPermits_AheadOfEarlierWaitingReads()
    {
        // One batch permit (16 / 16), held by a read that waits at a gate; then two ordinary and two urgent batches queue.
        using var limiter = new RebuildReadLimiter(16);
        var holder = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = limiter.RunBatchAsync(() => holder.Task, CancellationToken.None);
        var order = new List<string>();
        Task<int> Queue(string name, bool urgent) => limiter.RunBatchAsync(() =>
        {
            lock (order)
            {
                order.Add(name);
            }
            return Task.FromResult(0);
        }, CancellationToken.None, urgent);
        var reads = new[] { Queue("seekers 1", false), Queue("posts 1", true), Queue("seekers 2", false), Queue("posts 2", true) };
        Assert.Empty(order);

        holder.SetResult(1);
        await Task.WhenAll(reads.Append(held));

        Assert.Equal(["posts 1", "posts 2", "seekers 1", "seekers 2"], order);
        Assert.Equal(5, limiter.BatchReads);
        Assert.Equal(0, limiter.InFlight);
    }

    [Fact]
    public async Task CancelledWaitingRead_LeavesTheQueue_WithoutLosingThePermit()
    {
        using var limiter = new RebuildReadLimiter(1);
        var holder = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = limiter.RunAsync(() => holder.Task, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = limiter.RunAsync(() => Task.FromResult(2), cancel.Token, urgent: true);
        var waiting = limiter.RunAsync(() => Task.FromResult(3), CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        holder.SetResult(1);

        Assert.Equal(1, await held);
        Assert.Equal(3, await waiting);
        Assert.Equal(4, await limiter.RunAsync(() => Task.FromResult(4), CancellationToken.None));
        Assert.Equal(0, limiter.InFlight);
    }

    [Fact]
    public void LimitBelowOne_IsRejectedNamingTheOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RebuildReadLimiter(0));
        Assert.Contains("RebuildReadsInFlight", e.Message, StringComparison.Ordinal);
    }
}
