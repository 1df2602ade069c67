using JobHome.Actors.Streams;

namespace JobHome.Actors.Tests.Grains;

/// <summary>Decorates the stream log under test so that tests can await dead-lettering instead of polling.</summary>
public sealed class SignallingStreamLog(IStreamLog inner, GrainProbe probe) : IStreamLog
{
    public Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<StreamAppend> batch, CancellationToken cancellationToken) =>
        inner.AppendAsync(batch, cancellationToken);

    public Task<IReadOnlyList<StreamEventRecord>> ReadAsync(string streamNamespace, long afterPosition, int max, CancellationToken cancellationToken) =>
        inner.ReadAsync(streamNamespace, afterPosition, max, cancellationToken);

    public Task<long> GetCheckpointAsync(string consumer, string streamNamespace, CancellationToken cancellationToken) =>
        inner.GetCheckpointAsync(consumer, streamNamespace, cancellationToken);

    public async Task SetCheckpointAsync(string consumer, string streamNamespace, long position, CancellationToken cancellationToken)
    {
        await inner.SetCheckpointAsync(consumer, streamNamespace, position, cancellationToken);
        probe.Set($"checkpoint-{streamNamespace}-{position}");
    }

    public Task<int> RecordFailureAsync(string consumer, StreamEventRecord record, string error, CancellationToken cancellationToken) =>
        inner.RecordFailureAsync(consumer, record, error, cancellationToken);

    public async Task DeadLetterAsync(string consumer, StreamEventRecord record, string error, int attempts, CancellationToken cancellationToken)
    {
        await inner.DeadLetterAsync(consumer, record, error, attempts, cancellationToken);
        probe.Set($"dead-letter-{record.Stream}-{record.Sequence}");
    }

    public Task<IReadOnlyList<DeadLetterRecord>> ReadDeadLettersAsync(string streamNamespace, int max, CancellationToken cancellationToken) =>
        inner.ReadDeadLettersAsync(streamNamespace, max, cancellationToken);
}
