using JobHome.Actors;
using JobHome.Actors.Streams;

namespace JobHome.Benchmarks.Runtime;

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
