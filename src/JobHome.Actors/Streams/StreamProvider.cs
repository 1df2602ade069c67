using System.Threading.Channels;
using JobHome.Actors.Diagnostics;
using JobHome.Actors.Dispatch;

namespace JobHome.Actors.Streams;

/// <summary>
/// The silo's stream provider. Producers' events go through one in-process queue; a single writer loop appends
/// everything that accumulated while the previous append was in flight as one <see cref="IStreamLog.AppendAsync"/>
/// batch (natural batching: no added latency when idle, large batches under load), then wakes the local delivery
/// agents of the namespaces it wrote to.
/// </summary>
internal sealed class StreamProvider(GrainRuntime runtime) : IStreamProvider
{
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, List<StreamAgent>> _agents = new(StringComparer.Ordinal);
    private Task? _loop;

    public IAsyncStream<T> GetStream<T>(string streamNamespace, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamNamespace);
        ArgumentNullException.ThrowIfNull(key);
        return new AsyncStream<T>(this, new StreamId(streamNamespace, key));
    }

    public void AddAgent(StreamAgent agent)
    {
        if (!_agents.TryGetValue(agent.Namespace, out var list))
        {
            _agents[agent.Namespace] = list = [];
        }

        list.Add(agent);
    }

    public void Start(IStreamLog log) => _loop = Task.Run(() => RunAsync(log));

    public async Task StopAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
    }

    internal Task Publish(StreamAppend one, StreamAppend[]? many, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingAppend(one, many);
        if (!_queue.Writer.TryWrite(pending))
        {
            return Task.FromException(new InvalidOperationException("The silo is stopping; the stream no longer accepts events."));
        }

        return pending.Done.Task;
    }

    internal byte[] Serialize<T>(T item) => runtime.Serializer.Serialize(item);

    private async Task RunAsync(IStreamLog log)
    {
        var reader = _queue.Reader;
        var batch = new List<StreamAppend>();
        var owners = new List<PendingAppend>();
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        var max = Math.Max(1, runtime.Options.StreamPublishBatchSize);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < max && reader.TryRead(out var pending))
            {
                owners.Add(pending);
                if (pending.Many is null)
                {
                    batch.Add(pending.One);
                }
                else
                {
                    batch.AddRange(pending.Many);
                }
            }

            try
            {
                await log.AppendAsync(batch, CancellationToken.None).ConfigureAwait(false);
                foreach (var owner in owners)
                {
                    owner.Done.TrySetResult();
                }
            }
#pragma warning disable CA1031 // The failure goes to every producer of the batch.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                ActorsLog.PublishFailed(runtime.Logger, ex, batch.Count);
                foreach (var owner in owners)
                {
                    owner.Done.TrySetException(ex);
                }
            }

            foreach (var append in batch)
            {
                namespaces.Add(append.Stream.Namespace);
            }

            foreach (var ns in namespaces)
            {
                if (_agents.TryGetValue(ns, out var agents))
                {
                    foreach (var agent in agents)
                    {
                        agent.Notify();
                    }
                }
            }

            namespaces.Clear();
            batch.Clear();
            owners.Clear();
        }
    }

    private sealed class PendingAppend(StreamAppend one, StreamAppend[]? many)
    {
        public StreamAppend One { get; } = one;

        public StreamAppend[]? Many { get; } = many;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class AsyncStream<T>(StreamProvider provider, StreamId id) : IAsyncStream<T>
    {
        public StreamId StreamId { get; } = id;

        public Task OnNextAsync(T item, CancellationToken cancellationToken = default) =>
            provider.Publish(new StreamAppend(StreamId, provider.Serialize(item)), null, cancellationToken);

        public Task OnNextBatchAsync(IEnumerable<T> items, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(items);
            StreamAppend[] appends = [.. items.Select(i => new StreamAppend(StreamId, provider.Serialize(i)))];
            return appends.Length == 0 ? Task.CompletedTask : provider.Publish(default, appends, cancellationToken);
        }
    }
}
