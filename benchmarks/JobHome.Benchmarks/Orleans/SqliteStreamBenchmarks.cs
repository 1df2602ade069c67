using BenchmarkDotNet.Attributes;
using JobHome.Storage.Sqlite;
using JobHome.Storage.Sqlite.Streams;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Streams;

namespace JobHome.Benchmarks.Orleans;

/// <summary>
/// The embedded durable stream below Orleans' pulling agent: 10,000 events published over <see cref="Streams"/> streams
/// concurrently in batches of <see cref="BatchSize"/> (one <c>OnNextBatchAsync</c> each), then read by the queues'
/// receivers and confirmed (events are 64-bit numbers: site and sequence) (deleted) as the agent does after delivery. Time per event, publish to confirm.
/// </summary>
[Config(typeof(OrleansStorageBenchmarkConfig))]
[MemoryDiagnoser]
public class SqliteStreamBenchmarks
{
    private const int Events = 10_000;
    private BenchmarkFile _file = null!;
    private SqliteQueueAdapterFactory _factory = null!;
    private IQueueAdapter _adapter = null!;
    private IQueueAdapterReceiver[] _receivers = [];

    /// <summary>Streams published to concurrently.</summary>
    [Params(1, 100)]
    public int Streams { get; set; }

    /// <summary>SQLite's synchronous level under WAL.</summary>
    [Params(SqliteSynchronous.Normal, SqliteSynchronous.Full)]
    public SqliteSynchronous Synchronous { get; set; }

    /// <summary>Events per publish call.</summary>
    [Params(1, 100)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _file = new BenchmarkFile(Synchronous);
        // No idle wait: the loop below visits every receiver in turn, and one that has drained its queue must not wait.
        var options = new SqliteStreamOptions { IdleWait = TimeSpan.Zero };
        _factory = new SqliteQueueAdapterFactory(
            "bench", options, _file.Store, BenchmarkFile.SerializerFor<SqliteBatchContainer>(), NullLoggerFactory.Instance);
        _adapter = _factory.CreateAdapter(CancellationToken.None).GetAwaiter().GetResult();
        _receivers = _factory.GetStreamQueueMapper().GetAllQueues().Select(_adapter.CreateReceiver).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _file.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Events)]
    public async Task PublishAndConsume()
    {
        var perStream = Events / Streams;
        await Task.WhenAll(Enumerable.Range(0, Streams).Select(async s =>
        {
            var stream = StreamId.Create("bench", s.ToString(System.Globalization.CultureInfo.InvariantCulture));
            for (var i = 0; i < perStream; i += BatchSize)
            {
                var events = Enumerable.Range(i, Math.Min(BatchSize, perStream - i)).Select(e => ((long)s << 32) | (uint)e).ToList();
                await _adapter.QueueMessageBatchAsync(stream, events, null, null);
            }
        }));

        var consumed = 0;
        while (consumed < Events)
        {
            foreach (var receiver in _receivers)
            {
                var page = await receiver.GetQueueMessagesAsync(1000, CancellationToken.None);
                foreach (var batch in page)
                {
                    consumed += batch.GetEvents<long>().Count();
                }

                await receiver.MessagesDeliveredAsync(page, CancellationToken.None);
            }
        }
    }
}
