using JobHome.Storage.Postgres.Streams;
using JobHome.Storage.Schema;
using JobHome.Storage.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;

namespace JobHome.Storage.Tests.Postgres;

/// <summary>
/// PostgreSQL stream receivers woken by LISTEN/NOTIFY: another silo's enqueue wakes a waiting read, a notification that
/// never arrives is made up for by the idle poll, and a dropped LISTEN connection wakes every receiver when it is back.
/// Each "silo" is Orleans' real ADO.NET provider on its own service provider against a fresh database; the idle wait
/// and the reconnect delay run on a fake clock that only moves when a test says so, so a read that completes without
/// a move was woken by a notification.
/// </summary>
public sealed class PostgresStreamWakeUpTests : IAsyncLifetime
{
    private const string Provider = "jobhome";
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new();
    private readonly PostgresStreamWakeUpOptions _options = new()
    {
        IdleWait = TimeSpan.FromSeconds(5),
        ReconnectDelay = TimeSpan.FromSeconds(2),
    };
    private readonly List<ServiceProvider> _silos = [];
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync("pg_stream_wake");
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await SchemaMigrator.ForEmbeddedScripts(SchemaDialect.Postgres).MigrateAsync(connection, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await TestPostgres.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task GetQueueMessagesAsync_IdleQueue_WokenByAnotherSilosEnqueueWithoutTheClockMoving()
    {
        var consumer = NotifiedFactory();
        var receiver = await ReceiverAsync(consumer);
        await consumer.Notifications.Listening.WaitAsync(Guard);
        Assert.Empty(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));

        var waiting = receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        var publisher = await PlainFactory().CreateAdapter(CancellationToken.None);
        await PublishAsync(publisher, 7);

        // Only the enqueue's NOTIFY can end this wait: the idle wait is on a clock nobody moves.
        var read = await waiting.WaitAsync(Guard);
        Assert.Equal([7], Payloads(read));
        Assert.Equal(2, receiver.Reads);
        Assert.True(consumer.Notifications.Received >= 1);
    }

    [Fact]
    public async Task GetQueueMessagesAsync_IdleQueue_NoReadBeforeTheIdleWaitThenOneRead()
    {
        var consumer = NotifiedFactory();
        var receiver = await ReceiverAsync(consumer);
        // LISTEN up first: coming up wakes every receiver once, which would end the idle wait below early.
        await consumer.Notifications.Listening.WaitAsync(Guard);
        Assert.Empty(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));

