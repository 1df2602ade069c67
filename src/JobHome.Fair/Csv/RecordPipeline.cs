using System.Collections.Concurrent;

namespace JobHome.Fair.Csv;

/// <summary>
/// Hands records from the thread that tokenizes a file to one thread that parses them, in batches and in file order,
/// so that splitting a file into fields and turning fields into rows run on two cores at once. Everything the
/// consumer does happens in the same order as in a single thread.
/// </summary>
internal sealed class RecordPipeline : IDisposable
{
    private const int BatchSize = 256;

    private readonly BlockingCollection<List<CsvRecord>> _batches = new(boundedCapacity: 16);
    private readonly CancellationTokenSource _consumerFailed = new();
    private readonly Task _consumer;
    private List<CsvRecord> _batch = new(BatchSize);
    private bool _completed;

    /// <summary>Starts the consumer, which calls <paramref name="onRecord"/> for every record added, in order.</summary>
    public RecordPipeline(Action<CsvRecord> onRecord)
    {
        _consumer = Task.Run(() =>
        {
            try
            {
                foreach (var batch in _batches.GetConsumingEnumerable())
                {
                    foreach (var record in batch)
                    {
                        onRecord(record);
                    }
                }
            }
            catch
            {
                // Unblocks a producer waiting for room; Complete rethrows this exception.
                _consumerFailed.Cancel();
                throw;
            }
        });
    }

    /// <summary>Queues a record (blocks while the consumer is far behind).</summary>
    public void Add(CsvRecord record)
    {
        _batch.Add(record);
        if (_batch.Count == BatchSize)
        {
            Flush();
        }
    }

    /// <summary>
    /// Hands over the last records and waits until every record was consumed; rethrows the consumer's exception.
    /// Call it also when the producer fails, before reporting the failure, so that the consumer's output comes first.
    /// </summary>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }
        _completed = true;
        try
        {
            if (_batch.Count > 0 && !_consumerFailed.IsCancellationRequested)
            {
                Flush();
            }
        }
        catch (OperationCanceledException) when (_consumerFailed.IsCancellationRequested)
        {
            // The consumer failed: its exception is rethrown below.
        }
        finally
        {
            _batches.CompleteAdding();
        }
        _consumer.GetAwaiter().GetResult();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_completed)
        {
            _batches.CompleteAdding();
            _consumer.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default).Wait();
        }
        _batches.Dispose();
        _consumerFailed.Dispose();
    }

    private void Flush()
    {
        _batches.Add(_batch, _consumerFailed.Token);
        _batch = new List<CsvRecord>(BatchSize);
    }
}
