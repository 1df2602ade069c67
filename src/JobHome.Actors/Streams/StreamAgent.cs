using System.Collections.Concurrent;
using System.Reflection;
using JobHome.Actors.Activation;
using JobHome.Actors.Diagnostics;
using JobHome.Actors.Dispatch;

namespace JobHome.Actors.Streams;

/// <summary>
/// Pulling agent of one consumer grain class on one namespace. Reads the log from the consumer's checkpoint in
/// batches, delivers each stream's events in order to the grain keyed by the stream key (different streams of a
/// batch in parallel), retries a failing event up to the configured attempts (each failure recorded in the log), then
/// dead-letters it and moves on; the checkpoint advances only after the whole batch was delivered or dead-lettered.
/// A crash before the checkpoint re-delivers the batch: at least once, consumers dedupe by sequence number.
/// </summary>
internal sealed class StreamAgent
{
    private static readonly MethodInfo DeliverMethod = typeof(StreamAgent).GetMethod(nameof(DeliverTypedAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly GrainRuntime _runtime;
    private readonly GrainClassInfo _consumerClass;
    private readonly IStreamLog _log;
    private readonly Func<StreamEventRecord, Task> _deliver;
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;

    public StreamAgent(GrainRuntime runtime, GrainClassInfo consumerClass, string streamNamespace, IStreamLog log)
    {
        _runtime = runtime;
        _consumerClass = consumerClass;
        _log = log;
        Namespace = streamNamespace;
        ConsumerName = consumerClass.GrainTypeName;
        _deliver = DeliverMethod.MakeGenericMethod(consumerClass.StreamItemTypes[0]).CreateDelegate<Func<StreamEventRecord, Task>>(this);
    }

    public string Namespace { get; }

    public string ConsumerName { get; }

    public void Start() => _loop = Task.Run(RunAsync);

    public void Notify() => Volatile.Read(ref _signal).TrySetResult();

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Notify();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        long? checkpoint = null;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                checkpoint ??= await _log.GetCheckpointAsync(ConsumerName, Namespace, ct).ConfigureAwait(false);
                var wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _signal, wake);
                var batch = await _log.ReadAsync(Namespace, checkpoint.Value, _runtime.Options.StreamReadBatchSize, ct).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    await WaitAsync(wake.Task, ct).ConfigureAwait(false);
                    continue;
                }

                await ProcessAsync(batch, ct).ConfigureAwait(false);
                checkpoint = batch[^1].Position;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The agent must outlive storage hiccups: log, wait, re-read the checkpoint.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                ActorsLog.AgentFailed(_runtime.Logger, ex, ConsumerName, Namespace);
                checkpoint = null;
                try
                {
                    await Task.Delay(_runtime.Options.StreamPollInterval, _runtime.Time, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task WaitAsync(Task wake, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(_runtime.Options.StreamPollInterval, _runtime.Time, cts.Token);
        await Task.WhenAny(wake, delay).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
    }

    private async Task ProcessAsync(IReadOnlyList<StreamEventRecord> batch, CancellationToken ct)
    {
        var dead = new ConcurrentBag<(StreamEventRecord Event, string Error, int Attempts)>();
        var streams = batch.GroupBy(e => e.Stream.Key, StringComparer.Ordinal).ToList();
        if (streams.Count == 1)
        {
            await DeliverStreamAsync(streams[0], dead, ct).ConfigureAwait(false);
        }
        else
        {
            await Task.WhenAll(streams.Select(s => DeliverStreamAsync(s, dead, ct))).ConfigureAwait(false);
        }

        foreach (var (record, error, attempts) in dead.OrderBy(d => d.Event.Position))
        {
            await _log.DeadLetterAsync(ConsumerName, record, error, attempts, ct).ConfigureAwait(false);
            _runtime.Metrics.DeadLetters.Add(1);
            ActorsLog.DeadLettered(_runtime.Logger, ConsumerName, record.Stream.ToString(), record.Sequence, attempts);
        }

        await _log.SetCheckpointAsync(ConsumerName, Namespace, batch[^1].Position, ct).ConfigureAwait(false);
    }

    private async Task DeliverStreamAsync(IEnumerable<StreamEventRecord> events, ConcurrentBag<(StreamEventRecord, string, int)> dead, CancellationToken ct)
    {
        var max = Math.Max(1, _runtime.Options.StreamMaxDeliveryAttempts);
        foreach (var record in events)
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    await _deliver(record).ConfigureAwait(false);
                    _runtime.Metrics.StreamEvents.Add(1);
                    if (_runtime.Metrics.StreamLag.Enabled)
                    {
                        _runtime.Metrics.StreamLag.Record((_runtime.Time.GetUtcNow() - record.EnqueuedAt).TotalMilliseconds);
                    }

                    break;
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    var error = $"{ex.GetType().FullName}: {ex.Message}";
                    var attempts = await _log.RecordFailureAsync(ConsumerName, record, error, ct).ConfigureAwait(false);
                    ActorsLog.DeliveryFailed(_runtime.Logger, ex, ConsumerName, record.Stream.ToString(), record.Sequence, attempts, max);
                    if (attempts >= max)
                    {
                        dead.Add((record, error, attempts));
                        break;
                    }
                }
            }
        }
    }

    private Task DeliverTypedAsync<T>(StreamEventRecord record)
    {
        var item = _runtime.Serializer.Deserialize<T>(record.Payload);
        var token = new StreamSequenceToken(record.Stream, record.Sequence, record.Position);
        return _runtime.DispatchAsync(_consumerClass, record.Stream.Key, new DeliveryRequest<T>(item, token));
    }

    private sealed class DeliveryRequest<T>(T item, StreamSequenceToken token) : GrainRequest
    {
        public override string InterfaceName => "JobHome.Actors.Streams.IStreamConsumer";

        public override string MethodName => "OnNextAsync";

        public override Task Invoke(object grain) => ((IStreamConsumer<T>)grain).OnNextAsync(item, token);
    }
}
