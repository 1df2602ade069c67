using JobHome.Actors;
using JobHome.Actors.Storage;
using JobHome.Actors.Streams;

namespace JobHome.Benchmarks.Runtime;

/// <summary>A small argument record, as grain interfaces use.</summary>
public sealed record PlacementQuery(string SeekerId, string PostId, int Top);

/// <summary>Benchmark grain interface.</summary>
public interface IBenchGrain : IGrainWithStringKey
{
    Task PingAsync();

    Task<int> QueryAsync(PlacementQuery query);

    Task<int> YieldingAsync();

    Task<int> CallOtherAsync(string otherKey);

    Task WriteAsync(int value);
}

/// <summary>State of <see cref="BenchGrain"/>.</summary>
public sealed class BenchState
{
    public int Value { get; set; }

    public string Label { get; set; } = "县级人力资源市场";
}

public sealed class BenchGrain([PersistentState("bench")] IPersistentState<BenchState> state) : Grain, IBenchGrain
{
    private int _calls;

    public Task PingAsync() => Task.CompletedTask;

    public Task<int> QueryAsync(PlacementQuery query) => Task.FromResult(query.Top + ++_calls);

    public async Task<int> YieldingAsync()
    {
        await Task.Yield();
        return ++_calls;
    }

    public Task<int> CallOtherAsync(string otherKey) => GrainFactory.GetGrain<IBenchGrain>(otherKey).QueryAsync(new PlacementQuery("s", "p", 1));

    public Task WriteAsync(int value)
    {
        state.State.Value = value;
        return state.WriteStateAsync();
    }
}

/// <summary>An event on the benchmark stream.</summary>
public sealed record SiteCounted(int Value);

/// <summary>Consumer interface of the benchmark stream.</summary>
public interface IBenchConsumerGrain : IGrainWithStringKey
{
    Task<long> GetCountAsync();
}

[ImplicitStreamSubscription(BenchConsumerGrain.Namespace)]
public sealed class BenchConsumerGrain(StreamBenchSignal signal) : Grain, IBenchConsumerGrain, IStreamConsumer<SiteCounted>
{
    public const string Namespace = "bench-events";

    private long _last;
    private long _count;

    public Task OnNextAsync(SiteCounted item, StreamSequenceToken token)
    {
        if (token.SequenceNumber > _last)
        {
            _last = token.SequenceNumber;
            _count++;
            signal.Delivered();
        }

        return Task.CompletedTask;
    }

    public Task<long> GetCountAsync() => Task.FromResult(_count);
}

/// <summary>Completes when the expected number of events has been consumed.</summary>
public sealed class StreamBenchSignal
{
    private long _remaining;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Expect(long count)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _remaining, count);
        return _done.Task;
    }

    public void Delivered()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }
}