        var idle = receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        _time.Advance(_options.IdleWait - TimeSpan.FromMilliseconds(1));
        Assert.False(idle.IsCompleted);
        Assert.Equal(1, receiver.Reads);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Empty(await idle.WaitAsync(Guard));
        Assert.Equal(2, receiver.Reads);
    }

    [Fact]
    public async Task GetQueueMessagesAsync_ShortRead_NextReadWaitsForTheNextCommit()
    {
        var consumer = NotifiedFactory();
        var receiver = await ReceiverAsync(consumer);
        await consumer.Notifications.Listening.WaitAsync(Guard);
        var publisher = await PlainFactory().CreateAdapter(CancellationToken.None);
        await PublishAsync(publisher, 1);
        await PublishAsync(publisher, 2);
        // Both notifications in before the read, so they cannot count as commits after it (another process: poll).
        using (var deadline = new CancellationTokenSource(Guard))
        {
            while (consumer.Notifications.Received < 2)
            {
                await Task.Delay(20, deadline.Token);
            }
        }

        // Two rows for a read of up to 100: the end of the queue, so no dequeue that would find nothing follows.
        Assert.Equal([1, 2], Payloads(await receiver.GetQueueMessagesAsync(100, CancellationToken.None)));
        var waiting = receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        Assert.Equal(1, receiver.Reads);
        await PublishAsync(publisher, 3);

        Assert.Equal([3], Payloads(await waiting.WaitAsync(Guard)));
        Assert.Equal(2, receiver.Reads);
    }

    [Fact]
    public async Task GetQueueMessagesAsync_NotificationLost_RowReadByTheIdlePoll()
    {
        // A signal no LISTEN connection feeds: every notification of the queue is lost.
        var adapter = await PlainFactory().CreateAdapter(CancellationToken.None);
        var receiver = new NotifiedQueueAdapterReceiver(adapter.CreateReceiver(Queue()), new QueueSignal(), _options, _time);
        await receiver.Initialize(Guard, CancellationToken.None);
        Assert.Empty(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));

        var waiting = receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        await PublishAsync(adapter, 11);
        Assert.False(waiting.IsCompleted);
        _time.Advance(_options.IdleWait);

        Assert.Equal([11], Payloads(await waiting.WaitAsync(Guard)));
    }

    [Fact]
    public async Task Listener_ConnectionTerminated_ReconnectsAndWakesTheReceiverForRowsSentMeanwhile()
    {
        var consumer = NotifiedFactory();
        var receiver = await ReceiverAsync(consumer);
        await consumer.Notifications.Listening.WaitAsync(Guard);
        Assert.Empty(await receiver.GetQueueMessagesAsync(100, CancellationToken.None));
        var waiting = receiver.GetQueueMessagesAsync(100, CancellationToken.None);

        await TerminateListenerAsync();
        // Another process's effect: poll it with a generous deadline.
        using (var deadline = new CancellationTokenSource(Guard))
        {
            while (consumer.Notifications.Failures == 0)
            {
                await Task.Delay(20, deadline.Token);
            }
        }

        // Sent while nobody listens: its notification is lost.
        await PublishAsync(await PlainFactory().CreateAdapter(CancellationToken.None), 13);
        Assert.False(waiting.IsCompleted);
        _time.Advance(_options.ReconnectDelay);
        await consumer.Notifications.Listening.WaitAsync(Guard);

        Assert.Equal([13], Payloads(await waiting.WaitAsync(Guard)));
        Assert.Equal(1, consumer.Notifications.Failures);
    }

    [Fact]
    public void WakeStreamsByNotify_NoAdoNetStreams_RefusedNamingTheProvider()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => new ServiceCollection().WakeStreamsByNotify(Provider, _connectionString, _options));
        Assert.Contains("'jobhome'", error.Message, StringComparison.Ordinal);
    }

    private static QueueId Queue() => QueueId.GetQueueId(Provider, 0, 0);

    private static List<int> Payloads(IList<IBatchContainer> batches) =>
        [.. batches.SelectMany(b => b.GetEvents<int>()).Select(e => e.Item1)];

    private static Task PublishAsync(IQueueAdapter adapter, int value) =>
        adapter.QueueMessageBatchAsync(StreamId.Create("test", "s-1"), [value], null, []);

    private async Task<NotifiedQueueAdapterReceiver> ReceiverAsync(NotifiedQueueAdapterFactory factory)
    {
        var adapter = await factory.CreateAdapter(CancellationToken.None);
        var mapper = factory.GetStreamQueueMapper();
        var receiver = (NotifiedQueueAdapterReceiver)adapter.CreateReceiver(mapper.GetAllQueues().Single());
        await receiver.Initialize(Guard, CancellationToken.None);
        return receiver;
    }

    private NotifiedQueueAdapterFactory NotifiedFactory() =>
        (NotifiedQueueAdapterFactory)Silo(notify: true).GetRequiredKeyedService<IQueueAdapterFactory>(Provider);

    private IQueueAdapterFactory PlainFactory() => Silo(notify: false).GetRequiredKeyedService<IQueueAdapterFactory>(Provider);

    // Orleans' ADO.NET stream provider as a silo registers it (one queue), with or without the NOTIFY wake-up.
    private ServiceProvider Silo(bool notify)
    {
        var services = new ServiceCollection().AddSerializer().AddLogging();
        services.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = "cluster";
            o.ServiceId = "service";
        });
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IHostApplicationLifetime, ApplicationLifetime>();
        _ = new SiloAdoNetStreamConfigurator(Provider, configure => configure(services))
            .ConfigureAdoNet(b => b.Configure(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = _connectionString;
            }))
            .ConfigurePartitioning(1);
        if (notify)
        {
            services.WakeStreamsByNotify(Provider, _connectionString, _options);
        }

        var silo = services.BuildServiceProvider();
        _silos.Add(silo);
        return silo;
    }

    private async Task TerminateListenerAsync()
    {
        var database = new NpgsqlConnectionStringBuilder(_connectionString).Database;
        var killed = await TestPostgres.ScalarAsync(TestPostgres.AdminConnectionString,
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            + $"WHERE application_name = 'jobhome-stream-listen' AND datname = '{database}') AS t");
        Assert.Equal(1, killed);
    }
}
